/* kg's graph page, the timeline view: events on a time axis (vis-timeline), one lane for
 * meetings, one for statements, one for undated events at their article's date; a strip
 * above shows every event over the whole period, and dragging across it sets the date range
 * that filters every view. Built on first show. */
(function () {
  "use strict";
  var kg = window.kg;
  var Timeline = window.vis && window.vis.Timeline;
  var DataSet = window.vis && window.vis.DataSet;
  var box = document.getElementById("kg-timeline");
  var strip = document.getElementById("kg-overview");
  var undatedBox = document.getElementById("kg-undated");
  var DAY = 86400000;
  var timeline = null, items = null, shown = null, extent = null, brushRect = null, windowRect = null;
  var scaleX = null, lastRange = null;

  function tint(hex, amount) {
    var n = parseInt(hex.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    var mix = function (c) { return Math.round(c + (255 - c) * amount); };
    return "rgb(" + mix(r) + "," + mix(g) + "," + mix(b) + ")";
  }
  function itemText(ev) {
    var who = ev.who.map(kg.shortName);
    var text;
    if (ev.type === "statement") {
      text = (who[0] || "someone") + " \u00b7 " + kg.kindText(ev);
      var said = ev.quote || ev.content;
      if (said) text += ": \u201c" + (said.length > 32 ? said.slice(0, 31) + "\u2026" : said) + "\u201d";
    } else {
      text = (who.length > 2 ? who.slice(0, 2).join(", ") + " +" + (who.length - 2) : who.join(", ")) || kg.kindText(ev);
      if (ev.place) text += " \u00b7 " + kg.name(ev.place);
      if (ev.kind && ev.kind !== "meet") text = kg.kindText(ev) + ": " + text;
    }
    if (ev.status !== "occurred") text += " (" + ev.status + ")";
    return text;
  }
  /* what the timeline draws: dated events where they happened; undated ones at the date of
   * the article that reports them, in their own lane; the rest in a list below */
  function buildItems() {
    var out = [], loose = [];
    kg.tables.events.forEach(function (ev) {
      var span = kg.dateSpan(ev.date), undated = !span;
      if (undated) {
        var published = kg.document(ev.doc).published;
        span = kg.dateSpan(published && published.slice(0, 10));
        if (!span) { loose.push(ev); return; }
        span = [span[0], span[0] + DAY];
      }
      var colour = kg.style(ev.cat).color;
      var day = span[1] - span[0] <= DAY;
      var item = {
        id: ev.id, ev: ev, group: (undated ? "undated-" : "") + (ev.type === "meeting" ? "meetings" : "statements"),
        start: span[0], type: day ? "box" : "range",
        className: "kg-" + ev.status + (day ? "" : " kg-month"),
        style: undated
          ? "background-color:#fff;border-color:" + colour + ";color:#555;border-style:dotted"
          : "background-color:" + tint(colour, 0.72) + ";border-color:" + colour + ";color:#1f1f1f",
        text: itemText(ev)
      };
      if (!day) item.end = span[1];
      out.push(item);
    });
    return { items: out, loose: loose };
  }
  function groupLabel(text, note) {
    var div = kg.el("div");
    div.appendChild(kg.el("div", text));
    if (note) div.appendChild(kg.el("div", note, "kg-note"));
    return div;
  }

  function create() {
    var built = buildItems();
    items = new DataSet(built.items);
    shown = new vis.DataView(items, { filter: function (it) { return kg.kindOk(it.ev); } });
    var used = new Set(built.items.map(function (it) { return it.group; }));
    var groups = new DataSet([
      { id: "meetings", order: 1, content: groupLabel("Meetings") },
      { id: "statements", order: 2, content: groupLabel("Statements") },
      { id: "undated-meetings", order: 3, content: groupLabel("Meetings, undated", "at the article\u2019s date") },
      { id: "undated-statements", order: 4, content: groupLabel("Statements, undated", "at the article\u2019s date") }
    ].filter(function (g) { return used.has(g.id); }));
    var times = built.items.map(function (it) { return it.start; }).concat(built.items.map(function (it) { return it.end || it.start; }));
    var lo = times.length ? Math.min.apply(null, times) : Date.UTC(2024, 0, 1);
    var hi = times.length ? Math.max.apply(null, times) : lo + 30 * DAY;
    var pad = Math.max(3 * DAY, (hi - lo) * 0.06);
    extent = [lo - pad, hi + pad];
    // stable once vis-timeline has shown its first full drawing
    var settle = function () {
      var left = box.querySelector(".vis-panel.vis-left");  // the strip lines up with the time axis
      strip.style.marginLeft = (left ? left.offsetWidth : 0) + "px";
      drawStrip(built.items);
      timeline.redraw();  // the first frame can leave items drawn where their cluster now is
      quiet();
    };
    // vis-timeline keeps redrawing for a while (clusters form after the first frame): the
    // drawing is stable once 300 ms pass without a change, and was so since the last one
    var lastChange = performance.now(), quietTimer = null;
    var quiet = function () {
      clearTimeout(quietTimer);
      quietTimer = setTimeout(function () {
        if (performance.now() - lastChange < 300) { quiet(); return; }
        timeline.off("changed", onChange);
        kg.markStable("timeline", lastChange);
      }, 300);
    };
    var onChange = function () { lastChange = performance.now(); };
    timeline = new Timeline(box, shown, groups, {
      onInitialDrawComplete: settle,
      // no start/end: with them vis-timeline stays hidden until a range animation ends (~1 s)
      min: extent[0] - 365 * DAY, max: extent[1] + 365 * DAY,
      zoomMin: 2 * DAY, stack: true, orientation: { axis: "top", item: "top" }, showCurrentTime: false,
      selectable: true, multiselect: false, groupOrder: "order", verticalScroll: true, height: "100%",
      margin: { item: { horizontal: 3, vertical: 4 }, axis: 6 }, align: "left",
      template: function (item) {  // text only; a cluster says how many events it holds
        if (item.isCluster) return kg.el("span", (item.uiItems ? item.uiItems.length : "") + " events");
        return kg.el("span", item.text);
      },
      // where items would overlap they are drawn as one, with a count: zoom in to read them
      cluster: { maxItems: 1, titleTemplate: "{count} events: double-click or zoom in to see them", showStipes: true, fitOnDoubleClick: true },
      groupTemplate: function (group) { return group.content; },
      tooltip: { followMouse: false }, moment: function (date) { return vis.moment(date).utc(); }  // dates are UTC days
    });
    timeline.on("changed", onChange);
    timeline.on("itemover", function (p) {
      var it = items.get(p.item);
      if (it) kg.showTip(kg.eventTip(it.ev), p.event.clientX, p.event.clientY);
    });
    timeline.on("itemout", kg.hideTip);
    timeline.on("click", function (p) {
      kg.hideTip();
      if (p.what !== "item") return;
      if (p.isCluster) {  // a cluster lists its events; a double click zooms into it
        var cluster = timeline.itemSet.itemFromTarget(p.event);  // vis gives no list of its items
        var members = cluster && cluster.data && cluster.data.uiItems || [];
        var evs = members.map(function (i) { return items.get(i.id); })
          .filter(Boolean).map(function (it) { return it.ev; }).sort(kg.byDate);
        if (evs.length) kg.showEvents(evs.length + " events", evs);
        return;
      }
      var it = items.get(p.item);
      if (it) kg.showEvents(kg.kindText(it.ev)[0].toUpperCase() + kg.kindText(it.ev).slice(1) + (it.ev.date ? ", " + it.ev.date : ""), [it.ev]);
    });
    timeline.on("rangechange", drawWindow);
    window.kgTimeline = timeline;
    drawLoose(built.loose);
    timeline.setWindow(extent[0], extent[1], { animation: false });

  }
  /* --- the overview strip: counts per period, the brushed range, the window on screen --- */
  function drawStrip(all) {
    kg.clear(strip);
    strip.appendChild(kg.el("span", "All events \u2014 drag to choose dates", "kg-hint"));
    var w = strip.clientWidth || 800, h = strip.clientHeight || 58;
    var svg = kg.svg("svg", { viewBox: "0 0 " + w + " " + h, preserveAspectRatio: "none", role: "img" });
    scaleX = function (t) { return (t - extent[0]) / (extent[1] - extent[0]) * w; };
    var bins = Math.max(20, Math.min(120, Math.floor(w / 8))), counts = [], maxc = 1;
    for (var i = 0; i < bins; i++) counts.push([0, 0]);
    all.forEach(function (it) {
      var mid = it.end ? (it.start + it.end) / 2 : it.start;
      var b = Math.min(bins - 1, Math.max(0, Math.floor(scaleX(mid) / w * bins)));
      counts[b][it.ev.type === "statement" ? 1 : 0]++;
      maxc = Math.max(maxc, counts[b][0] + counts[b][1]);
    });
    var bw = w / bins, top = 18, room = h - top - 4;
    counts.forEach(function (c, b) {
      var hm = c[0] / maxc * room, hs = c[1] / maxc * room;
      if (hm) svg.appendChild(kg.svg("rect", { x: b * bw + 0.5, y: h - 4 - hm, width: Math.max(1, bw - 1), height: hm, fill: "#e15759", "fill-opacity": 0.7 }));
      if (hs) svg.appendChild(kg.svg("rect", { x: b * bw + 0.5, y: h - 4 - hm - hs, width: Math.max(1, bw - 1), height: hs, fill: "#e8c12e", "fill-opacity": 0.8 }));
    });
    windowRect = kg.svg("rect", { y: 1, height: h - 2, fill: "none", stroke: "#888", "stroke-dasharray": "3 2" });
    brushRect = kg.svg("rect", { y: 0, height: h, fill: "rgba(78,121,167,.18)", stroke: "#4e79a7", "stroke-width": 1.5, visibility: "hidden" });
    svg.appendChild(windowRect); svg.appendChild(brushRect);
    strip.appendChild(svg);
    var startX = null;
    var toTime = function (ev) {
      var r = svg.getBoundingClientRect();
      return extent[0] + (ev.clientX - r.left) / r.width * (extent[1] - extent[0]);
    };
    svg.addEventListener("pointerdown", function (ev) { startX = toTime(ev); svg.setPointerCapture(ev.pointerId); });
    svg.addEventListener("pointermove", function (ev) {
      if (startX === null) return;
      showBrush(Math.min(startX, toTime(ev)), Math.max(startX, toTime(ev)));
    });
    svg.addEventListener("pointerup", function (ev) {
      if (startX === null) return;
      var a = Math.min(startX, toTime(ev)), b = Math.max(startX, toTime(ev));
      startX = null;
      if (b - a < (extent[1] - extent[0]) / 400) { kg.setRange("", ""); return; }  // a click clears
      kg.setRange(kg.isoDay(a), kg.isoDay(b));
      timeline.setWindow(a - (b - a) * 0.05, b + (b - a) * 0.05, { animation: false });
    });
    drawWindow();
  }
  function showBrush(a, b) {
    if (!brushRect) return;
    if (a === null) { brushRect.setAttribute("visibility", "hidden"); return; }
    brushRect.setAttribute("x", scaleX(a));
    brushRect.setAttribute("width", Math.max(1, scaleX(b) - scaleX(a)));
    brushRect.setAttribute("visibility", "visible");
  }
  function drawWindow() {
    if (!timeline || !windowRect) return;
    var r = timeline.getWindow();
    windowRect.setAttribute("x", scaleX(r.start.valueOf()));
    windowRect.setAttribute("width", Math.max(1, scaleX(r.end.valueOf()) - scaleX(r.start.valueOf())));
  }

  function drawLoose(loose) {
    kg.clear(undatedBox);
    undatedBox.hidden = !loose.length;
    if (!loose.length) return;
    undatedBox.appendChild(kg.el("h3", loose.length + " event" + (loose.length === 1 ? "" : "s") + " with no date and no article date"));
    loose.slice(0, 200).forEach(function (ev) {
      var chip = kg.el("button", itemText(ev), "kg-chip");
      chip.type = "button";
      chip.addEventListener("click", function () { kg.showEvents(kg.kindText(ev), [ev]); });
      undatedBox.appendChild(chip);
    });
    if (loose.length > 200) undatedBox.appendChild(kg.el("span", "\u2026 and " + (loose.length - 200) + " more", "kg-note"));
  }

  /* filters: categories and statuses hide items; a date range dims what lies outside it */
  function refresh() {
    if (!timeline) return;
    var range = (kg.state.from || "") + "|" + (kg.state.to || "");
    shown.refresh();
    if (range !== lastRange) {
      lastRange = range;
      var updates = [];
      items.forEach(function (it) {
        var dim = !kg.dateOk(it.ev.dlo, it.ev.dhi);
        var cls = it.className.replace(/ kg-dim/g, "") + (dim ? " kg-dim" : "");
        if (cls !== it.className) updates.push({ id: it.id, className: cls });
      });
      if (updates.length) items.update(updates);
      var a = kg.dateSpan(kg.state.from), b = kg.dateSpan(kg.state.to);
      showBrush(a || b ? (a ? a[0] : extent[0]) : null, b ? b[1] : extent[1]);
    }
    var n = 0;
    kg.tables.events.forEach(function (ev) { if (kg.eventOk(ev)) n++; });
    document.getElementById("kg-count").textContent = n.toLocaleString() + " of " + kg.tables.events.length.toLocaleString() + " events in the filters";
  }

  kg.timeline = {
    start: function () {
      document.getElementById("kg-banner").hidden = true;
      if (!timeline) { lastRange = null; create(); refresh(); }
      else { refresh(); timeline.redraw(); requestAnimationFrame(function () { kg.markStable("timeline"); }); }
    },
    stop: function () { kg.hideTip(); },
    refresh: refresh,
    reset: function () {
      if (!timeline) return;
      timeline.setSelection([]);
      timeline.setWindow(extent[0], extent[1], { animation: false });
    },
    /* the period the overview strip spans, [first, last] in ms (tests) */
    extent: function () { return extent; },
    /* the number of items the timeline holds for dated events (tests) */
    datedItems: function () { return items ? items.get({ filter: function (it) { return it.group.indexOf("undated") < 0; } }).length : 0; }
  };
})();
