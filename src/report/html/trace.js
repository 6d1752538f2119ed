/*
 * The page of a trace (scd_report_html_trace): the traced text paragraph
 * by paragraph, its original text with its line breaks, colored by the
 * witness it came from, with its sources beside it; a legend of the
 * witnesses on the left.  A click on a witness (in the legend or among a
 * paragraph's sources) marks every paragraph that witness holds, with a
 * way to step through them.
 *
 * A paragraph's color is its best source (the trace lists them best
 * first) other than the input's own record ("self": a witness with the
 * input's bytes holds all of it and says nothing of where it came from).
 * The witnesses that color the most paragraphs get the most distinct
 * colors.
 */
(function () {
  var D = SCD.data, el = SCD.el, lines = SCD.lines;
  var W = D.witnesses, P = D.paragraphs, np = P.length, i, k;
  var NONE = -1, SELF_ONLY = -2;
  document.title = "scodiff trace: " + D.input.path;

  /* ---- where each paragraph came from ---- */
  var origin = P.map(function (p) {
    for (var k = 0; k < p.src.length; k++) if (p.src[k][0] !== D.self) return p.src[k][0];
    return p.src.length ? SELF_ONLY : NONE;
  });
  var colored = W.map(function () { return 0; }), held = W.map(function () { return []; });
  var count = { none: 0, self: 0, traced: 0, bytes: 0 };
  P.forEach(function (p, n) {
    var o = origin[n];
    if (o >= 0) { colored[o]++; count.traced++; count.bytes += p.s[1] - p.s[0]; }
    else if (o === SELF_ONLY) count.self++;
    else count.none++;
    p.src.forEach(function (s) {
      var h = held[s[0]];
      if (h[h.length - 1] !== n) h.push(n);
    });
  });

  /* ---- colors: tab10 without its grey (grey is "no source"), then hues
   * a golden angle apart ---- */
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                 "#8c564b", "#e377c2", "#bcbd22"];
  var byUse = W.map(function (w, n) { return n; });
  byUse.sort(function (a, b) { return colored[b] - colored[a] || held[b].length - held[a].length || a - b; });
  var color = new Array(W.length), tint = new Array(W.length);
  byUse.forEach(function (w, r) {
    var h = Math.round((r * 137.508) % 360);
    color[w] = r < PALETTE.length ? PALETTE[r] : "hsl(" + h + ", 60%, 42%)";
    tint[w] = r < PALETTE.length ? PALETTE[r] + "24" : "hsla(" + h + ", 60%, 42%, 0.14)";
  });
  if (D.self != null) color[D.self] = null;
  function paint(e, o) {
    if (o >= 0) {
      e.style.borderLeftColor = color[o];
      e.style.backgroundColor = tint[o];
    }
    e.classList.add(o >= 0 ? "from" : o === SELF_ONLY ? "self-only" : "none");
  }
  function base(p) { return p.replace(/^.*\//, ""); }
  function pct(x, n) { return n ? (100 * x / n).toFixed(1) + "%" : "\u2013"; }

  /* ---- header ---- */
  var app = document.getElementById("app");
  var header = el("header");
  header.appendChild(el("h1", null, "trace of " + D.input.path));
  var files = el("div", "files");
  files.appendChild(document.createTextNode(D.input.encoding + ", " + D.input.bytes + " bytes, " +
    D.input.lines + " lines \u00b7 store " + D.store + " at commit " + D.commit.slice(0, 12)));
  if (D.self != null)
    files.appendChild(document.createTextNode(" \u00b7 this file is recorded as witness " + W[D.self].id +
      " (" + W[D.self].path + "), listed but not counted as a source"));
  header.appendChild(files);
  var sum = el("div", "summary");
  sum.appendChild(el("span", null, np + " paragraph" + (np === 1 ? "" : "s") + ": " + count.traced +
    " from another witness (" + pct(count.bytes, D.input.bytes) + " of the bytes)" +
    (D.self != null ? ", " + count.self + " only in this file's own record" : "") +
    ", " + count.none + " with no recorded source"));
  header.appendChild(sum);
  var filt = el("div", "filter");
  header.appendChild(filt);
  document.body.insertBefore(header, app);

  /* ---- legend: the witnesses ---- */
  var nav = el("nav", "witnesses"), ol = el("ol");
  nav.appendChild(el("div", "nh", "Sources (click one to mark its paragraphs)"));
  function legendItem(sw, label, title, note, w) {
    var li = el("li"), a = el("a");
    a.href = "#";
    a.appendChild(sw);
    a.appendChild(el("span", "wp", label));
    if (note) a.appendChild(el("span", "wn", note));
    a.title = title;
    if (w != null) a.setAttribute("data-w", w);
    li.appendChild(a);
    ol.appendChild(li);
    return li;
  }
  byUse.forEach(function (w) {
    var sw = el("span", "sw"), x = W[w];
    if (color[w]) sw.style.backgroundColor = color[w];
    else sw.classList.add("self");
    legendItem(sw, base(x.path) + (w === D.self ? "  (this file)" : ""),
      x.path + "\nwitness " + x.id + " \u00b7 " + x.encoding + ", " + x.bytes + " bytes \u00b7 added " + x.added,
      colored[w] + " / " + held[w].length, w);
  });
  if (D.self != null && count.self)
    legendItem(el("span", "sw self"), "only in this file's own record", "paragraphs no other witness holds",
      String(count.self), null).className = "fixed";
  legendItem(el("span", "sw none"), "no recorded source", "paragraphs no witness holds",
    String(count.none), null).className = "fixed";
  nav.appendChild(ol);
  nav.appendChild(el("div", "note", "colored / holding paragraphs"));
  document.body.insertBefore(nav, app);
  function placeNav() { nav.style.top = header.offsetHeight + "px"; }

  /* ---- paragraphs ---- */
  var main = el("main");
  app.appendChild(main);
  var holder = el("div");
  main.appendChild(holder);
  var selected = null, cursor = -1, mark = null; /* mark[n]: paragraph n held by selected */

  function source(s) {
    var w = W[s[0]], li = el("li", s[0] === D.self ? "self" : null), a = el("a", "src"), sw = el("span", "sw");
    if (color[s[0]]) sw.style.backgroundColor = color[s[0]];
    else sw.classList.add("self");
    a.href = "#";
    a.setAttribute("data-w", s[0]);
    a.appendChild(sw);
    a.appendChild(document.createTextNode(w.path + ":" + lines(s[2]) + (s[0] === D.self ? "  (this file)" : "")));
    a.title = "witness " + w.id + "\nfirst recorded in commit " + s[5];
    li.appendChild(a);
    li.appendChild(el("div", "sd", "similarity " + SCD.fmt(s[3]) +
      (s[4] != null ? " \u00b7 statement " + s[4] : " \u00b7 in no statement") +
      " \u00b7 bytes " + s[1][0] + "\u2013" + s[1][1] + " \u00b7 first recorded " + s[5].slice(0, 12)));
    return li;
  }
  function render(n) {
    var p = P[n], row = el("div", "para"), rh = el("div", "rh"), body = el("div", "pg");
    var t = el("div", "ptext", p.t), srcs = el("ol", "srcs");
    row.id = "p-" + (n + 1);
    row.setAttribute("data-from", origin[n]);
    rh.appendChild(el("span", "no", "\u00b6" + (n + 1)));
    rh.appendChild(document.createTextNode("lines " + lines(p.l) + " \u00b7 bytes " + p.s[0] + "\u2013" + p.s[1]));
    paint(t, origin[n]);
    if (!p.src.length) srcs.appendChild(el("li", "nosrc", "no recorded source"));
    p.src.forEach(function (s) { srcs.appendChild(source(s)); });
    body.appendChild(t);
    body.appendChild(srcs);
    row.appendChild(rh);
    row.appendChild(body);
    if (mark && mark[n]) row.classList.add("sel");
    return row;
  }
  var lazy = SCD.lazyList(holder, np, render, function (n) {
    var p = P[n];
    return 34 + Math.max(25.5 * (p.l[1] - p.l[0] + 1), 38 * Math.max(1, p.src.length));
  }, SCD.eager(2 * D.input.bytes), 40);

  /* ---- marking a witness's paragraphs ---- */
  function go(step) {
    var h = held[selected];
    if (!h.length) return;
    cursor = cursor < 0 ? (step > 0 ? 0 : h.length - 1) : (cursor + step + h.length) % h.length;
    lazy.show(h[cursor]);
    SCD.reveal("p-" + (h[cursor] + 1));
    filt.querySelector(".at").textContent = (cursor + 1) + " of " + h.length;
  }
  function select(w) {
    selected = w === selected ? null : w;
    cursor = -1;
    mark = null;
    if (selected != null) {
      mark = new Uint8Array(np);
      held[selected].forEach(function (n) { mark[n] = 1; });
    }
    document.body.classList.toggle("selecting", selected != null);
    holder.querySelectorAll(".para").forEach(function (row) {
      row.classList.toggle("sel", !!(mark && mark[+row.id.slice(2) - 1]));
    });
    ol.querySelectorAll("a[data-w]").forEach(function (a) {
      a.classList.toggle("sel", +a.getAttribute("data-w") === selected);
    });
    filt.textContent = "";
    if (selected == null) return;
    var x = W[selected];
    filt.appendChild(document.createTextNode(x.path + " (witness " + x.id + ") holds " +
      held[selected].length + " paragraph" + (held[selected].length === 1 ? "" : "s") + "  "));
    filt.appendChild(el("span", "at", ""));
    [["\u25b2 previous", -1], ["\u25bc next", 1]].forEach(function (b) {
      var btn = el("button", "ui", b[0]);
      btn.addEventListener("click", function () { go(b[1]); });
      filt.appendChild(btn);
    });
    var clr = el("button", "ui", "clear");
    clr.addEventListener("click", function () { select(null); });
    filt.appendChild(clr);
    placeNav();
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-w]") : null;
    if (!a) return;
    ev.preventDefault();
    select(+a.getAttribute("data-w"));
    if (nav.contains(a) && selected != null) go(1);
  });

  placeNav();
  window.addEventListener("resize", placeNav);
  if (/^#p-\d+$/.test(location.hash) && +location.hash.slice(3) <= np) {
    lazy.show(+location.hash.slice(3) - 1);
    SCD.reveal(location.hash.slice(1));
  }
  /* for the tests and for a console: what the page holds */
  window.scodiffReport = { paragraphs: np, origin: origin, color: color, drawAll: lazy.all,
                           pending: lazy.pending, select: select };
})();
