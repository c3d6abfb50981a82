/* kg's graph page, the map view: meetings at their places on Natural Earth's country
 * outlines (d3-geo, topojson-client; all inlined), sized by count and linked to the
 * participants' countries; clicking a place lists its meetings. Built on first show. */
(function () {
  "use strict";
  var kg = window.kg;
  var box = document.getElementById("kg-map");
  var note = document.getElementById("kg-map-note");
  var svg = null, world = null, projection = null, outlines = {}, centroids = {};
  var layers = {}, view = { k: 1, x: 0, y: 0 }, size = { w: 800, h: 500 }, spots = [];
  var picked = null;

  function readWorld() {
    var block = document.getElementById("kg-world");
    var topo = JSON.parse(block.textContent);
    return topojson.feature(topo, topo.objects.countries).features
      .filter(function (f) { return f.id !== "010"; });  // Antarctica: no diplomacy, much room
  }
  /* a country's point for links: the centroid of its largest piece (France, not the Atlantic) */
  function mainCentroid(feature) {
    var g = feature.geometry, best = g;
    if (g.type === "MultiPolygon") {
      var area = -1;
      g.coordinates.forEach(function (poly) {
        var piece = { type: "Polygon", coordinates: poly }, a = d3.geoArea(piece);
        if (a > area) { area = a; best = piece; }
      });
    }
    return d3.geoCentroid(best);
  }

  function create() {
    size = { w: box.clientWidth || 900, h: box.clientHeight || 560 };
    world = world || readWorld();
    if (svg) svg.parentNode.removeChild(svg);
    outlines = {}; centroids = {};
    projection = d3.geoNaturalEarth1().fitExtent([[12, 12], [size.w - 12, size.h - 12]],
      { type: "FeatureCollection", features: world });
    var path = d3.geoPath(projection);
    svg = kg.svg("svg", { viewBox: "0 0 " + size.w + " " + size.h, role: "img", "aria-label": "World map of meetings" });
    layers.zoom = kg.svg("g");
    layers.countries = kg.svg("g");
    layers.links = kg.svg("g");
    layers.places = kg.svg("g");
    layers.labels = kg.svg("g");
    world.forEach(function (f) {
      var p = kg.svg("path", { d: path(f) || "", "class": "kg-country" });
      var title = kg.svg("title"); title.textContent = (f.properties && f.properties.name) || ""; p.appendChild(title);
      if (f.id) { outlines[f.id] = p; centroids[f.id] = mainCentroid(f); }
      layers.countries.appendChild(p);
    });
    layers.zoom.appendChild(layers.countries);
    layers.zoom.appendChild(layers.links);
    svg.appendChild(layers.zoom);
    svg.appendChild(layers.places);
    svg.appendChild(layers.labels);
    box.insertBefore(svg, box.firstChild);
    interact();
    if (window.ResizeObserver && !box.kgObserved) {  // the dossier opening narrows the map: redraw to fit
      box.kgObserved = true;
      var pending = null;
      new ResizeObserver(function () {
        clearTimeout(pending);
        pending = setTimeout(function () {
          if (!svg || box.hidden || !box.clientWidth) return;
          if (Math.abs(box.clientWidth - size.w) < 4 && Math.abs(box.clientHeight - size.h) < 4) return;
          create(); render(); frame();
        }, 120);
      }).observe(box);
    }
    window.kgMap = { svg: svg, spots: function () { return spots; } };
  }

  /* meetings grouped by the point of their place ("Moscow" and "Russia" share Moscow's) */
  function gather() {
    var byPoint = {}, noPlace = 0, unplaced = {};
    kg.tables.events.forEach(function (ev) {
      if (ev.type !== "meeting" || !kg.eventOk(ev)) return;
      if (!ev.place) { noPlace++; return; }
      var p = kg.tables.entities[ev.place] || {};
      if (typeof p.lat !== "number" || typeof p.lon !== "number") { unplaced[kg.name(ev.place)] = true; return; }
      var key = p.lat.toFixed(2) + "," + p.lon.toFixed(2);
      var spot = byPoint[key] || (byPoint[key] = { key: key, lon: p.lon, lat: p.lat, names: [], events: [], homes: {} });
      if (spot.names.indexOf(p.name) < 0) spot.names.push(p.name);
      spot.events.push(ev);
      ev.who.forEach(function (id) {
        ((kg.tables.entities[id] || {}).home || []).forEach(function (code) {
          if (code !== p.country) spot.homes[code] = (spot.homes[code] || 0) + 1;
        });
      });
    });
    var list = Object.keys(byPoint).sort().map(function (k) { return byPoint[k]; });
    list.sort(function (a, b) { return b.events.length - a.events.length || (a.key < b.key ? -1 : 1); });
    return { spots: list, noPlace: noPlace, unplaced: Object.keys(unplaced).sort() };
  }

  function render() {
    var g = gather();
    spots = g.spots;
    kg.clear(layers.links); kg.clear(layers.places); kg.clear(layers.labels);
    Object.keys(outlines).forEach(function (id) { outlines[id].classList.remove("kg-home"); });
    var path = d3.geoPath(projection);
    var homes = {};
    spots.forEach(function (spot) {
      var xy = projection([spot.lon, spot.lat]);
      spot.x = xy[0]; spot.y = xy[1];
      spot.r = 4 + 4 * Math.sqrt(spot.events.length);
      Object.keys(spot.homes).forEach(function (code) {
        var iso = kg.tables.iso[code];
        homes[code] = true;
        if (!iso || !centroids[iso]) return;
        var line = kg.svg("path", { d: path({ type: "LineString", coordinates: [[spot.lon, spot.lat], centroids[iso]] }) || "",
          "class": "kg-link", "stroke-width": Math.min(4, 0.8 + 0.7 * spot.homes[code]) });
        layers.links.appendChild(line);
      });
    });
    spots.forEach(function (spot) {  // participants' home countries, and the hosts
      spot.events.forEach(function (ev) {
        var p = kg.tables.entities[ev.place] || {};
        if (p.country) homes[p.country] = true;
      });
    });
    Object.keys(homes).forEach(function (code) {
      var iso = kg.tables.iso[code];
      if (iso && outlines[iso]) outlines[iso].classList.add("kg-home");
    });
    var labelled = spots.length <= 20 ? spots.length : 12;
    spots.slice().reverse().forEach(function (spot) {  // small circles on top of large ones
      var sure = spot.events.some(function (ev) { return ev.status === "occurred"; });
      var c = kg.svg("circle", { r: spot.r, "class": "kg-place" + (sure ? "" : " kg-unsure") + (picked === spot.key ? " kg-picked" : "") });
      c.setAttribute("data-key", spot.key);
      spot.node = c;
      c.addEventListener("mousemove", function (e) { kg.showTip(spotText(spot), e.clientX, e.clientY); });
      c.addEventListener("mouseleave", kg.hideTip);
      c.addEventListener("click", function (e) { e.stopPropagation(); pick(spot); });
      layers.places.appendChild(c);
    });
    spots.slice(0, labelled).forEach(function (spot) {
      var t = kg.svg("text", { "class": "kg-place-label" });
      t.textContent = spot.names.join(" / ");
      spot.label = t;
      layers.labels.appendChild(t);
    });
    place();
    var meetings = spots.reduce(function (n, s) { return n + s.events.length; }, 0);
    var parts = [meetings.toLocaleString() + " meeting" + (meetings === 1 ? "" : "s") + " at " + spots.length + " place" + (spots.length === 1 ? "" : "s")];
    if (g.noPlace) parts.push(g.noPlace + " with no place named");
    if (g.unplaced.length) parts.push("not on the map (no coordinates): " + g.unplaced.slice(0, 6).join(", ") + (g.unplaced.length > 6 ? "\u2026" : ""));
    note.textContent = parts.join(" \u00b7 ");
    document.getElementById("kg-count").textContent = "";
    document.getElementById("kg-empty").hidden = spots.length > 0;
    document.getElementById("kg-empty").textContent = spots.length ? "" : "No meeting in the filters has a place on the map.";
  }
  function spotText(spot) {
    var n = spot.events.length, planned = spot.events.filter(function (ev) { return ev.status !== "occurred"; }).length;
    var lines = [spot.names.join(" / ") + ": " + n + " meeting" + (n === 1 ? "" : "s") + (planned ? " (" + planned + " not held or not certain)" : "")];
    spot.events.slice().sort(kg.byDate).slice(0, 5).forEach(function (ev) { lines.push("\u2022 " + (ev.date || "undated") + " " + kg.eventLine(ev)); });
    if (n > 5) lines.push("\u2026 click for all");
    return lines.join("\n");
  }
  function pick(spot) {
    picked = spot.key;
    spots.forEach(function (s) { if (s.node) s.node.classList.toggle("kg-picked", s.key === picked); });
    kg.showEvents(spot.names.join(" / ") + " \u00b7 " + spot.events.length + " meeting" + (spot.events.length === 1 ? "" : "s"),
      spot.events.slice().sort(kg.byDate), spot.events.map(function (ev) { return ev.place; }));
  }

  /* --- zoom and pan: outlines and links scale, circles and labels keep their size --- */
  function place() {
    layers.zoom.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
    spots.forEach(function (spot) {
      var x = spot.x * view.k + view.x, y = spot.y * view.k + view.y;
      spot.node.setAttribute("cx", x.toFixed(1)); spot.node.setAttribute("cy", y.toFixed(1));
      if (spot.label) { spot.label.setAttribute("x", (x + spot.r + 3).toFixed(1)); spot.label.setAttribute("y", (y + 4).toFixed(1)); }
    });
  }
  function zoomAt(factor, cx, cy) {
    var k = Math.max(1, Math.min(24, view.k * factor));
    factor = k / view.k;
    view.x = cx - (cx - view.x) * factor; view.y = cy - (cy - view.y) * factor; view.k = k;
    place();
  }
  function svgPoint(e) {
    var r = svg.getBoundingClientRect(), s = Math.min(r.width / size.w, r.height / size.h);
    return [(e.clientX - r.left - (r.width - size.w * s) / 2) / s, (e.clientY - r.top - (r.height - size.h * s) / 2) / s];
  }
  function interact() {
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = svgPoint(e);
      zoomAt(Math.exp(-e.deltaY * 0.0015), p[0], p[1]);
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (e) { if (e.target.tagName !== "circle") { drag = svgPoint(e); svg.setPointerCapture(e.pointerId); } });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var p = svgPoint(e);
      view.x += p[0] - drag[0]; view.y += p[1] - drag[1]; drag = p;
      place();
    });
    svg.addEventListener("pointerup", function () { drag = null; });
  }
  document.getElementById("kg-map-in").addEventListener("click", function () { if (svg) zoomAt(1.6, size.w / 2, size.h / 2); });
  document.getElementById("kg-map-out").addEventListener("click", function () { if (svg) zoomAt(1 / 1.6, size.w / 2, size.h / 2); });
  /* start framed on the meetings and the countries they link, not on the whole world */
  function frame() {
    var xs = [], ys = [];
    spots.forEach(function (s) {
      xs.push(s.x); ys.push(s.y);
      Object.keys(s.homes).forEach(function (code) {
        var iso = kg.tables.iso[code], c = iso && centroids[iso] && projection(centroids[iso]);
        if (c) { xs.push(c[0]); ys.push(c[1]); }
      });
    });
    view = { k: 1, x: 0, y: 0 };
    if (xs.length) {
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      var k = Math.max(1, Math.min(5, 0.8 * Math.min(size.w / Math.max(x1 - x0, 60), size.h / Math.max(y1 - y0, 40))));
      view = { k: k, x: size.w / 2 - k * (x0 + x1) / 2, y: size.h / 2 - k * (y0 + y1) / 2 };
    }
    place();
  }

  kg.map = {
    start: function () {
      document.getElementById("kg-banner").hidden = true;
      var first = !svg;
      if (first) create();
      render();
      if (first) frame();
      requestAnimationFrame(function () { kg.markStable("map"); });
    },
    stop: function () { kg.hideTip(); document.getElementById("kg-empty").textContent = "Nothing to show."; },
    refresh: function () { if (svg) render(); },
    reset: function () { picked = null; if (svg) { render(); frame(); } }
  };
})();
