/* kg's graph page, the two network views (events, actors): vis-network over DataViews that
 * the shared filters narrow, a label budget by degree, the evidence panel. */
(function () {
  "use strict";
  var kg = window.kg;
  var Network = window.vis && window.vis.Network;
  var container = document.getElementById("kg-network");
  var details = document.getElementById("kg-details");
  var views = {};
  var current = null;  // the network view on screen, if any
  var network = null;
  var LABEL_BUDGET_MAX = 40;  // labels drawn readable in the overview, best connected first

  Object.keys(kg.data ? kg.data.views : {}).forEach(function (name) {
    var spec = kg.data.views[name];
    var view = {
      name: name, spec: spec, stable: !spec.physics,
      nodes: new vis.DataSet(spec.nodes), edges: new vis.DataSet(spec.edges),
      shownNodes: new Set(), shownEdges: new Set(),
      isolated: spec.nodes.filter(function (n) { return n.iso; }).length
    };
    view.nodeView = new vis.DataView(view.nodes, { filter: function (n) { return view.shownNodes.has(n.id); } });
    view.edgeView = new vis.DataView(view.edges, { filter: function (e) { return view.shownEdges.has(e.id); } });
    views[name] = view;
  });

  /* --- filters --- */
  function nodeOk(n) {
    if (kg.state.off.has(n.cat)) return false;
    if (n.kind === "event") return !kg.state.statusOff.has(n.status) && kg.dateOk(n.dlo, n.dhi);
    return true;
  }
  function edgeOk(e) {
    if (!e.meet) return true;  // event view: edges follow their nodes
    if (e.aff) return true;
    if (kg.state.off.has("meeting")) return false;
    return e.meet.some(function (m) { return !kg.state.statusOff.has(m[2]) && kg.dateOk(m[0], m[1]); });
  }
  function applyFilters(v) {
    var ok = new Set(), degree = new Map(), edgesOn = new Set(), nodesOn = new Set();
    v.spec.nodes.forEach(function (n) { if (nodeOk(n)) ok.add(n.id); });
    v.spec.edges.forEach(function (e) {
      if (ok.has(e.from) && ok.has(e.to) && edgeOk(e)) {
        edgesOn.add(e.id);
        degree.set(e.from, (degree.get(e.from) || 0) + 1);
        degree.set(e.to, (degree.get(e.to) || 0) + 1);
      }
    });
    // a node whose every link was filtered away goes too; isolated ones only when asked for
    v.spec.nodes.forEach(function (n) {
      if (ok.has(n.id) && (degree.has(n.id) || (n.deg === 0 && kg.state.isolated))) nodesOn.add(n.id);
    });
    var changed = nodesOn.size !== v.shownNodes.size || edgesOn.size !== v.shownEdges.size ||
      Array.from(nodesOn).some(function (id) { return !v.shownNodes.has(id); }) ||
      Array.from(edgesOn).some(function (id) { return !v.shownEdges.has(id); });
    v.shownNodes = nodesOn; v.shownEdges = edgesOn;
    if (changed) { v.nodeView.refresh(); v.edgeView.refresh(); }
    return changed;
  }
  function updateCounts(v) {
    kg.updateCounts(v.spec.nodes);
    document.getElementById("kg-count").textContent = "Showing " + v.shownNodes.size.toLocaleString() +
      " of " + v.spec.nodes.length.toLocaleString() + " nodes \u00b7 " + v.shownEdges.size.toLocaleString() + " edges";
    document.getElementById("kg-empty").hidden = v.shownNodes.size > 0;
    document.getElementById("kg-isolated-text").textContent = "Show " + v.isolated.toLocaleString() +
      " isolated entit" + (v.isolated === 1 ? "y" : "ies");
  }

  /* --- the label budget: the best-connected entities on screen get labels readable at the
   * current zoom, as many as fit without overlapping; the others appear as one zooms in (vis
   * hides labels under drawThreshold). Recomputed after each zoom or pan. --- */
  function labelBudget(v) {
    if (!network) return;
    var scale = Math.max(network.getScale(), 0.02);
    var width = container.clientWidth, height = container.clientHeight;
    var budget = Math.max(12, Math.min(LABEL_BUDGET_MAX, Math.round(width * height / 25000)));
    // entities first, best connected first; then events (a statement's label names its speaker)
    var byDegree = function (a, b) { return b.deg - a.deg || (a.id < b.id ? -1 : 1); };
    var shown = v.spec.nodes.filter(function (n) { return v.shownNodes.has(n.id); });
    var ranked = shown.filter(function (n) { return n.kind === "entity"; }).sort(byDegree).slice(0, 600)
      .concat(shown.filter(function (n) { return n.kind === "event"; }).sort(byDegree).slice(0, 300));
    var pos = network.getPositions(ranked.map(function (n) { return n.id; }));
    var boxes = [], chosen = new Map(), entities = 0, events = 0;
    for (var i = 0; i < ranked.length; i++) {
      var n = ranked[i], event = n.kind === "event";
      if (event ? events >= budget : entities >= budget) continue;
      var at = network.canvasToDOM(pos[n.id]);
      if (at.x < 0 || at.y < 0 || at.x > width || at.y > height) continue;
      var px = event ? 11 : 13, lines = String(n.label).split("\n");
      var w = Math.min(Math.max.apply(null, lines.map(function (l) { return l.length; })), 40) * px * 0.56 + 6;
      var top = at.y + (n.size || 10) * scale;
      var box = [at.x - w / 2, top - 2, at.x + w / 2, top + lines.length * (px + 3) + 2];
      if (boxes.some(function (o) { return box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]; })) continue;
      boxes.push(box);
      chosen.set(n.id, px);
      if (event) events++; else entities++;
    }
    var updates = [];
    v.spec.nodes.forEach(function (n) {
      var base = n.font && n.font.size ? n.font.size : 14;
      var want = chosen.has(n.id) ? Math.max(base, Math.ceil(chosen.get(n.id) / scale)) : base;
      var now = v.nodes.get(n.id).font;
      if (!now || now.size !== want) updates.push({ id: n.id, font: Object.assign({}, n.font || {}, { size: want }) });
    });
    if (updates.length) v.nodes.update(updates);
    v.budget = chosen;
  }
  var budgetTimer = null;
  function budgetLater(v) {
    clearTimeout(budgetTimer);
    budgetTimer = setTimeout(function () { if (current === v) labelBudget(v); }, 250);
  }

  /* --- the evidence panel --- */
  function showDetails(item) { if (item && item.title) details.textContent = item.title; }

  function savePositions(v) {
    if (!network) return;
    var pos = network.getPositions();
    v.nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }
  function stop() {
    if (network) { savePositions(current); network.destroy(); network = null; window.kgNetwork = null; }
    current = null;
  }
  function start(name) {
    var v = views[name];
    current = v;
    applyFilters(v);
    updateCounts(v);
    kg.edgeLegend(name);
    var options = JSON.parse(JSON.stringify(v.spec.options));
    if (v.stable) options.physics = { enabled: false };
    network = new Network(container, { nodes: v.nodeView, edges: v.edgeView }, options);
    window.kgNetwork = network;
    window.kgView = v;
    var done = function () {
      labelBudget(v);
      network.once("afterDrawing", function () { kg.markStable(name); });
      network.redraw();
      focusOnStart(v);
    };
    if (v.stable || !v.shownNodes.size) network.once("afterDrawing", done);  // nothing to settle
    else network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      v.stable = true;
      savePositions(v);
      done();
    });
    network.on("zoom", function () { if (v.stable) budgetLater(v); });
    network.on("dragEnd", function (p) { if (v.stable && !p.nodes.length) budgetLater(v); });
    network.on("hoverNode", function (p) { showDetails(v.nodes.get(p.node)); });
    network.on("hoverEdge", function (p) { showDetails(v.edges.get(p.edge)); });
    network.on("click", function (p) {
      if (p.nodes.length) {
        var n = v.nodes.get(p.nodes[0]);
        showDetails(n);
        if (n.kind === "entity") kg.openDossier(n.id);
      } else if (p.edges.length) showDetails(v.edges.get(p.edges[0]));
    });
    var banner = document.getElementById("kg-banner");
    banner.textContent = v.spec.banner || "";
    banner.hidden = !v.spec.banner;
  }
  function focusOnStart(v) {
    var ids = (kg.data.focus || []).filter(function (id) { return v.shownNodes.has(id); });
    if (!ids.length || v.focused) return;
    v.focused = true;
    network.selectNodes(ids);
    var near = [];
    ids.forEach(function (id) { near = near.concat(network.getConnectedNodes(id)); });
    network.fit({ nodes: ids.concat(near), animation: false });
    showDetails(v.nodes.get(ids[0]));
  }

  kg.network = {
    views: views,
    start: start,
    stop: stop,
    current: function () { return current; },
    refresh: function () {
      if (!current) return;
      var changed = applyFilters(current);
      updateCounts(current);
      if (changed && network) { labelBudget(current); if (kg.state.isolated) network.fit({ animation: false }); }
    },
    /* select and centre a node of the current view; false if it is not drawn */
    focus: function (id) {
      if (!current || !network || !current.shownNodes.has(id)) return false;
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
      showDetails(current.nodes.get(id));
      return true;
    },
    has: function (id) { return !!current && current.spec.nodes.some(function (n) { return n.id === id; }); },
    shown: function (id) { return !!current && current.shownNodes.has(id); },
    reset: function () {
      if (network) network.unselectAll();
      details.textContent = "Hover over a node or edge to see its evidence; click an actor for their dossier.";
      if (network && current) { labelBudget(current); network.fit({ animation: false }); }
    }
  };
})();
