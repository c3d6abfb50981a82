/* kg's graph page, shared helpers: the page's data, DOM building with text only, tooltips,
 * legend swatches and dates. Every string from the data reaches the DOM through textContent
 * (or an attribute set with setAttribute): never as markup. */
(function () {
  "use strict";
  var kg = window.kg = window.kg || {};
  var SVG = kg.SVG = "http://www.w3.org/2000/svg";

  /* the page's data: read once (tests may load these files into a blank page without it) */
  var block = document.getElementById("kg-data");
  kg.data = block ? JSON.parse(block.textContent) : null;
  kg.tables = kg.data ? kg.data.tables : { events: [], entities: {}, documents: {}, iso: {} };

  kg.el = function (tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  };
  kg.svg = function (tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  };
  kg.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); return node; };

  /* an absolute http(s) URL, or null: anything else (javascript:, data:, relative) is no link */
  kg.safeUrl = function (url) {
    if (typeof url !== "string" || !url) return null;
    var parsed;
    try { parsed = new URL(url); } catch (e) { return null; }
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname ? parsed.href : null;
  };
  kg.link = function (text, url) {
    var safe = kg.safeUrl(url);
    if (!safe) return kg.el("span", text);
    var a = kg.el("a", text);
    a.setAttribute("href", safe);
    a.setAttribute("target", "_blank");
    a.setAttribute("rel", "noopener noreferrer");
    return a;
  };

  kg.name = function (id) {
    var e = kg.tables.entities[id];
    return e ? e.name : String(id);
  };
  kg.shortName = function (id) {
    var name = kg.name(id);
    return name.length > 26 ? name.slice(0, 25) + "\u2026" : name;
  };
  kg.document = function (id) { return kg.tables.documents[id] || {}; };
  kg.source = function (docId) {
    var d = kg.document(docId);
    return (d.title || "untitled") + (d.published ? " (" + d.published + ")" : "");
  };

  /* the category style of the legend: {text, shape, color} */
  kg.style = function (cat) {
    var all = kg.data ? kg.data.legend.entities.concat(kg.data.legend.events) : [];
    for (var i = 0; i < all.length; i++) if (all[i].cat === cat) return all[i];
    return { text: cat, shape: "dot", color: "#bab0ac" };
  };
  kg.kindText = function (ev) {
    if (ev.type === "meeting") return ev.kind && ev.kind !== "meet" ? ev.kind : "meeting";
    var text = kg.style(ev.cat).text.toLowerCase();
    return text === "other statement" ? "statement" : text;
  };

  /* one tooltip for the timeline and the map (vis-network keeps its own) */
  var tip = document.getElementById("kg-tooltip");
  kg.showTip = function (text, x, y) {
    if (!tip) return;
    tip.textContent = text;
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(x + 14, window.innerWidth - w - 8)) + "px";
    tip.style.top = Math.max(4, Math.min(y + 14, window.innerHeight - h - 8)) + "px";
  };
  kg.hideTip = function () { if (tip) tip.hidden = true; };

  /* legend swatches */
  var POLY = {
    triangle: "8,1.5 15,14.5 1,14.5", triangleDown: "1,1.5 15,1.5 8,14.5",
    diamond: "8,1 15,8 8,15 1,8", hexagon: "4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8",
    star: "8,1 10,6 15.5,6.2 11.2,9.6 12.8,15 8,11.8 3.2,15 4.8,9.6 0.5,6.2 6,6"
  };
  kg.swatch = function (shape, fill, border, dashed) {
    var svg = kg.svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" });
    var s;
    if (shape === "square") s = kg.svg("rect", { x: 2, y: 2, width: 12, height: 12 });
    else if (POLY[shape]) s = kg.svg("polygon", { points: POLY[shape] });
    else s = kg.svg("circle", { cx: 8, cy: 8, r: 6.5 });
    s.setAttribute("fill", fill);
    s.setAttribute("stroke", border || "#555");
    s.setAttribute("stroke-width", dashed ? "1.6" : "1.2");
    if (dashed) s.setAttribute("stroke-dasharray", "3,2");
    svg.appendChild(s);
    return svg;
  };
  kg.lineSwatch = function (color, dashed, width) {
    var svg = kg.svg("svg", { width: 26, height: 10, "aria-hidden": "true" });
    var l = kg.svg("line", { x1: 1, y1: 5, x2: 25, y2: 5, stroke: color, "stroke-width": width || 2 });
    if (dashed) l.setAttribute("stroke-dasharray", "5,3");
    svg.appendChild(l);
    return svg;
  };

  /* dates: "YYYY", "YYYY-MM" or "YYYY-MM-DD" -> [first day, day after the last] in UTC */
  kg.dateSpan = function (text) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text || "");
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : 0, d = m[3] ? +m[3] : 1;
    var start = Date.UTC(y, mo, d);
    var end = m[3] ? Date.UTC(y, mo, d + 1) : m[2] ? Date.UTC(y, mo + 1, 1) : Date.UTC(y + 1, 0, 1);
    return [start, end];
  };
  kg.isoDay = function (ms) { return new Date(ms).toISOString().slice(0, 10); };
  kg.byDate = function (a, b) {
    var x = a.dlo || "9999", y = b.dlo || "9999";
    return x < y ? -1 : x > y ? 1 : (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };

  /* a short plain-text line for an event: who, what, where */
  kg.eventLine = function (ev) {
    var who = ev.who.map(kg.shortName);
    var text;
    if (ev.type === "statement") {
      var said = ev.quote ? "\u201c" + ev.quote + "\u201d" : (ev.content || "");
      text = (who[0] || "someone") + " (" + kg.kindText(ev) + ")" + (said ? ": " + said : "");
    } else {
      text = kg.kindText(ev) + ": " + (who.join(", ") || "unknown parties");
      if (ev.place) text += " in " + kg.name(ev.place);
    }
    return text;
  };
  kg.eventTip = function (ev) {
    var lines = [kg.eventLine(ev)];
    lines.push((ev.date ? "Date: " + ev.date : "Date not stated") + (ev.status !== "occurred" ? " \u00b7 " + ev.status : ""));
    if (ev.sentence) lines.push("Sentence: " + ev.sentence);
    if (ev.doc) lines.push("Source: " + kg.source(ev.doc));
    if (ev.docs.length > 1) lines.push("Reported by " + ev.docs.length + " articles");
    return lines.join("\n");
  };

  /* a tiny event bus: filters changed, an actor picked, and so on */
  var handlers = {};
  kg.on = function (name, fn) { (handlers[name] = handlers[name] || []).push(fn); };
  kg.emit = function (name, detail) { (handlers[name] || []).forEach(function (fn) { fn(detail); }); };

  /* the stable-draw signal that tests and benchmarks wait for */
  kg.markStable = function (view, since) {
    window.kgStable = { view: view, ms: since || performance.now() };
    document.dispatchEvent(new CustomEvent("kg:stable", { detail: window.kgStable }));
  };
})();
