/* kg's graph page: two views of one graph, legend filters, search, evidence panel.
 * All data comes from the JSON in #kg-data and reaches the DOM through textContent or
 * vis-network's string titles (innerText): never as markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var container = document.getElementById("kg-network");
  var state = { off: new Set(), statusOff: new Set(), from: "", to: "" };
  var views = {};
  var current = null;
  var network = null;

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  /* --- the views: a DataSet each, seen through DataViews that the filters narrow --- */
  Object.keys(data.views).forEach(function (name) {
    var spec = data.views[name];
    var view = {
      name: name, spec: spec, stable: !spec.physics,
      nodes: new vis.DataSet(spec.nodes), edges: new vis.DataSet(spec.edges),
      shownNodes: new Set(spec.nodes.map(function (n) { return n.id; })),
      shownEdges: new Set(spec.edges.map(function (e) { return e.id; }))
    };
    view.nodeView = new vis.DataView(view.nodes, { filter: function (n) { return view.shownNodes.has(n.id); } });
    view.edgeView = new vis.DataView(view.edges, { filter: function (e) { return view.shownEdges.has(e.id); } });
    views[name] = view;
  });

  /* --- legend swatches --- */
  function swatch(shape, fill, border, dashed) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("viewBox", "0 0 16 16");
    var s;
    var poly = {
      triangle: "8,1.5 15,14.5 1,14.5", triangleDown: "1,1.5 15,1.5 8,14.5",
      diamond: "8,1 15,8 8,15 1,8", hexagon: "4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8",
      star: "8,1 10,6 15.5,6.2 11.2,9.6 12.8,15 8,11.8 3.2,15 4.8,9.6 0.5,6.2 6,6"
    };
    if (shape === "square") { s = document.createElementNS(SVG, "rect"); s.setAttribute("x", "2"); s.setAttribute("y", "2"); s.setAttribute("width", "12"); s.setAttribute("height", "12"); }
    else if (poly[shape]) { s = document.createElementNS(SVG, "polygon"); s.setAttribute("points", poly[shape]); }
    else { s = document.createElementNS(SVG, "circle"); s.setAttribute("cx", "8"); s.setAttribute("cy", "8"); s.setAttribute("r", "6.5"); }
    s.setAttribute("fill", fill); s.setAttribute("stroke", border || "#555"); s.setAttribute("stroke-width", dashed ? "1.6" : "1.2");
    if (dashed) s.setAttribute("stroke-dasharray", "3,2");
    svg.appendChild(s);
    return svg;
  }
  function lineSwatch(color, dashed, width) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "26"); svg.setAttribute("height", "10");
    var l = document.createElementNS(SVG, "line");
    l.setAttribute("x1", "1"); l.setAttribute("y1", "5"); l.setAttribute("x2", "25"); l.setAttribute("y2", "5");
    l.setAttribute("stroke", color); l.setAttribute("stroke-width", width || "2");
    if (dashed) l.setAttribute("stroke-dasharray", "5,3");
    svg.appendChild(l);
    return svg;
  }
  var counters = {};
  function checkbox(parent, key, set, text, sw) {
    var label = el("label");
    var box = el("input"); box.type = "checkbox"; box.checked = !set.has(key);
    box.addEventListener("change", function () { if (box.checked) set.delete(key); else set.add(key); applyFilters(); });
    label.appendChild(box); label.appendChild(sw); label.appendChild(el("span", text));
    var n = el("span", "", "kg-n"); label.appendChild(n);
    counters[key] = { label: label, count: n, box: box };
    parent.appendChild(label);
  }
  data.legend.entities.forEach(function (c) {
    checkbox(document.getElementById("kg-legend-entities"), c.cat, state.off, c.text, swatch(c.shape, c.color));
  });
  data.legend.events.forEach(function (c) {
    checkbox(document.getElementById("kg-legend-events"), c.cat, state.off, c.text, swatch(c.shape, c.color));
  });
  data.statuses.forEach(function (s) {
    var look = data.legend.status[s] || "dashed";
    checkbox(document.getElementById("kg-legend-status"), "status:" + s, { has: function () { return state.statusOff.has(s); },
      add: function () { state.statusOff.add(s); }, "delete": function () { state.statusOff.delete(s); } },
      s, swatch("dot", look === "pale" ? "#f4f4f4" : "#cfcfcf", "#555", look === "dashed"));
  });
  data.legend.edges.forEach(function (e) {
    var row = el("div", null, "kg-edge");
    row.appendChild(lineSwatch(e.color, e.dashes, e.role === "met" ? 3 : 2));
    row.appendChild(el("span", e.text));
    document.getElementById("kg-legend-edges").appendChild(row);
  });

  /* --- filters --- */
  function dateOk(lo, hi) {
    if (!state.from && !state.to) return true;
    if (!lo || !hi) return false;
    return (!state.from || hi >= state.from) && (!state.to || lo <= state.to);
  }
  function nodeOk(n) {
    if (state.off.has(n.cat)) return false;
    if (n.kind === "event") return !state.statusOff.has(n.status) && dateOk(n.dlo, n.dhi);
    return true;
  }
  function edgeOk(e) {
    if (!e.meet) return true;  // event view: edges follow their nodes
    if (e.aff) return true;
    if (state.off.has("meeting")) return false;
    return e.meet.some(function (m) { return !state.statusOff.has(m[2]) && dateOk(m[0], m[1]); });
  }
  function applyFilters() {
    var v = current, ok = new Set(), degree = new Map(), edgesOn = new Set(), nodesOn = new Set();
    v.spec.nodes.forEach(function (n) { if (nodeOk(n)) ok.add(n.id); });
    v.spec.edges.forEach(function (e) {
      if (ok.has(e.from) && ok.has(e.to) && edgeOk(e)) {
        edgesOn.add(e.id);
        degree.set(e.from, (degree.get(e.from) || 0) + 1);
        degree.set(e.to, (degree.get(e.to) || 0) + 1);
      }
    });
    // a node whose every link was filtered away goes too: no stranded events or actors
    v.spec.nodes.forEach(function (n) { if (ok.has(n.id) && (n.deg === 0 || degree.has(n.id))) nodesOn.add(n.id); });
    var changed = nodesOn.size !== v.shownNodes.size || edgesOn.size !== v.shownEdges.size ||
      Array.from(nodesOn).some(function (id) { return !v.shownNodes.has(id); }) ||
      Array.from(edgesOn).some(function (id) { return !v.shownEdges.has(id); });
    v.shownNodes = nodesOn; v.shownEdges = edgesOn;
    if (changed) { v.nodeView.refresh(); v.edgeView.refresh(); }
    updateCounts();
  }
  function updateCounts() {
    var v = current, per = {};
    v.spec.nodes.forEach(function (n) { if (n.kind === "entity") per[n.cat] = (per[n.cat] || 0) + 1; });
    // events are counted in the event view: in the actor view they filter the "met" edges
    views.events.spec.nodes.forEach(function (n) {
      if (n.kind !== "event") return;
      per[n.cat] = (per[n.cat] || 0) + 1;
      per["status:" + n.status] = (per["status:" + n.status] || 0) + 1;
    });
    Object.keys(counters).forEach(function (key) {
      var c = counters[key];
      c.count.textContent = per[key] ? per[key].toLocaleString() : "";
      c.label.classList.toggle("kg-empty", !per[key]);
    });
    document.getElementById("kg-count").textContent = "Showing " + v.shownNodes.size.toLocaleString() +
      " of " + v.spec.nodes.length.toLocaleString() + " nodes \u00b7 " + v.shownEdges.size.toLocaleString() + " edges";
    document.getElementById("kg-empty").hidden = v.shownNodes.size > 0;
  }
  function onDate(which) {
    return function (event) { state[which] = event.target.value || ""; applyFilters(); };
  }
  document.getElementById("kg-from").addEventListener("change", onDate("from"));
  document.getElementById("kg-to").addEventListener("change", onDate("to"));
  document.getElementById("kg-reset").addEventListener("click", function () {
    state.off.clear(); state.statusOff.clear(); state.from = state.to = "";
    document.getElementById("kg-from").value = ""; document.getElementById("kg-to").value = "";
    Object.keys(counters).forEach(function (key) { counters[key].box.checked = true; });
    applyFilters();
  });

  /* --- details panel: the tooltip text, kept on click --- */
  var details = document.getElementById("kg-details");
  function showDetails(item) { if (item && item.title) details.textContent = item.title; }

  /* --- the network, rebuilt on each switch of view --- */
  function markStable(v) {
    window.kgStable = { view: v.name, ms: performance.now() };
    document.dispatchEvent(new CustomEvent("kg:stable", { detail: window.kgStable }));
  }
  function savePositions(v) {
    if (!network) return;
    var pos = network.getPositions();
    v.nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }
  function setView(name) {
    var v = views[name] || views[data.initialView];
    if (network) { savePositions(current); network.destroy(); }
    current = v;
    window.kgStable = null;
    applyFilters();
    var options = JSON.parse(JSON.stringify(v.spec.options));
    if (v.stable) options.physics = { enabled: false };
    network = new vis.Network(container, { nodes: v.nodeView, edges: v.edgeView }, options);
    window.kgNetwork = network;
    window.kgView = v;
    if (v.stable) {
      network.once("afterDrawing", function () { markStable(v); });
    } else {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        v.stable = true;
        savePositions(v);
        network.once("afterDrawing", function () { markStable(v); });
        network.redraw();
      });
    }
    network.on("hoverNode", function (p) { showDetails(v.nodes.get(p.node)); });
    network.on("hoverEdge", function (p) { showDetails(v.edges.get(p.edge)); });
    network.on("click", function (p) {
      if (p.nodes.length) showDetails(v.nodes.get(p.nodes[0]));
      else if (p.edges.length) showDetails(v.edges.get(p.edges[0]));
    });
    var banner = document.getElementById("kg-banner");
    banner.textContent = v.spec.banner || "";
    banner.hidden = !v.spec.banner;
    document.querySelectorAll("input[name=kg-view]").forEach(function (r) { r.checked = r.value === v.name; });
    fillNames(v);
    if (data.focus.length) {
      var ids = data.focus.filter(function (id) { return v.shownNodes.has(id); });
      if (ids.length) {
        var go = function () { network.selectNodes(ids); network.fit({ nodes: ids.concat(neighbours(ids)), animation: false }); showDetails(v.nodes.get(ids[0])); };
        if (v.stable) go(); else network.once("stabilizationIterationsDone", go);
      }
    }
  }
  function neighbours(ids) {
    var out = [];
    ids.forEach(function (id) { out = out.concat(network.getConnectedNodes(id)); });
    return out;
  }
  document.querySelectorAll("input[name=kg-view]").forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) setView(r.value); });
  });

  /* --- search --- */
  function fillNames(v) {
    var list = document.getElementById("kg-names");
    while (list.firstChild) list.removeChild(list.firstChild);
    var names = Array.from(new Set(v.spec.nodes.filter(function (n) { return n.kind === "entity"; })
      .map(function (n) { return n.name; }))).sort();
    names.forEach(function (name) { var o = document.createElement("option"); o.value = name; list.appendChild(o); });
  }
  function find(query) {
    var q = query.trim().toLowerCase(), best = null, bestRank = 99;
    if (!q) return null;
    current.spec.nodes.forEach(function (n) {
      var name = String(n.name).toLowerCase(), id = String(n.id).toLowerCase(), rank;
      if (name === q) rank = 0; else if (id === q) rank = 1;
      else if (name.indexOf(q) === 0) rank = 2; else if (name.indexOf(q) > 0) rank = 3;
      else return;
      if (n.kind === "event") rank += 4;
      if (!current.shownNodes.has(n.id)) rank += 10;
      if (rank < bestRank || (rank === bestRank && n.deg > best.deg)) { best = n; bestRank = rank; }
    });
    return best;
  }
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showDetails(current.nodes.get(id));
  }
  document.getElementById("kg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var msg = document.getElementById("kg-search-msg");
    var query = document.getElementById("kg-search-input").value;
    var hit = find(query);
    msg.textContent = "";
    if (!hit) { msg.textContent = query.trim() ? "not found" : ""; return; }
    if (!current.shownNodes.has(hit.id)) { msg.textContent = "hidden by the filters"; return; }
    focusNode(hit.id);
  });

  document.getElementById("kg-subtitle").textContent = data.subtitle;
  window.kgData = data;
  window.kgViews = views;
  window.kgSetView = setView;
  window.kgFind = function (query) { var hit = find(query); if (hit) focusNode(hit.id); return hit ? hit.id : null; };
  setView(data.initialView);
})();
