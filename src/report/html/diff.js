/*
 * The page of a comparison (scd_report_html_diff): summary and legend,
 * the list of passages, and the two files side by side, a row per
 * aligned passage in the order of file A.  Text found only in A has a row
 * of its own in A's order; text found only in B comes after the passage
 * that precedes it in B.  A passage out of B's order (not on the longest
 * run of passages in the same order in both files) is marked as moved,
 * with a link to the passage it follows in B.
 */
(function () {
  var D = SCD.data, el = SCD.el, lines = SCD.lines;
  var nb = D.blocks.length, i, j;
  document.title = "scodiff: " + D.a.path + " \u21c4 " + D.b.path;

  /* ---- B's order and the moved passages ---- */
  var byB = [];
  for (i = 0; i < nb; i++) byB.push(i);
  byB.sort(function (x, y) { return D.blocks[x].bs[0] - D.blocks[y].bs[0]; });
  var rankB = new Array(nb), prevB = new Array(nb);
  for (i = 0; i < nb; i++) { rankB[byB[i]] = i; prevB[byB[i]] = i ? byB[i - 1] : -1; }
  /* longest increasing run of B ranks in A order (patience sorting) */
  var tails = [], link = new Array(nb), inPlace = new Array(nb);
  for (i = 0; i < nb; i++) {
    var lo = 0, hi = tails.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (rankB[tails[mid]] < rankB[i]) lo = mid + 1; else hi = mid; }
    link[i] = lo ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  for (i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = link[i]) inPlace[i] = true;

  /* ---- rows ---- */
  var after = {}, rows = [];
  for (j = 0; j < D.ub.length; j++) {
    /* the last passage that starts before it in B */
    var lo2 = 0, hi2 = nb, at = D.ub[j].s[0];
    while (lo2 < hi2) { var m2 = (lo2 + hi2) >> 1; if (D.blocks[byB[m2]].bs[0] < at) lo2 = m2 + 1; else hi2 = m2; }
    var key = lo2 ? byB[lo2 - 1] : -1;
    (after[key] = after[key] || []).push(j);
  }
  function pushB(key) { var l = after[key] || []; for (var k = 0; k < l.length; k++) rows.push({ t: "ub", i: l[k] }); }
  pushB(-1);
  for (i = 0, j = 0; i < nb || j < D.ua.length;) {
    if (j < D.ua.length && (i >= nb || D.ua[j].s[0] < D.blocks[i].as[0])) {
      rows.push({ t: "ua", i: j++ });
    } else {
      rows.push({ t: "block", i: i });
      pushB(i++);
    }
  }
  function rowId(r) { return (r.t === "block" ? "p-" : r.t + "-") + (r.i + 1); }

  /* ---- header: files, summary, legend ---- */
  var app = document.getElementById("app");
  var header = el("header");
  header.appendChild(el("h1", null, D.a.path + "  \u21c4  " + D.b.path));
  var files = el("div", "files");
  [["A", D.a], ["B", D.b]].forEach(function (f, k) {
    if (k) files.appendChild(document.createTextNode("  \u00b7  "));
    files.appendChild(el("b", null, f[0] + " "));
    files.appendChild(document.createTextNode(f[1].path + " (" + f[1].encoding + ", " + f[1].bytes +
      " bytes, " + f[1].lines + " lines)"));
  });
  header.appendChild(files);
  var sum = el("div", "summary"), bar = el("span", "bar"), fill = el("i");
  fill.style.width = (100 * D.similarity) + "%";
  bar.appendChild(fill);
  var simBox = el("span");
  simBox.appendChild(el("span", "sim", SCD.fmt(D.similarity)));
  simBox.appendChild(document.createTextNode(" similarity "));
  simBox.appendChild(bar);
  sum.appendChild(simBox);
  function chars(list) { var n = 0; for (var k = 0; k < list.length; k++) n += list[k].n; return n; }
  var moved = 0;
  for (i = 0; i < nb; i++) if (!inPlace[i]) moved++;
  sum.appendChild(el("span", null, nb + " passage" + (nb === 1 ? "" : "s") + (moved ? " (" + moved + " moved)" : "")));
  sum.appendChild(el("span", null, "only in A: " + chars(D.ua) + " chars in " + D.ua.length +
    " place" + (D.ua.length === 1 ? "" : "s") + " \u00b7 only in B: " + chars(D.ub) + " chars in " +
    D.ub.length + " place" + (D.ub.length === 1 ? "" : "s")));
  sum.appendChild(SCD.legend(D.counts, "layout " + D.counts[0] + " (not shown)"));
  header.appendChild(sum);
  var hidden = [];
  for (i = 1; i < D.kinds.length; i++) if (!D.shown[i] && D.counts[i]) hidden.push(D.kinds[i]);
  if (hidden.length)
    header.appendChild(el("div", "note", "not marked in the text (--show): " + hidden.join(", ")));
  document.body.insertBefore(header, app);

  /* ---- navigation ---- */
  var nav = el("nav"), ol = el("ol");
  rows.forEach(function (r, k) {
    var li = el("li"), a = el("a");
    a.href = "#" + rowId(r);
    if (r.t === "block") {
      var b = D.blocks[r.i];
      a.appendChild(el("span", "no", String(r.i + 1)));
      a.appendChild(document.createTextNode("A " + lines(b.al) + " \u00b7 B " + lines(b.bl)));
      if (!inPlace[r.i]) li.className = "moved";
    } else {
      var u = D[r.t][r.i];
      li.className = r.t === "ua" ? "only-a" : "only-b";
      a.appendChild(el("span", "no", r.t === "ua" ? "A" : "B"));
      a.appendChild(document.createTextNode("only in " + (r.t === "ua" ? "A " : "B ") + lines(u.l)));
    }
    a.setAttribute("data-row", k);
    li.appendChild(a);
    ol.appendChild(li);
  });
  nav.appendChild(ol);
  document.body.insertBefore(nav, app);
  function placeNav() {
    nav.style.top = header.offsetHeight + "px";
    }

  /* ---- the passages ---- */
  var main = el("main");
  app.appendChild(main);
  var heads = el("div", "cols heads");
  heads.appendChild(el("div", "colhead", "A  " + D.a.path));
  heads.appendChild(el("div", "colhead", "B  " + D.b.path));
  main.appendChild(heads);
  var list = el("div");
  main.appendChild(list);

  function renderRow(k) {
    var r = rows[k], row = el("div", "row"), rh = el("div", "rh"), cols = el("div", "cols");
    var ca = el("div", "t a"), cb = el("div", "t b");
    row.id = rowId(r);
    if (r.t === "block") {
      var b = D.blocks[r.i];
      rh.appendChild(el("span", "no", "passage " + (r.i + 1)));
      rh.appendChild(document.createTextNode("A lines " + lines(b.al) + " \u21c4 B lines " + lines(b.bl) +
        " \u00b7 " + b.n + " chars \u00b7 similarity " + SCD.fmt(b.sim)));
      if (!inPlace[r.i]) {
        var badge = el("span", "badge", "moved in B: ");
        if (prevB[r.i] >= 0) {
          var to = el("a", null, "after passage " + (prevB[r.i] + 1));
          to.href = "#p-" + (prevB[r.i] + 1);
          to.setAttribute("data-row", rowOf["p-" + (prevB[r.i] + 1)]);
          badge.appendChild(to);
        } else {
          badge.appendChild(document.createTextNode("at its start"));
        }
        rh.appendChild(badge);
        row.classList.add("moved");
      }
      SCD.pieces(ca, b.ta, D.diffs, "a");
      SCD.pieces(cb, b.tb, D.diffs, "b");
    } else {
      var u = D[r.t][r.i], a = r.t === "ua";
      row.classList.add(a ? "only-a" : "only-b");
      rh.appendChild(el("span", "no", "only in " + (a ? "A" : "B")));
      rh.appendChild(document.createTextNode((a ? "A" : "B") + " lines " + lines(u.l) + " \u00b7 " + u.n + " chars"));
      SCD.pieces(a ? ca : cb, u.t, D.diffs, a ? "a" : "b");
    }
    row.appendChild(rh);
    cols.appendChild(ca);
    cols.appendChild(cb);
    row.appendChild(cols);
    return row;
  }
  var rowOf = {};
  rows.forEach(function (r, k) { rowOf[rowId(r)] = k; });

  /* heights before rendering: characters per line of a column, measured */
  var colWidth = Math.max(200, (main.clientWidth - 40) / 2);
  var perLine = Math.max(8, Math.floor(colWidth / 15.5));
  function estimate(k) {
    var r = rows[k], n = r.t === "block" ? D.blocks[r.i].n : D[r.t][r.i].n;
    return 46 + Math.ceil(n / perLine) * 25.5;
  }
  var lazy = SCD.lazyList(list, rows.length, renderRow, estimate,
                          SCD.eager(D.a.bytes + D.b.bytes));

  if (lazy.pending()) {
    var note = el("div", "note", "Long report: passages are drawn as they scroll into view. ");
    var all = el("button", "ui", "draw all (to search the page)");
    all.addEventListener("click", function () { lazy.all(); note.remove(); });
    note.appendChild(all);
    main.insertBefore(note, heads);
  }

  /* links to a row render its chunk first */
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-row]") : null;
    if (!a) return;
    ev.preventDefault();
    var k = +a.getAttribute("data-row");
    lazy.show(k);
    history.replaceState(null, "", "#" + rowId(rows[k]));
    SCD.reveal(rowId(rows[k]));
    var entry = ol.children[k];
    if (entry && !nav.contains(a)) entry.scrollIntoView({ block: "nearest" });
  });

  SCD.page.describe = function (s) {
    var k = +s.getAttribute("data-d"), row = s.closest(".row");
    var pa = row.querySelector('.d[data-side="a"][data-d="' + k + '"]');
    var pb = row.querySelector('.d[data-side="b"][data-d="' + k + '"]');
    var x = D.diffs[k];
    return { diff: x, a: pa ? pa.textContent : "", b: pb ? pb.textContent : "",
             where: "A " + x[4] + " \u21c4 B " + x[5] + " (line:column)",
             partners: [pa, pb].filter(Boolean) };
  };

  placeNav();
  window.addEventListener("resize", placeNav);
  if (location.hash && rowOf[location.hash.slice(1)] != null) {
    lazy.show(rowOf[location.hash.slice(1)]);
    SCD.reveal(location.hash.slice(1));
  }
  /* for the tests and for a console: what the page holds */
  window.scodiffReport = { rows: rows.length, drawAll: lazy.all, pending: lazy.pending };
})();
