/*
 * The page of a scan (scd_report_html_scan): the documents with their
 * share of repeated text, how much each pair of documents shares (a
 * matrix, or a strip of each document's partners when there are too many
 * for one), the clusters with their members (each member's text with its
 * differences from the canonical member), and the boilerplate formulae.
 *
 * Shared text of a pair (A row, B column) = bytes of A inside members of
 * clusters that also have a member in B, over A's size; on the diagonal,
 * clusters repeated inside the document.  Boilerplate is left out: a
 * dateline shared by every document says nothing about the pair.
 */
(function () {
  var D = SCD.data, el = SCD.el, lines = SCD.lines;
  var nd = D.docs.length, nc = D.clusters.length, i, j, c, m;
  document.title = "scodiff scan: " + nd + " documents, " + nc + " clusters";

  /* ---- shares ---- */
  var share = {}; /* "i,j" -> {bytes, clusters:[c]} */
  function cell(a, b) { var k = a + "," + b; return share[k] || (share[k] = { bytes: 0, clusters: [] }); }
  for (c = 0; c < nc; c++) {
    var ms = D.clusters[c].members, per = {};
    for (m = 0; m < ms.length; m++) (per[ms[m].d] = per[ms[m].d] || []).push(ms[m]);
    var docs = Object.keys(per).map(Number);
    for (i = 0; i < docs.length; i++)
      for (j = 0; j < docs.length; j++) {
        var own = per[docs[i]];
        if (i === j && own.length < 2) continue;
        var x = cell(docs[i], docs[j]);
        for (m = 0; m < own.length; m++) x.bytes += own[m].s[1] - own[m].s[0];
        x.clusters.push(c);
      }
  }
  function frac(a, b) {
    var x = share[a + "," + b];
    return x && D.docs[a].bytes ? Math.min(1, x.bytes / D.docs[a].bytes) : 0;
  }
  function heat(td, f) {
    td.style.background = f > 0 ? "rgba(200, 40, 46, " + (0.08 + 0.85 * f).toFixed(3) + ")" : "#f4f5f7";
    td.style.color = f > 0.55 ? "#fff" : "#333";
  }
  function base(p) { return p.replace(/^.*\//, ""); }

  /* ---- header ---- */
  var app = document.getElementById("app");
  var header = el("header");
  var counts = [0, 0, 0, 0, 0, 0], skipped = 0;
  for (c = 0; c < nc; c++) for (i = 0; i < 6; i++) counts[i] += D.clusters[c].counts[i];
  for (i = 0; i < nd; i++) if (D.docs[i].error) skipped++;
  header.appendChild(el("h1", null, "scan of " + nd + " document" + (nd === 1 ? "" : "s")));
  var sum = el("div", "summary");
  sum.appendChild(el("span", null, nc + " cluster" + (nc === 1 ? "" : "s") + " of repeated passages \u00b7 " +
    D.boilerplate.length + " boilerplate formula" + (D.boilerplate.length === 1 ? "" : "e") +
    (skipped ? " \u00b7 " + skipped + " skipped" : "")));
  sum.appendChild(el("span", "note", "members differ from their canonical text by:"));
  sum.appendChild(SCD.legend(counts));
  header.appendChild(sum);
  document.body.insertBefore(header, app);
  var main = el("main");
  main.style.marginLeft = "0";
  app.appendChild(main);

  /* ---- documents and what they share ---- */
  var secDocs = el("section");
  secDocs.appendChild(el("h2", null, "Documents (share of the text repeated elsewhere)"));
  var tbl = el("table", "docs");
  D.docs.forEach(function (d, k) {
    var tr = el("tr");
    tr.appendChild(el("td", "num", String(k + 1)));
    var bar = el("span", "bar"), f = el("i");
    f.style.width = (d.bytes ? 100 * d.repeated / d.bytes : 0) + "%";
    bar.appendChild(f);
    var tdb = el("td");
    tdb.appendChild(bar);
    tr.appendChild(tdb);
    tr.appendChild(el("td", "num", d.bytes ? (100 * d.repeated / d.bytes).toFixed(1) + "%" : "\u2013"));
    tr.appendChild(el("td", null, d.path + (d.error ? "  (skipped: " + d.error + ")" : "")));
    tbl.appendChild(tr);
  });
  secDocs.appendChild(tbl);
  main.appendChild(secDocs);

  var secShare = el("section");
  secShare.appendChild(el("h2", null, "Shared text: row document's share found in the column document (click a cell for its clusters)"));
  var selected = null;
  function pick(td, a, b) {
    if (selected) selected.classList.remove("sel");
    selected = td;
    if (td) td.classList.add("sel");
    filter(a, b);
  }
  if (nd <= 60) {
    var mx = el("table", "matrix"), tr0 = el("tr");
    tr0.appendChild(el("th"));
    for (j = 0; j < nd; j++) {
      var th = el("th", null, String(j + 1));
      th.title = D.docs[j].path;
      th.style.textAlign = "center";
      tr0.appendChild(th);
    }
    mx.appendChild(tr0);
    for (i = 0; i < nd; i++) {
      var tr = el("tr"), rh = el("th", null, (i + 1) + " " + base(D.docs[i].path));
      rh.title = D.docs[i].path;
      tr.appendChild(rh);
      for (j = 0; j < nd; j++) {
        var f = frac(i, j), td = el("td", i === j ? "diag" : null, f > 0 ? Math.round(100 * f) + "%" : "");
        heat(td, f);
        td.title = D.docs[i].path + (i === j ? " repeats " : " shares with " + D.docs[j].path + ": ") +
          (100 * f).toFixed(1) + "% of its bytes, " + (share[i + "," + j] ? share[i + "," + j].clusters.length : 0) + " clusters";
        td.setAttribute("data-pair", i + "," + j);
        (function (td, a, b) { td.addEventListener("click", function () { pick(td, a, b); }); })(td, i, j);
        tr.appendChild(td);
      }
      mx.appendChild(tr);
    }
    secShare.appendChild(mx);
  } else {
    /* too many for a matrix: each document's 40 closest partners */
    secShare.appendChild(el("div", "note", "A strip per document: its 40 closest partners, darkest first."));
    var strips = el("div");
    SCD.lazyList(strips, nd, function (a) {
      var row = el("div", "strip"), cells = el("span", "cells"), ps = [];
      row.appendChild(el("span", "path", (a + 1) + " " + D.docs[a].path));
      for (var b = 0; b < nd; b++) if (share[a + "," + b]) ps.push([frac(a, b), b]);
      ps.sort(function (x, y) { return y[0] - x[0]; });
      ps.slice(0, 40).forEach(function (p) {
        var sp = el("span");
        heat(sp, p[0]);
        sp.title = (p[1] === a ? "repeated inside: " : D.docs[p[1]].path + ": ") + (100 * p[0]).toFixed(1) + "%";
        sp.setAttribute("data-pair", a + "," + p[1]);
        sp.addEventListener("click", function () { pick(sp, a, p[1]); });
        cells.appendChild(sp);
      });
      row.appendChild(cells);
      return row;
    }, function () { return 22; }, false, 100);
    secShare.appendChild(strips);
  }
  main.appendChild(secShare);

  /* ---- clusters ---- */
  var secCl = el("section");
  var h2 = el("h2", null, "Clusters, largest first");
  secCl.appendChild(h2);
  var filt = el("div", "filter");
  secCl.appendChild(filt);
  var holder = el("div");
  secCl.appendChild(holder);
  main.appendChild(secCl);

  function chips(cn) {
    var box = el("span", "chips");
    SCD.kinds.forEach(function (k) {
      var n = cn[D.kinds.indexOf(k)];
      if (n) box.appendChild(el("span", "k-" + k, k + " " + n));
    });
    return box;
  }
  function renderCluster(cl, boiler) {
    var card = el("div", "card"), head = el("div", "card-head");
    card.id = (boiler ? "b-" : "c-") + cl.id;
    head.appendChild(el("span", "no", (boiler ? "formula " : "cluster ") + cl.id));
    head.appendChild(document.createTextNode(cl.members.length + " renderings in " + cl.docs + " document" +
      (cl.docs === 1 ? "" : "s") + " \u00b7 " + cl.n + " chars" + (boiler ? "" : " \u00b7 similarity " + SCD.fmt(cl.sim))));
    if (!boiler) head.appendChild(chips(cl.counts));
    card.appendChild(head);
    var canon = el("div", "canon t", cl.canonical);
    canon.title = "canonical text (click to show it all)";
    canon.addEventListener("click", function () { canon.classList.toggle("open"); });
    card.appendChild(canon);
    var mem = el("div", "members");
    cl.members.forEach(function (x, k) {
      var label = D.docs[x.d].path + ":" + lines(x.l) + (x.c ? "  (canonical)" : "  similarity " + SCD.fmt(x.sim)) +
        "  \u00b7 bytes " + x.s[0] + "\u2013" + x.s[1];
      if (!x.t) { mem.appendChild(el("div", null, label)); return; }
      var det = el("details"), smy = el("summary", null, label), t = el("div", "t");
      det.id = card.id + "-m" + (k + 1);
      SCD.pieces(t, x.t, x.x || [], "m");
      det.appendChild(smy);
      det.appendChild(t);
      mem.appendChild(det);
    });
    card.appendChild(mem);
    return card;
  }

  var current = null;
  function showClusters(idx) {
    holder.textContent = "";
    current = idx;
    SCD.lazyList(holder, idx.length, function (k) { return renderCluster(D.clusters[idx[k]], false); },
      function (k) { return 90 + 20 * D.clusters[idx[k]].members.length; },
      SCD.eager(10 * idx.length * 200), 30);
  }
  function filter(a, b) {
    var x = a == null ? null : share[a + "," + b];
    var idx = [];
    if (a == null) for (c = 0; c < nc; c++) idx.push(c);
    else if (x) idx = x.clusters.slice();
    filt.textContent = "";
    if (a != null) {
      filt.appendChild(document.createTextNode((a === b ? "repeated inside " + D.docs[a].path
        : "shared by " + D.docs[a].path + " and " + D.docs[b].path) + ": " + idx.length + " clusters  "));
      var clr = el("button", "ui", "show all");
      clr.addEventListener("click", function () { pick(null, null, null); });
      filt.appendChild(clr);
      /* open the members in these documents */
      showClusters(idx);
      holder.querySelectorAll("details").forEach(function (det) {
        var p = det.querySelector("summary").textContent;
        if (p.indexOf(D.docs[a].path + ":") === 0 || p.indexOf(D.docs[b].path + ":") === 0) det.open = true;
      });
      secCl.scrollIntoView({ block: "start" });
    } else {
      showClusters(idx);
    }
  }
  filter(null, null);

  if (D.boilerplate.length) {
    var secB = el("section"), det = el("details");
    det.appendChild(el("summary", null, "Boilerplate: " + D.boilerplate.length + " formulae found in " +
      D.boilerplate_docs + " documents or more (not counted as shared above)"));
    det.addEventListener("toggle", function () {
      if (det.open && det.children.length === 1)
        D.boilerplate.forEach(function (cl) { det.appendChild(renderCluster(cl, true)); });
    });
    secB.appendChild(det);
    main.appendChild(secB);
  }

  SCD.page.describe = function (s) {
    var card = s.closest(".card"), det = s.closest("details");
    var cl = D.clusters.filter(function (x) { return "c-" + x.id === card.id; })[0];
    var k = +det.id.replace(/.*-m/, "") - 1, x = cl.members[k].x[+s.getAttribute("data-d")];
    return { diff: x, a: x[6], b: s.textContent, where: D.docs[cl.members[k].d].path, partners: [s] };
  };
  window.scodiffReport = { clusters: nc, shown: function () { return current.length; } };
})();
