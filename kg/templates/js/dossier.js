/* kg's graph page, what we know about one actor (the dossier panel) and the event cards of
 * the timeline and the map: posts, meetings, statements and articles, all from the tables,
 * all as text (a link only to an http(s) article URL). */
(function () {
  "use strict";
  var kg = window.kg;
  var panel = document.getElementById("kg-dossier");
  var card = document.getElementById("kg-card");
  var openId = null;

  function chip(id) {
    var b = kg.el("button", kg.name(id), "kg-chip");
    b.type = "button";
    b.setAttribute("data-id", id);
    b.title = "Open the dossier of " + kg.name(id);
    b.addEventListener("click", function () { kg.openDossier(id); });
    return b;
  }
  function tag(text, cls) { return kg.el("span", text, "kg-tag" + (cls ? " " + cls : "")); }
  function source(docId) {
    var d = kg.document(docId), line = kg.el("div", null, "kg-src");
    line.appendChild(kg.link(d.title || "untitled article", d.url));
    if (d.published) line.appendChild(document.createTextNode(" \u00b7 " + d.published));
    return line;
  }
  function evidence(sentence) { return sentence ? kg.el("div", sentence, "kg-ev") : document.createTextNode(""); }
  function dot(colour) {
    var s = kg.el("span", null, "kg-dot");
    s.style.background = colour;
    return s;
  }

  /* one event as a fact: when, what, who and where (unless it is ``here``, a list of place
   * ids), the sentence, the article; ``about`` is the actor whose dossier it is in */
  kg.factOf = function (ev, about, here) {
    var row = kg.el("div", null, "kg-fact");
    var head = kg.el("div");
    head.appendChild(dot(kg.style(ev.cat).color));
    var published = kg.document(ev.doc).published;
    head.appendChild(kg.el("span", ev.date || (published ? "reported " + published.slice(0, 10) : "undated"), "kg-when"));
    head.appendChild(kg.el("span", kg.kindText(ev)));
    if (ev.status !== "occurred") head.appendChild(tag(ev.status, "kg-" + ev.status));
    row.appendChild(head);
    if (ev.type === "statement") {
      var said = ev.quote ? "\u201c" + ev.quote + "\u201d" : ev.content;
      if (ev.who[0] && ev.who[0] !== about) { var by = kg.el("div", "by "); by.appendChild(chip(ev.who[0])); row.appendChild(by); }
      if (said) row.appendChild(kg.el("div", said));
    } else {
      var others = ev.who.filter(function (id) { return id !== about; });
      if (others.length) {
        var with_ = kg.el("div", about ? "with " : "");
        others.forEach(function (id, i) { if (i) with_.appendChild(document.createTextNode(" ")); with_.appendChild(chip(id)); });
        row.appendChild(with_);
      }
      if (ev.place && ev.place !== about && !(here && here.indexOf(ev.place) >= 0)) { var at = kg.el("div", "in "); at.appendChild(chip(ev.place)); row.appendChild(at); }
    }
    row.appendChild(evidence(ev.sentence));
    if (ev.doc) row.appendChild(source(ev.doc));
    if (ev.docs.length > 1) row.appendChild(kg.el("div", "also in " + (ev.docs.length - 1) + " more article" + (ev.docs.length > 2 ? "s" : ""), "kg-src"));
    return row;
  };

  function section(parent, title, rows, empty) {
    parent.appendChild(kg.el("h3", title + (rows.length ? " (" + rows.length + ")" : "")));
    if (!rows.length) { if (empty) parent.appendChild(kg.el("div", empty, "kg-sub")); return; }
    rows.slice(0, 200).forEach(function (r) { parent.appendChild(r); });
    if (rows.length > 200) parent.appendChild(kg.el("div", "\u2026 and " + (rows.length - 200) + " more", "kg-sub"));
  }

  kg.openDossier = function (id) {
    var e = kg.tables.entities[id];
    if (!e) return false;
    openId = id;
    kg.clear(panel);
    panel.hidden = false;
    var wrap = kg.el("div", null, "kg-dossier-wrap");
    var close = kg.el("button", "\u00d7", "kg-button");
    close.id = "kg-dossier-close"; close.type = "button"; close.setAttribute("aria-label", "Close the dossier");
    close.addEventListener("click", kg.closeDossier);
    wrap.appendChild(close);
    wrap.appendChild(kg.el("h2", e.name));
    var sub = kg.el("div", kg.style(e.cat).text, "kg-sub");
    var aliases = (e.aliases || []).filter(function (a) { return a !== e.name; });
    if (aliases.length) sub.appendChild(document.createTextNode(" \u00b7 also " + aliases.slice(0, 8).join(", ")));
    wrap.appendChild(sub);
    if (kg.network && kg.network.has && kg.showInNetwork) {
      var show = kg.el("button", "Show in the network", "kg-button");
      show.type = "button"; show.style.marginTop = "6px";
      show.addEventListener("click", function () { kg.showInNetwork(id); });
      wrap.appendChild(show);
    }

    var posts = (e.posts || []).map(function (p) {
      var row = kg.el("div", null, "kg-fact"), head = kg.el("div");
      head.appendChild(kg.el("span", (p.title || "affiliated with") + " \u2014 "));
      head.appendChild(chip(p.org));
      head.appendChild(p.current === false ? tag("former", "kg-former") : p.current === true ? tag("current") : tag("not said"));
      row.appendChild(head); row.appendChild(evidence(p.sentence));
      if (p.doc) row.appendChild(source(p.doc));
      return row;
    });
    var members = [];
    Object.keys(kg.tables.entities).forEach(function (pid) {
      (kg.tables.entities[pid].posts || []).forEach(function (p) {
        if (p.org !== id) return;
        var row = kg.el("div", null, "kg-fact"), head = kg.el("div");
        head.appendChild(chip(pid));
        head.appendChild(kg.el("span", " " + (p.title || "affiliated")));
        if (p.current === false) head.appendChild(tag("former", "kg-former"));
        row.appendChild(head); row.appendChild(evidence(p.sentence));
        members.push(row);
      });
    });
    var events = kg.tables.events.slice().sort(kg.byDate);
    var meetings = events.filter(function (ev) { return ev.type !== "statement" && ev.who.indexOf(id) >= 0; });
    var hosted = events.filter(function (ev) { return ev.type !== "statement" && ev.place === id && ev.who.indexOf(id) < 0; });
    var statements = events.filter(function (ev) { return ev.type === "statement" && ev.who[0] === id; });
    var docs = (e.docs || []).slice().sort(function (a, b) {
      var x = kg.document(a).published || "", y = kg.document(b).published || "";
      return x < y ? 1 : x > y ? -1 : (a < b ? -1 : 1);
    }).map(function (doc) { var row = kg.el("div", null, "kg-fact"); row.appendChild(source(doc)); return row; });

    if (posts.length || e.type === "PERSON") section(wrap, "Posts", posts, "No post read.");
    if (members.length) section(wrap, "People with posts here", members);
    section(wrap, "Meetings", meetings.map(function (ev) { return kg.factOf(ev, id); }), "No meeting read.");
    if (hosted.length) section(wrap, "Meetings held here", hosted.map(function (ev) { return kg.factOf(ev, id); }));
    if (statements.length || e.type === "PERSON" || e.type === "ORG")
      section(wrap, "Statements", statements.map(function (ev) { return kg.factOf(ev, id); }), "No statement read.");
    section(wrap, "Articles", docs);
    panel.appendChild(wrap);
    panel.scrollTop = 0;
    kg.emit("dossier", id);
    return true;
  };
  kg.closeDossier = function () { openId = null; panel.hidden = true; kg.clear(panel); };
  kg.dossierOf = function () { return openId; };

  /* the floating card of the timeline and the map: a list of events */
  kg.showEvents = function (title, events, here) {
    kg.clear(card);
    var close = kg.el("button", "\u00d7", "kg-close");
    close.type = "button"; close.setAttribute("aria-label", "Close");
    close.addEventListener("click", kg.closeCard);
    card.appendChild(close);
    card.appendChild(kg.el("h3", title));
    events.forEach(function (ev) { card.appendChild(kg.factOf(ev, null, here)); });
    card.hidden = false;
    card.scrollTop = 0;
  };
  kg.closeCard = function () { card.hidden = true; kg.clear(card); };
})();
