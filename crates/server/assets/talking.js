// The talking-points page: a list from /api/talking-points and, for the
// chosen point, its spread over time (bars per day or week) and outlets.
// Everything from articles goes in through textContent and SVG attributes
// set to numbers: no markup is ever built from text.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
let points = [];

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function bars(items, label, value, title) {
  // Horizontal bars, one per item, scaled to the largest value.
  const row = 22, left = 190, width = 560;
  const max = Math.max(1, ...items.map(value));
  const chart = svg("svg", { width: left + width + 50, height: row * items.length + 6, role: "img" });
  const t = svg("title", {});
  t.textContent = title;
  chart.appendChild(t);
  items.forEach((it, i) => {
    const y = i * row + 3;
    const name = svg("text", { x: 0, y: y + 14, "font-size": 12 });
    name.textContent = label(it);
    chart.appendChild(name);
    const w = Math.max(2, Math.round((value(it) / max) * width));
    chart.appendChild(svg("rect", { x: left, y: y + 2, width: w, height: row - 8, fill: "#3b6ea5" }));
    const n = svg("text", { x: left + w + 6, y: y + 14, "font-size": 12 });
    n.textContent = String(value(it));
    chart.appendChild(n);
  });
  return chart;
}

function show(i) {
  const p = points[i];
  const box = document.getElementById("detail");
  box.replaceChildren();
  if (!p) return;
  box.appendChild(el("h2", p.kind === "phrase" ? "Phrase" : "Statement"));
  box.appendChild(el("blockquote", p.text, "talking-text"));
  const first = p.first_seen || {};
  box.appendChild(el("p",
    `First seen ${first.date || "undated"} in article ${first.article}; ` +
    `${p.articles.length} articles, ${p.outlets.length} outlets, ` +
    `${p.speakers.length} speakers, ${p.languages.length} languages; score ${p.score}.`, "meta"));
  if (p.speakers.length) box.appendChild(el("p", "Speakers: " + p.speakers.join(", "), "small"));
  box.appendChild(el("h2", `Over time (per ${p.timeline_unit})`));
  box.appendChild(bars(p.timeline, (b) => b.date, (b) => b.count, "appearances over time"));
  box.appendChild(el("h2", "Outlets, in the order they picked it up"));
  box.appendChild(bars(p.by_outlet, (o) => `${o.outlet} (${o.first || "undated"})`.slice(0, 30), (o) => o.articles, "articles per outlet"));
  const list = el("ul", null, "small");
  for (const a of p.articles) {
    const li = el("li");
    const link = el("a", a);
    link.href = "/#/article/" + encodeURIComponent(a);
    li.appendChild(link);
    list.appendChild(li);
  }
  box.appendChild(el("h2", "Articles"));
  box.appendChild(list);
  if (p.kind === "statement" && p.quotes && p.quotes.length) translations(p, box);
  box.focus();
}

async function translations(p, box) {
  // Quotes of the same speaker in another language naming the same rare
  // entities: candidates for a reader to check, listed under the statement.
  const url = "/api/quotes/" + encodeURIComponent(p.quotes[0]) + "/travel?limit=1&translations=true";
  let data;
  try {
    const r = await fetch(url);
    if (!r.ok) return;
    data = await r.json();
  } catch (e) {
    return;
  }
  if (points[parseInt(location.hash.slice(1), 10) || 0] !== p || !data.translations || !data.translations.length) return;
  box.appendChild(el("h2", "Possible translations"));
  box.appendChild(el("p", "Same speaker, another language, within a week, naming the same rare names — not verified.", "meta"));
  const list = el("ul", null, "small");
  for (const t of data.translations) {
    const li = el("li");
    li.appendChild(el("span", `[${t.lang || "?"}] ${t.date || "undated"} ${t.outlet || ""} — shared: ${t.shared.join(", ")} — `));
    const link = el("a", t.text.length > 160 ? t.text.slice(0, 160) + "…" : t.text);
    link.href = "/#/article/" + encodeURIComponent(t.article);
    li.appendChild(link);
    list.appendChild(li);
  }
  box.appendChild(list);
}

function render() {
  const body = document.getElementById("rows");
  body.replaceChildren();
  if (!points.length) {
    const tr = el("tr");
    const td = el("td", "No statement or phrase appears in more than one outlet.", "muted");
    td.colSpan = 7;
    tr.appendChild(td);
    body.appendChild(tr);
    return;
  }
  points.forEach((p, i) => {
    const tr = el("tr");
    tr.appendChild(el("td", p.kind));
    tr.appendChild(el("td", p.score, "num"));
    tr.appendChild(el("td", p.articles.length, "num"));
    tr.appendChild(el("td", p.outlets.length, "num"));
    tr.appendChild(el("td", p.speakers.length, "num"));
    tr.appendChild(el("td", (p.first_seen && p.first_seen.date) || "-", "nowrap"));
    const td = el("td");
    const a = el("a", p.text.length > 160 ? p.text.slice(0, 160) + "…" : p.text);
    a.href = "#" + i;
    a.className = "talking-point";
    td.appendChild(a);
    tr.appendChild(td);
    body.appendChild(tr);
  });
}

async function load() {
  const since = document.getElementById("since").value.trim();
  const q = new URLSearchParams({ limit: "200" });
  if (since) q.set("since", since);
  const body = document.getElementById("rows");
  try {
    const r = await fetch("/api/talking-points?" + q.toString());
    const data = await r.json();
    if (!r.ok) throw new Error((data.error && data.error.message) || r.statusText);
    points = data.items;
    render();
    const chosen = parseInt(location.hash.slice(1), 10);
    show(Number.isInteger(chosen) ? chosen : 0);
  } catch (e) {
    body.replaceChildren();
    const tr = el("tr");
    const td = el("td", "Could not load talking points: " + e.message, "error");
    td.colSpan = 7;
    tr.appendChild(td);
    body.appendChild(tr);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("filter").addEventListener("submit", (ev) => {
    ev.preventDefault();
    load();
  });
  window.addEventListener("hashchange", () => show(parseInt(location.hash.slice(1), 10)));
  document.getElementById("detail").tabIndex = -1;
  load();
});
