// End-to-end test of `newslens serve` in Debian's headless chromium, driven
// by playwright-core. Run by scripts/e2e.sh, which builds the database:
//
//   node e2e/e2e.mjs --bin target/release/newslens --db DB --shots DIR
//
// Starts the server on a free loopback port, then: the article list; an
// article with a highlighted quote (offsets in code points, also after an
// emoji); the quotes explorer filtered by speaker; the entity page; the
// narratives dashboard; search; the article titled <script>alert(1)</script>
// shown as text with no dialog. Fails on any dialog, page error, console
// error (a CSP violation is one) or failed request. Screenshots go to DIR.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

function arg(name, fallback) {
  const i = process.argv.indexOf("--" + name);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback !== undefined) return fallback;
  throw new Error("missing --" + name);
}

const bin = arg("bin");
const db = arg("db");
const shots = arg("shots");
const chromiumPath = arg("chromium", "/usr/bin/chromium");
mkdirSync(shots, { recursive: true });

// ---- the server ----------------------------------------------------------

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["serve", "--db", db, "--addr", "127.0.0.1:0"], {
      stdio: ["ignore", "inherit", "pipe"],
    });
    let err = "";
    const timer = setTimeout(() => reject(new Error("server did not start: " + err)), 15000);
    child.stderr.on("data", (chunk) => {
      err += chunk.toString();
      process.stderr.write(chunk);
      const m = err.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error("server exited with " + code + ": " + err));
    });
  });
}

// ---- the test ------------------------------------------------------------

const problems = [];
const dialogs = [];
let step = "start";
const { child, base } = await startServer();
child.removeAllListeners("exit");
const profile = mkdtempSync(join(tmpdir(), "newslens-e2e-profile-"));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] || (await context.newPage());
  page.on("dialog", async (d) => {
    dialogs.push(d.type() + ": " + d.message());
    await d.dismiss();
  });
  page.on("pageerror", (e) => problems.push(`[${step}] page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`[${step}] console error: ${m.text()}`);
  });
  page.on("requestfailed", (r) => problems.push(`[${step}] request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`[${step}] HTTP ${r.status()}: ${r.url()}`);
  });

  const api = async (path) => {
    const res = await fetch(base + path);
    assert.equal(res.status, 200, path);
    return res.json();
  };
  // Waits until the UI finished rendering the current route.
  // Then checks that no value was rendered as "[object Object]", "undefined" or "NaN".
  const rendered = async (before) => {
    await page.waitForFunction((b) => document.body.dataset.ready && document.body.dataset.ready !== b, before, {
      timeout: 10000,
    });
    const text = await page.locator("#main").innerText();
    for (const bad of ["[object Object]", "undefined", "NaN"]) {
      assert.ok(!text.includes(bad), `"${bad}" shown on ${page.url()}`);
    }
  };
  const readyMark = () => page.evaluate(() => document.body.dataset.ready || "");
  const go = async (hash) => {
    const before = await readyMark().catch(() => "");
    await page.goto(base + "/" + hash);
    await rendered(before);
  };
  const shot = (name) => page.screenshot({ path: join(shots, name + ".png"), fullPage: true });

  // 1. The article list.
  step = "articles";
  await go("#/");
  const rows = await page.locator("#articles tbody tr").count();
  const listed = await api("/api/articles?limit=25");
  assert.equal(rows, Math.min(25, listed.total), "article rows");
  assert.ok(rows >= 3, "at least three articles");
  await shot("1-articles");

  // 2. An article with a highlighted quote: open it by clicking its title.
  step = "article";
  const geneva = listed.items.find((a) => a.id === "talks-geneva.txt");
  assert.ok(geneva, "the bundled Geneva article is stored");
  let before = await readyMark();
  await page.getByRole("link", { name: geneva.title }).click();
  await rendered(before);
  assert.equal(await page.locator("#article-title").textContent(), geneva.title);
  const article = await api("/api/articles/" + encodeURIComponent(geneva.id));
  assert.ok(article.quotes.length > 0, "the Geneva article has quotes");
  for (let i = 0; i < article.quotes.length; i++) {
    const shown = await page
      .locator(`#article-text span[data-quote="${i}"]`)
      .evaluateAll((spans) => spans.map((s) => s.textContent).join(""));
    assert.equal(shown, article.quotes[i].text, `quote ${i} highlighted exactly`);
  }
  const firstQuote = page.locator('#article-text span.hl-quote[data-quote="0"]').first();
  const bg = await firstQuote.evaluate((n) => getComputedStyle(n).backgroundColor);
  assert.notEqual(bg, "rgba(0, 0, 0, 0)", "a quote has a highlight colour");
  assert.ok((await page.locator("#article-text .hl-speaker").count()) > 0, "speakers highlighted");
  assert.ok((await page.locator("#article-text .hl-entity").count()) > 0, "entities highlighted");
  await shot("2-article");

  // 2b. Code-point offsets after an emoji and in Cyrillic.
  step = "article-ru";
  await go("#/article/moscow-ru");
  const ru = await api("/api/articles/moscow-ru");
  for (let i = 0; i < ru.quotes.length; i++) {
    const shown = await page
      .locator(`#article-text span[data-quote="${i}"]`)
      .evaluateAll((spans) => spans.map((s) => s.textContent).join(""));
    assert.equal(shown, ru.quotes[i].text, `ru quote ${i}`);
  }
  assert.ok((await page.locator("#article-text .hl-narr").count()) > 0, "narrative evidence highlighted");
  await shot("3-article-ru");

  // 3. The quotes explorer, filtered by speaker through the form.
  step = "quotes";
  await go("#/quotes");
  const all = await page.locator("#quotes tbody tr").count();
  await page.fill("#f-speaker", "Ivanov");
  before = await readyMark();
  await page.click("#quote-filter button[type=submit]");
  await rendered(before);
  assert.match(page.url(), /speaker=Ivanov/);
  const speakers = await page.locator("#quotes tbody td.speaker").allTextContents();
  const filtered = await api("/api/quotes?speaker=Ivanov&limit=25");
  assert.ok(speakers.length > 0, "quotes by Ivanov");
  assert.equal(speakers.length, Math.min(25, filtered.total));
  assert.ok(speakers.length < all, "the filter narrows the list");
  for (const s of speakers) assert.match(s, /Ivanov/, "every row is Ivanov's");
  await shot("4-quotes-by-speaker");

  // 4. The entity page, from a speaker link (the fixture's Sergei Ivanov,
  // who has roles; the speaker filter matches a name or an entity id).
  step = "entity";
  await page.fill("#f-speaker", "Sergei Ivanov");
  before = await readyMark();
  await page.click("#quote-filter button[type=submit]");
  await rendered(before);
  before = await readyMark();
  await page.locator("#quotes tbody td.speaker a", { hasText: "Sergei Ivanov" }).first().click();
  await rendered(before);
  assert.equal(await page.locator("#entity-name").textContent(), "Sergei Ivanov");
  assert.match(await page.locator("#main .meta").textContent(), /· 3 quotes$/);
  assert.ok((await page.locator("#entity-quotes tbody tr").count()) > 0, "what he said");
  assert.ok((await page.locator("#roles-main .bar-row").count()) > 0, "how he is framed");
  assert.ok((await page.locator("#months .bar-row").count()) > 0, "mentions over time");
  await shot("5-entity");

  // 5. The narratives dashboard.
  step = "narratives";
  await go("#/narratives");
  assert.ok((await page.locator("#by-outlet tbody tr.narr-row").count()) > 0, "narratives by outlet");
  assert.ok((await page.locator("#by-outlet td.cell").count()) > 0, "counts per outlet");
  assert.ok((await page.locator("#by-month tbody tr").count()) > 0, "narratives by month");
  await shot("6-narratives");

  // 6. Search from the header box.
  step = "search";
  await page.fill("#search-q", "ultimatums");
  before = await readyMark();
  await page.press("#search-q", "Enter");
  await rendered(before);
  assert.ok((await page.locator("#hits li").count()) > 0, "search hits");
  assert.equal(await page.locator("#hits mark").first().textContent(), "ultimatums");
  await shot("7-search");

  // 7. The article titled <script>alert(1)</script> shows as text.
  step = "xss";
  await go("#/");
  const xssLink = page.getByRole("link", { name: "<script>alert(1)</script>" });
  assert.equal(await xssLink.count(), 1, "the title is listed as text");
  before = await readyMark();
  await xssLink.click();
  await rendered(before);
  assert.equal(await page.locator("#article-title").textContent(), "<script>alert(1)</script>");
  assert.equal(await page.locator("script").count(), 1, "only app.js is a script");
  assert.equal(await page.locator("#main img, #main b, #main i, #main script").count(), 0, "no markup from the article");
  assert.ok((await page.locator("#article-text").textContent()).includes("<img src=x onerror=alert(2)>"));
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, "no javascript: link");
  await page.waitForTimeout(300);
  await shot("8-xss-title-as-text");

  // 8. The talking-points page (its own page and script): the list renders
  // from the API, and the chosen point's charts when there is one.
  step = "talking-points";
  const points = await api("/api/talking-points?limit=200");
  await page.goto(base + "/talking-points");
  await page.waitForFunction(() => !document.querySelector("#rows").textContent.includes("Loading"), null, {
    timeout: 10000,
  });
  const pointRows = await page.locator("#rows tr").count();
  assert.equal(pointRows, Math.max(1, Math.min(200, points.total)), "talking-point rows");
  if (points.total > 0) {
    assert.ok((await page.locator("#detail svg rect").count()) > 0, "timeline bars of the first point");
    assert.equal(await page.locator("#detail blockquote").textContent(), points.items[0].text);
  }
  for (const bad of ["[object Object]", "undefined", "NaN"]) {
    assert.ok(!(await page.locator("#main").innerText()).includes(bad), `"${bad}" on the talking-points page`);
  }
  await shot("9-talking-points");

  assert.deepEqual(dialogs, [], "no alert or other dialog fired");
  assert.deepEqual(problems, [], "no page errors, console errors or failed requests");
  console.log(`e2e: ok (9 screenshots in ${shots})`);
} catch (err) {
  console.error(`e2e: FAILED at step "${step}": ${err.stack || err}`);
  if (problems.length) console.error("problems:\n  " + problems.join("\n  "));
  if (dialogs.length) console.error("dialogs:\n  " + dialogs.join("\n  "));
  process.exitCode = 1;
} finally {
  if (context) await context.close().catch(() => {});
  child.kill("SIGTERM");
  rmSync(profile, { recursive: true, force: true });
}
