/* kg's graph page, the filters every view shares: legend categories, statuses, a date
 * range (typed, or brushed on the timeline), isolated entities. A change emits "filters". */
(function () {
  "use strict";
  var kg = window.kg;
  var state = kg.state = { off: new Set(), statusOff: new Set(), from: "", to: "", isolated: false };
  var counters = {};

  function dateOk(lo, hi) {
    if (!state.from && !state.to) return true;
    if (!lo || !hi) return false;
    return (!state.from || hi >= state.from) && (!state.to || lo <= state.to);
  }
  kg.dateOk = dateOk;
  /* an event of the tables (timeline, map, dossier): its kind and status, then its date */
  kg.kindOk = function (ev) { return !state.off.has(ev.cat) && !state.statusOff.has(ev.status); };
  kg.eventOk = function (ev) { return kg.kindOk(ev) && dateOk(ev.dlo, ev.dhi); };
  kg.changed = function () { updateRange(); kg.emit("filters"); };

  /* --- legend rows that double as filters --- */
  function checkbox(parent, key, has, toggle, text, sw) {
    var label = kg.el("label");
    var box = kg.el("input"); box.type = "checkbox"; box.checked = !has();
    box.addEventListener("change", function () { toggle(!box.checked); kg.changed(); });
    label.appendChild(box); label.appendChild(sw); label.appendChild(kg.el("span", text));
    var n = kg.el("span", "", "kg-n"); label.appendChild(n);
    counters[key] = { label: label, count: n, box: box, has: has };
    parent.appendChild(label);
  }
  function setToggle(set, key) {
    return [function () { return set.has(key); }, function (off) { if (off) set.add(key); else set.delete(key); }];
  }
  kg.buildLegend = function () {
    var legend = kg.data.legend;
    legend.entities.forEach(function (c) {
      var t = setToggle(state.off, c.cat);
      checkbox(document.getElementById("kg-legend-entities"), c.cat, t[0], t[1], c.text, kg.swatch(c.shape, c.color));
    });
    legend.events.forEach(function (c) {
      var t = setToggle(state.off, c.cat);
      checkbox(document.getElementById("kg-legend-events"), c.cat, t[0], t[1], c.text, kg.swatch(c.shape, c.color));
    });
    kg.data.statuses.forEach(function (s) {
      var look = legend.status[s] || "dashed", t = setToggle(state.statusOff, s);
      checkbox(document.getElementById("kg-legend-status"), "status:" + s, t[0], t[1], s,
        kg.swatch("dot", look === "pale" ? "#f4f4f4" : "#cfcfcf", "#555", look === "dashed"));
    });
    var iso = document.getElementById("kg-isolated");
    iso.addEventListener("change", function () { state.isolated = iso.checked; kg.changed(); });
    document.getElementById("kg-from").addEventListener("change", function (e) { state.from = e.target.value || ""; kg.changed(); });
    document.getElementById("kg-to").addEventListener("change", function (e) { state.to = e.target.value || ""; kg.changed(); });
    document.getElementById("kg-range-clear").addEventListener("click", function () { kg.setRange("", ""); });
    buildStaticLegends();
  };
  kg.edgeLegend = function (view) {
    var box = kg.clear(document.getElementById("kg-legend-edges"));
    (kg.data.legend.edges[view] || []).forEach(function (e) {
      var row = kg.el("div", null, "kg-edge");
      row.appendChild(kg.lineSwatch(e.color, e.dashes, e.role === "met" ? 3 : 2));
      row.appendChild(kg.el("span", e.text));
      box.appendChild(row);
    });
  };
  function buildStaticLegends() {
    var tl = document.getElementById("kg-legend-timeline");
    [["A box: an event on a day", "#e15759", false],
     ["A hatched bar: dated to a month or year only", "#e15759", false],
     ["Dashed, white: planned or uncertain", "#ffffff", true],
     ["Grey, struck through: cancelled or denied", "#f4f4f4", false]].forEach(function (r) {
      var row = kg.el("div", null, "kg-edge"); row.appendChild(kg.swatch("square", r[1], "#555", r[2]));
      row.appendChild(kg.el("span", r[0])); tl.appendChild(row);
    });
    tl.appendChild(kg.el("p", "Undated events are listed under the timeline. Click an event for who took part; click a name for their dossier.", "kg-note"));
    var map = document.getElementById("kg-legend-map");
    var rows = [[kg.swatch("dot", "#e15759", "#7a1f20"), "A place where meetings were held: the larger, the more meetings"],
                [kg.swatch("dot", "#ffffff", "#7a1f20", true), "Only planned or uncertain meetings there"],
                [kg.lineSwatch("#4e79a7", false, 1.5), "From the place to a participant's country"],
                [kg.swatch("square", "#c9dbef", "#999"), "A participant's country (a country taking part, or one a participant holds a post in)"]];
    rows.forEach(function (r) {
      var row = kg.el("div", null, "kg-edge"); row.appendChild(r[0]); row.appendChild(kg.el("span", r[1])); map.appendChild(row);
    });
    map.appendChild(kg.el("p", "A country's point is its capital. Click a place to list its meetings; scroll or use + and \u2212 to zoom, drag to pan.", "kg-note"));
  }

  /* the actor network and the map draw meetings only: their status filter is the meetings' */
  kg.meetingsOnly = function () { return kg.viewName === "actors" || kg.viewName === "map"; };

  /* --- counts in the legend: entities of the current view, the events of the tables (the
   * statuses of the meetings alone where the view draws only meetings) --- */
  kg.updateCounts = function (entityNodes) {
    var per = {}, meetingsOnly = kg.meetingsOnly();
    (entityNodes || []).forEach(function (n) { if (n.kind === "entity") per[n.cat] = (per[n.cat] || 0) + 1; });
    kg.tables.events.forEach(function (ev) {
      per[ev.cat] = (per[ev.cat] || 0) + 1;
      if (!meetingsOnly || ev.type === "meeting") per["status:" + ev.status] = (per["status:" + ev.status] || 0) + 1;
    });
    Object.keys(counters).forEach(function (key) {
      var c = counters[key];
      c.count.textContent = per[key] ? per[key].toLocaleString() : "";
      c.label.classList.toggle("kg-empty", !per[key]);
    });
  };

  /* --- the date range: shown as a chip in the header, set by inputs or by the timeline brush --- */
  kg.setRange = function (from, to) {
    state.from = from || ""; state.to = to || "";
    document.getElementById("kg-from").value = state.from;
    document.getElementById("kg-to").value = state.to;
    kg.changed();
  };
  function updateRange() {
    var chip = document.getElementById("kg-range");
    chip.hidden = !state.from && !state.to;
    document.getElementById("kg-range-text").textContent = "Dates " + (state.from || "\u2026") + " to " + (state.to || "\u2026");
  }

  kg.resetFilters = function () {
    state.off.clear(); state.statusOff.clear(); state.from = state.to = ""; state.isolated = false;
    document.getElementById("kg-from").value = ""; document.getElementById("kg-to").value = "";
    document.getElementById("kg-isolated").checked = false;
    Object.keys(counters).forEach(function (key) { counters[key].box.checked = true; });
    kg.changed();
  };
})();
