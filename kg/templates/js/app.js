/* kg's graph page, the shell: the view switch, search, Reset, and the page's entry points
 * for tests (window.kgSetView, kgFind, kgOpenDossier). Runs last. */
(function () {
  "use strict";
  var kg = window.kg;
  var data = kg.data;
  var modules = { events: kg.network, actors: kg.network, timeline: kg.timeline, map: kg.map };
  var panes = { events: "kg-network", actors: "kg-network", timeline: "kg-timeline-view", map: "kg-map" };
  var current = null;

  function setView(name) {
    if (!modules[name]) name = data.initialView;
    if (current) modules[current].stop();
    kg.closeCard();
    window.kgStable = null;
    current = name;
    Object.keys(panes).forEach(function (v) { document.getElementById(panes[v]).hidden = panes[v] !== panes[name]; });
    document.querySelectorAll("#kg-side section").forEach(function (s) {
      s.hidden = s.getAttribute("data-views").split(" ").indexOf(name) < 0;
    });
    document.getElementById("kg-empty").hidden = true;
    document.querySelectorAll("input[name=kg-view]").forEach(function (r) { r.checked = r.value === name; });
    kg.viewName = name;
    document.getElementById("kg-status-heading").textContent = kg.meetingsOnly() ? "Status of the meetings" : "Status";
    if (name === "events" || name === "actors") kg.network.start(name);
    else { kg.updateCounts([]); modules[name].start(); }
    fillNames();
  }
  kg.on("filters", function () { if (current) modules[current].refresh(); });
  document.querySelectorAll("input[name=kg-view]").forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) setView(r.value); });
  });

  /* --- search: any actor by name, alias or id; opens their dossier, and centres them in a network --- */
  function fillNames() {
    var list = kg.clear(document.getElementById("kg-names"));
    var names = Array.from(new Set(Object.keys(kg.tables.entities).map(function (id) { return kg.tables.entities[id].name; }))).sort();
    names.forEach(function (name) { var o = document.createElement("option"); o.value = name; list.appendChild(o); });
  }
  function degreeOf(id) {
    var v = kg.network.views.events, n = v ? v.nodes.get(id) : null;
    return n ? n.deg : 0;
  }
  function find(query) {
    var q = query.trim().toLowerCase(), best = null, bestRank = 99;
    if (!q) return null;
    Object.keys(kg.tables.entities).forEach(function (id) {
      var e = kg.tables.entities[id], name = String(e.name).toLowerCase(), rank;
      var aliases = (e.aliases || []).map(function (a) { return String(a).toLowerCase(); });
      if (name === q) rank = 0; else if (id.toLowerCase() === q) rank = 1;
      else if (aliases.indexOf(q) >= 0) rank = 2;
      else if (name.indexOf(q) === 0) rank = 3; else if (name.indexOf(q) > 0) rank = 4;
      else if (aliases.some(function (a) { return a.indexOf(q) >= 0; })) rank = 5;
      else return;
      var inView = kg.network.current() ? kg.network.shown(id) : true;
      if (!inView) rank += 10;
      if (rank < bestRank || (rank === bestRank && degreeOf(id) > degreeOf(best))) { best = id; bestRank = rank; }
    });
    return best;
  }
  function go(id) {
    kg.openDossier(id);
    if (kg.network.current()) return kg.network.focus(id) ? "" : "not drawn in this view (filters)";
    return "";
  }
  document.getElementById("kg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var msg = document.getElementById("kg-search-msg");
    var query = document.getElementById("kg-search-input").value;
    var hit = find(query);
    msg.textContent = "";
    if (!hit) { msg.textContent = query.trim() ? "not found" : ""; return; }
    msg.textContent = go(hit);
  });
  kg.showInNetwork = function (id) {
    var target = kg.network.current() ? kg.network.current().name : "events";
    if (!kg.network.current()) setView(target);
    var tryFocus = function () {
      if (!kg.network.focus(id)) document.getElementById("kg-search-msg").textContent = "not drawn in this view (filters)";
    };
    if (window.kgStable) tryFocus(); else document.addEventListener("kg:stable", tryFocus, { once: true });
  };

  /* --- Reset: every filter, the date range, the search, the selection, the panels --- */
  document.getElementById("kg-reset").addEventListener("click", function () {
    document.getElementById("kg-search-input").value = "";
    document.getElementById("kg-search-msg").textContent = "";
    kg.closeDossier();
    kg.closeCard();
    kg.resetFilters();
    [kg.network, kg.timeline, kg.map].forEach(function (m) { m.reset(); });
  });

  document.getElementById("kg-subtitle").textContent = data.subtitle;
  kg.buildLegend();
  window.kgData = data;
  window.kgViews = kg.network.views;
  window.kgSetView = setView;
  window.kgFind = function (query) { var hit = find(query); if (hit) go(hit); return hit; };
  window.kgOpenDossier = kg.openDossier;
  setView(data.initialView);
})();
