// newslens web UI: plain JavaScript, no build step.
//
// Everything that comes from articles is untrusted. The DOM is built with
// createElement and textContent only (never HTML strings); links are made
// from our own hash routes with encodeURIComponent, and an article's own URL
// becomes a link only when it is http(s). Offsets in the API are Unicode
// code points, so text is sliced as Array.from(text), never by UTF-16 index.
"use strict";

(function () {
  const PAGE = 25;
  const main = () => document.getElementById("main");

  // ---- DOM helpers -------------------------------------------------------

  // el("a", {class: "x", href: "#/"}, "text", child…): attributes are set
  // with setAttribute (never "style" or event handlers), children are nodes
  // or strings (as text nodes).
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === "style" || k.startsWith("on")) throw new Error("refused attribute " + k);
        node.setAttribute(k, v === true ? "" : String(v));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) append(node, c);
      else if (c instanceof Node) node.appendChild(c);
      else node.appendChild(document.createTextNode(String(c)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function show(...children) {
    const m = clear(main());
    append(m, children);
    return m;
  }

  function route(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
    }
    const s = q.toString();
    return "#" + path + (s ? "?" + s : "");
  }

  const articleHref = (id, quote) =>
    route("/article/" + encodeURIComponent(id), quote === null || quote === undefined ? {} : { quote });
  const entityHref = (id) => route("/entity/" + encodeURIComponent(id));

  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (_) {
      return null;
    }
  }

  const fmt = (v) => (v === null || v === undefined || v === "" ? "—" : String(v));

  // ---- API ---------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
    }
    const s = q.toString();
    const res = await fetch(path + (s ? "?" + s : ""), { headers: { Accept: "application/json" } });
    let body = null;
    try {
      body = await res.json();
    } catch (_) {
      body = null;
    }
    if (!res.ok) {
      const msg = body && body.error && body.error.message ? body.error.message : res.statusText;
      throw new ApiError(res.status, msg);
    }
    return body;
  }

  function showError(err) {
    show(
      el("div", { class: "error", role: "alert" },
        el("strong", null, err instanceof ApiError ? "Error " + err.status + ": " : "Error: "),
        err && err.message ? err.message : String(err))
    );
  }

  // ---- text highlighting -------------------------------------------------

  // Splits `text` at every annotation boundary and wraps each piece covered
  // by annotations in a <span> with their classes. Annotations are
  // {start, end, cls, label, quote?} in code points; bad ones are skipped.
  function highlight(text, anns) {
    const chars = Array.from(text || "");
    const n = chars.length;
    const ok = anns.filter(
      (a) => Number.isInteger(a.start) && Number.isInteger(a.end) && a.start >= 0 && a.end <= n && a.start < a.end
    );
    const cuts = new Set([0, n]);
    for (const a of ok) {
      cuts.add(a.start);
      cuts.add(a.end);
    }
    const bounds = Array.from(cuts).sort((x, y) => x - y);
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i];
      const b = bounds[i + 1];
      const piece = chars.slice(a, b).join("");
      const active = ok.filter((x) => x.start <= a && x.end >= b);
      if (active.length === 0) {
        frag.appendChild(document.createTextNode(piece));
        continue;
      }
      const span = el("span", {
        class: Array.from(new Set(active.map((x) => x.cls))).join(" "),
        title: active.map((x) => x.label).join("\n"),
      }, piece);
      const q = active.find((x) => x.quote !== undefined);
      if (q) span.dataset.quote = String(q.quote);
      frag.appendChild(span);
    }
    return frag;
  }

  function articleAnnotations(a) {
    const anns = [];
    (a.quotes || []).forEach((q, i) => {
      const who = q.speaker ? q.speaker.name || q.speaker.text : "unknown speaker";
      anns.push({ start: q.start, end: q.end, cls: "hl-quote", label: "Quote (" + q.kind + ") by " + who, quote: i });
      if (q.speaker && Number.isInteger(q.speaker.start)) {
        anns.push({
          start: q.speaker.start,
          end: q.speaker.end,
          cls: "hl-speaker",
          label: "Speaker: " + (q.speaker.name || q.speaker.text),
        });
      }
    });
    for (const e of a.entities || []) {
      for (const m of e.mentions || []) {
        anns.push({ start: m.start, end: m.end, cls: "hl-entity hl-entity-" + safeClass(e.type), label: e.type + ": " + e.name });
      }
    }
    for (const nar of a.narratives || []) {
      for (const ev of nar.evidence || []) {
        anns.push({ start: ev.start, end: ev.end, cls: "hl-narr", label: "Narrative: " + (nar.subnarrative || nar.narrative) });
      }
    }
    for (const d of a.dates || []) {
      anns.push({ start: d.start, end: d.end, cls: "hl-date", label: "Date: " + d.value });
    }
    return anns;
  }

  function safeClass(s) {
    return ["person", "organization", "location", "other"].includes(s) ? s : "other";
  }

  function pager(total, offset, go) {
    const box = el("div", { class: "pager" });
    const end = Math.min(total, offset + PAGE);
    box.appendChild(el("span", { class: "muted" }, total === 0 ? "no results" : offset + 1 + "–" + end + " of " + total));
    if (offset > 0) {
      box.appendChild(el("a", { href: go(Math.max(0, offset - PAGE)), class: "btn" }, "← previous"));
    }
    if (end < total) {
      box.appendChild(el("a", { href: go(offset + PAGE), class: "btn" }, "next →"));
    }
    return box;
  }

  function intParam(params, key) {
    const v = parseInt(params.get(key) || "0", 10);
    return Number.isFinite(v) && v > 0 ? v : 0;
  }

  // ---- pages -------------------------------------------------------------

  async function pageArticles(params) {
    const q = params.get("q") || "";
    const offset = intParam(params, "offset");
    const form = el("form", { class: "filters", id: "article-filter" },
      el("label", null, "Text ", el("input", { name: "q", type: "search", value: q, id: "f-article-q" })),
      el("button", { type: "submit" }, "Filter"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      location.hash = route("/", { q: form.elements.q.value.trim() });
    });
    const page = await api("/api/articles", { q, limit: PAGE, offset });
    const rows = page.items.map((a) =>
      el("tr", null,
        el("td", null, el("a", { href: articleHref(a.id), class: "article-link" }, a.title || a.id)),
        el("td", null, fmt(a.published)),
        el("td", null, fmt(a.outlet)),
        el("td", null, fmt(a.lang)),
        el("td", { class: "num" }, a.quotes),
        el("td", { class: "num" }, a.entities),
        el("td", { class: "num" }, a.narratives)));
    show(
      el("h1", null, "Articles"),
      form,
      el("table", { class: "list", id: "articles" },
        el("thead", null, el("tr", null, ["Title", "Published", "Outlet", "Lang", "Quotes", "Entities", "Narratives"].map((h) => el("th", null, h)))),
        el("tbody", null, rows)),
      pager(page.total, offset, (o) => route("/", { q, offset: o })));
  }

  async function pageArticle(id, params) {
    const a = await api("/api/articles/" + encodeURIComponent(id));
    const url = safeUrl(a.source && a.source.url);
    const outlet = a.source && a.source.outlet;
    const layers = [
      ["quote", "Quotes"],
      ["speaker", "Speakers"],
      ["entity", "Entities"],
      ["narr", "Narrative evidence"],
      ["date", "Dates"],
    ];
    const body = el("div", { class: "article-text", id: "article-text" }, highlight(a.text, articleAnnotations(a)));
    const legend = el("div", { class: "legend" },
      layers.map(([key, label]) => {
        const box = el("input", { type: "checkbox", checked: true, "data-layer": key });
        box.addEventListener("change", () => body.classList.toggle("hide-" + key, !box.checked));
        return el("label", { class: "key key-" + key }, box, " ", label);
      }));

    const entityName = new Map((a.entities || []).map((e) => [e.id, e]));
    const quotes = el("ol", { class: "quote-list" },
      (a.quotes || []).map((q, i) => {
        const who = q.speaker ? q.speaker.name || q.speaker.text : null;
        const item = el("li", { "data-quote": i },
          el("span", { class: "speaker" }, who || "unknown speaker"),
          q.cue ? el("span", { class: "muted" }, " " + q.cue) : null,
          ": ",
          el("q", null, q.text),
          el("span", { class: "muted small" }, " " + q.kind + (q.said_on ? ", said " + q.said_on : "")));
        item.addEventListener("click", () => focusQuote(i));
        return item;
      }));
    const entities = el("ul", { class: "entity-list" },
      (a.entities || []).map((e) =>
        el("li", null,
          el("a", { href: e.actor ? entityHref(e.actor) : route("/entities", { q: e.name, type: e.type }) }, e.name),
          el("span", { class: "muted small" }, " " + e.type + " · " + (e.mentions || []).length + "×"))));
    const narratives = el("ul", { class: "narrative-list" },
      (a.narratives || []).map((n) =>
        el("li", null, el("span", { class: "narr-label" }, n.subnarrative || n.narrative),
          n.subnarrative ? el("div", { class: "muted small" }, n.narrative) : null,
          typeof n.score === "number" ? el("span", { class: "muted small" }, " score " + n.score.toFixed(2)) : null)));
    const roles = el("ul", { class: "role-list" },
      (a.roles || []).map((r) => {
        const e = entityName.get(r.entity);
        return el("li", null, el("strong", null, e ? e.name : r.entity), " — ", r.main,
          (r.fine || []).length ? " (" + r.fine.join(", ") + ")" : "");
      }));

    show(
      el("p", null, el("a", { href: "#/" }, "← Articles")),
      el("h1", { id: "article-title" }, a.title || a.id),
      el("p", { class: "meta" },
        fmt(a.published), " · ", fmt(outlet), " · ", fmt(a.lang),
        a.byline ? " · " + a.byline : "",
        url ? [" · ", el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "source")] : ""),
      legend,
      el("div", { class: "article-layout" },
        el("article", null, body),
        el("aside", null,
          el("h2", null, "Quotes (" + (a.quotes || []).length + ")"), quotes,
          el("h2", null, "Entities (" + (a.entities || []).length + ")"), entities,
          el("h2", null, "Narratives (" + (a.narratives || []).length + ")"), narratives,
          (a.roles || []).length ? [el("h2", null, "Roles"), roles] : null)));
    document.title = (a.title || a.id) + " — newslens";
    const q = params.get("quote");
    if (q !== null && /^\d+$/.test(q)) focusQuote(parseInt(q, 10));
  }

  function focusQuote(i) {
    const spans = document.querySelectorAll('#article-text span[data-quote="' + i + '"]');
    document.querySelectorAll(".focus").forEach((n) => n.classList.remove("focus"));
    spans.forEach((s) => s.classList.add("focus"));
    if (spans.length) spans[0].scrollIntoView({ block: "center" });
  }

  async function pageQuotes(params) {
    const f = {
      speaker: params.get("speaker") || "",
      q: params.get("q") || "",
      outlet: params.get("outlet") || "",
      since: params.get("since") || "",
      until: params.get("until") || "",
    };
    const offset = intParam(params, "offset");
    const input = (name, label, type) =>
      el("label", null, label + " ", el("input", { name, id: "f-" + name, type: type || "text", value: f[name] }));
    const form = el("form", { class: "filters", id: "quote-filter" },
      input("speaker", "Speaker"), input("q", "Text", "search"), input("outlet", "Outlet"),
      input("since", "Since", "date"), input("until", "Until", "date"),
      el("button", { type: "submit" }, "Filter"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const p = {};
      for (const k of Object.keys(f)) p[k] = form.elements[k].value.trim();
      location.hash = route("/quotes", p);
    });
    show(el("h1", null, "Quotes"), form, el("p", { class: "muted" }, "Loading…"));
    let page;
    try {
      page = await api("/api/quotes", Object.assign({}, f, { limit: PAGE, offset }));
    } catch (err) {
      show(el("h1", null, "Quotes"), form, el("div", { class: "error", role: "alert" }, err.message));
      return;
    }
    const rows = page.items.map((q) =>
      el("tr", { class: "quote-row" },
        el("td", { class: "nowrap" }, fmt(q.date)),
        el("td", { class: "speaker" },
          q.speaker_id ? el("a", { href: entityHref(q.speaker_id) }, q.speaker || q.speaker_text)
            : fmt(q.speaker || q.speaker_text)),
        el("td", null, el("q", null, q.text), el("span", { class: "muted small" }, " " + q.kind)),
        el("td", null, fmt(q.outlet)),
        el("td", null, el("a", { href: articleHref(q.article, q.index) }, q.title || q.article))));
    show(
      el("h1", null, "Quotes"),
      form,
      el("table", { class: "list", id: "quotes" },
        el("thead", null, el("tr", null, ["Date", "Speaker", "Quote", "Outlet", "Article"].map((h) => el("th", null, h)))),
        el("tbody", null, rows)),
      pager(page.total, offset, (o) => route("/quotes", Object.assign({}, f, { offset: o }))));
  }

  async function pageEntities(params) {
    const q = params.get("q") || "";
    const type = params.get("type") || "";
    const offset = intParam(params, "offset");
    const select = el("select", { name: "type", id: "f-type" },
      ["", "person", "organization", "location", "other"].map((t) =>
        el("option", { value: t, selected: t === type }, t || "any type")));
    const form = el("form", { class: "filters", id: "entity-filter" },
      el("label", null, "Name starts with ", el("input", { name: "q", type: "search", value: q, id: "f-entity-q" })),
      el("label", null, "Type ", select),
      el("button", { type: "submit" }, "Filter"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      location.hash = route("/entities", { q: form.elements.q.value.trim(), type: select.value });
    });
    const page = await api("/api/entities", { q, type, limit: PAGE, offset });
    const rows = page.items.map((e) =>
      el("tr", null,
        el("td", null, el("a", { href: entityHref(e.id) }, e.name)),
        el("td", null, e.type),
        el("td", { class: "num" }, e.articles),
        el("td", { class: "num" }, e.mentions),
        el("td", { class: "num" }, e.quotes)));
    show(
      el("h1", null, "Entities"),
      form,
      el("table", { class: "list", id: "entities" },
        el("thead", null, el("tr", null, ["Name", "Type", "Articles", "Mentions", "Quotes"].map((h) => el("th", null, h)))),
        el("tbody", null, rows)),
      pager(page.total, offset, (o) => route("/entities", { q, type, offset: o })));
  }

  function bars(rows, labelOf, valueOf, id) {
    const max = Math.max(1, ...rows.map(valueOf));
    return el("div", { class: "bars", id },
      rows.map((r) => {
        const bar = el("span", { class: "bar" });
        bar.style.setProperty("width", (100 * valueOf(r)) / max + "%");
        return el("div", { class: "bar-row" },
          el("span", { class: "bar-label" }, labelOf(r)),
          el("span", { class: "bar-track" }, bar),
          el("span", { class: "bar-value num" }, valueOf(r)));
      }));
  }

  async function pageEntity(id) {
    const e = await api("/api/entities/" + encodeURIComponent(id));
    const roles = e.roles || [];
    const months = e.months || [];
    const quotes = e.quotes || [];
    const quoteTotal = typeof e.quote_count === "number" ? e.quote_count : quotes.length;
    const mainRoles = roles.filter((r) => r.fine === null || r.fine === undefined);
    const fineRoles = roles.filter((r) => r.fine !== null && r.fine !== undefined);
    show(
      el("p", null, el("a", { href: "#/entities" }, "← Entities")),
      el("h1", { id: "entity-name" }, e.name),
      el("p", { class: "meta" }, e.type, e.actor ? " · actor " + e.actor : "", " · ",
        e.articles + " articles · " + e.mentions + " mentions · " + quoteTotal + " quotes"),
      (e.names || []).length > 1 ? el("p", { class: "muted" }, "Also written: " + e.names.join(", ")) : null,
      el("div", { class: "cols" },
        el("section", null,
          el("h2", null, "How they are framed"),
          mainRoles.length
            ? [bars(mainRoles, (r) => r.main, (r) => r.articles, "roles-main"),
              fineRoles.length ? bars(fineRoles, (r) => r.main + ": " + r.fine, (r) => r.articles, "roles-fine") : null]
            : el("p", { class: "muted" }, "No roles recorded.")),
        el("section", null,
          el("h2", null, "Mentions over time"),
          months.length
            ? bars(months, (m) => m.month || "undated", (m) => m.mentions, "months")
            : el("p", { class: "muted" }, "No mentions."))),
      el("h2", null, "What they said (" + quoteTotal + ")"),
      quotes.length
        ? el("table", { class: "list", id: "entity-quotes" },
          el("thead", null, el("tr", null, ["Date", "Quote", "Outlet", "Article"].map((h) => el("th", null, h)))),
          el("tbody", null, quotes.map((q) =>
            el("tr", null,
              el("td", { class: "nowrap" }, fmt(q.date)),
              el("td", null, el("q", null, q.text)),
              el("td", null, fmt(q.outlet)),
              el("td", null, el("a", { href: articleHref(q.article, q.index) }, q.title || q.article))))))
        : el("p", { class: "muted" }, "No quotes."),
      quotes.length < quoteTotal
        ? el("p", null, el("a", { href: route("/quotes", { speaker: e.id }) }, "All " + quoteTotal + " quotes →"))
        : null);
    document.title = e.name + " — newslens";
  }

  // A matrix of narrative × group counts; cells shaded by count.
  function matrix(items, id) {
    const groups = Array.from(new Set(items.map((r) => r.group || "unknown"))).sort();
    const keyOf = (r) => r.narrative + "\u0000" + (r.subnarrative || "");
    const rowsByKey = new Map();
    for (const r of items) {
      const k = keyOf(r);
      if (!rowsByKey.has(k)) rowsByKey.set(k, { narrative: r.narrative, subnarrative: r.subnarrative, cells: new Map(), total: 0 });
      const row = rowsByKey.get(k);
      row.cells.set(r.group || "unknown", r.articles);
      row.total += r.articles;
    }
    const rows = Array.from(rowsByKey.values()).sort((x, y) =>
      x.narrative === y.narrative
        ? (x.subnarrative ? 1 : 0) - (y.subnarrative ? 1 : 0) || y.total - x.total
        : x.narrative < y.narrative ? -1 : 1);
    const max = Math.max(1, ...items.map((r) => r.articles));
    return el("table", { class: "matrix", id },
      el("thead", null, el("tr", null, el("th", null, "Narrative"), groups.map((g) => el("th", { class: "num" }, g)))),
      el("tbody", null, rows.map((row) =>
        el("tr", { class: row.subnarrative ? "sub-row" : "narr-row" },
          el("td", null, row.subnarrative || row.narrative),
          groups.map((g) => {
            const n = row.cells.get(g) || 0;
            const td = el("td", { class: "num cell" }, n ? n : "");
            if (n) td.style.setProperty("--heat", String(0.1 + (0.8 * n) / max));
            return td;
          })))));
  }

  async function pageNarratives() {
    const [byOutlet, byMonth] = await Promise.all([
      api("/api/narratives", { by: "outlet" }),
      api("/api/narratives", { by: "month" }),
    ]);
    show(
      el("h1", null, "Narratives"),
      el("p", { class: "muted" }, "Articles per narrative (subnarratives below their narrative)."),
      el("h2", null, "By outlet"),
      byOutlet.items.length ? matrix(byOutlet.items, "by-outlet") : el("p", { class: "muted" }, "No narratives stored yet."),
      el("h2", null, "By month"),
      byMonth.items.length ? matrix(byMonth.items, "by-month") : el("p", { class: "muted" }, "No narratives stored yet."));
  }

  async function pageSearch(params) {
    const q = params.get("q") || "";
    const offset = intParam(params, "offset");
    document.getElementById("search-q").value = q;
    if (!q) {
      show(el("h1", null, "Search"), el("p", { class: "muted" }, "Type words in the search box."));
      return;
    }
    const page = await api("/api/search", { q, limit: PAGE, offset });
    const hits = page.items.map((h) =>
      el("li", { class: "hit" },
        el("a", { href: articleHref(h.article, h.kind === "quote" ? h.quote : null) }, h.title || h.article),
        h.kind === "quote" ? el("span", { class: "muted small" }, " quote" + (h.speaker ? " by " + h.speaker : "")) : null,
        el("div", { class: "snippet" },
          (h.snippet || []).map((f) => (f.hit ? el("mark", null, f.text) : document.createTextNode(f.text))))));
    show(el("h1", null, "Search: ", el("span", null, q)), el("ol", { class: "hits", id: "hits" }, hits),
      pager(page.total, offset, (o) => route("/search", { q, offset: o })));
  }

  // ---- router ------------------------------------------------------------

  async function render() {
    const hash = location.hash.replace(/^#/, "") || "/";
    const qi = hash.indexOf("?");
    const path = qi < 0 ? hash : hash.slice(0, qi);
    const params = new URLSearchParams(qi < 0 ? "" : hash.slice(qi + 1));
    const section = path.split("/")[1] || "articles";
    for (const a of document.querySelectorAll("nav a")) {
      a.classList.toggle("active", a.dataset.nav === section || (section === "article" && a.dataset.nav === "articles") || (section === "entity" && a.dataset.nav === "entities"));
    }
    document.title = "newslens";
    if (section !== "search") document.getElementById("search-q").value = "";
    try {
      let m;
      if (path === "/" || path === "") await pageArticles(params);
      else if ((m = path.match(/^\/article\/(.+)$/))) await pageArticle(decodeURIComponent(m[1]), params);
      else if (path === "/quotes") await pageQuotes(params);
      else if (path === "/entities") await pageEntities(params);
      else if ((m = path.match(/^\/entity\/(.+)$/))) await pageEntity(decodeURIComponent(m[1]));
      else if (path === "/narratives") await pageNarratives();
      else if (path === "/search") await pageSearch(params);
      else show(el("h1", null, "Not found"), el("p", null, el("a", { href: "#/" }, "Articles")));
    } catch (err) {
      showError(err);
    }
    document.body.dataset.ready = String(Date.now());
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("search").addEventListener("submit", (ev) => {
      ev.preventDefault();
      location.hash = route("/search", { q: document.getElementById("search-q").value.trim() });
    });
    window.addEventListener("hashchange", render);
    render();
  });
})();
