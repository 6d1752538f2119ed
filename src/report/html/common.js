/*
 * Shared by scodiff's HTML pages (src/report_html.c): the page's data,
 * DOM helpers, text cut into pieces at the differences, the legend that
 * toggles the kinds, the tooltip, and a list rendered lazily in chunks.
 *
 * Every text of a document reaches the page through textContent or text
 * nodes, never as markup: that is what keeps markup in a document inert.
 */
"use strict";
var SCD = (function () {
  var data = JSON.parse(document.getElementById("scd-data").textContent);
  var KINDS = ["edit", "ocr", "variant", "punct", "width"]; /* legend order */
  var OFF = { punct: 1, width: 1 }; /* not highlighted at first */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function fmt(x, digits) { return Number(x).toFixed(digits == null ? 3 : digits); }

  function lines(l) { return l[0] === l[1] ? String(l[0]) : l[0] + "\u2013" + l[1]; }

  /*
   * Append pieces (report_html.h, scd_html__side) to parent: strings as
   * text, [i,"t"] as a difference of diffs[i] (an empty text shows an
   * insertion mark), [-1,"t"] as text only on this side.
   */
  function pieces(parent, list, diffs, side) {
    var i, p, x, s;
    for (i = 0; i < list.length; i++) {
      p = list[i];
      if (typeof p === "string") {
        parent.appendChild(document.createTextNode(p));
      } else if (p[0] < 0) {
        parent.appendChild(el("span", "only", p[1]));
      } else {
        x = diffs[p[0]];
        s = el("span", "d k-" + data.kinds[x[0]] + (p[1] === "" ? " gap" : ""), p[1]);
        s.setAttribute("data-d", p[0]);
        s.setAttribute("data-side", side);
        parent.appendChild(s);
      }
    }
  }

  /* The legend: a box per kind with its count; unchecking one adds
   * hide-KIND to body, which the styles read. */
  function legend(counts, extra) {
    var box = el("div", "legend"), k, i;
    for (i = 0; i < KINDS.length; i++) {
      k = KINDS[i];
      var lab = el("label"), cb = el("input");
      cb.type = "checkbox";
      cb.id = "show-" + k;
      cb.setAttribute("data-kind", k);
      cb.checked = !OFF[k];
      document.body.classList.toggle("hide-" + k, !cb.checked);
      cb.addEventListener("change", function (ev) {
        var t = ev.target;
        document.body.classList.toggle("hide-" + t.getAttribute("data-kind"), !t.checked);
      });
      lab.appendChild(cb);
      lab.appendChild(el("span", "sw k-" + k));
      lab.appendChild(document.createTextNode(k));
      lab.appendChild(el("span", "n", String(counts[data.kinds.indexOf(k)])));
      box.appendChild(lab);
    }
    if (extra) box.appendChild(el("span", "fixed", extra));
    return box;
  }

  /* The tooltip: kind, reason, the two readings, the suggestion. */
  var tip = el("div", "tip");
  document.body.appendChild(tip);
  var lit = [];
  function unlight() {
    for (var i = 0; i < lit.length; i++) lit[i].classList.remove("hl");
    lit = [];
  }
  /* describe(span) -> {diff, a, b, where} is set by the page */
  var page = { describe: null };
  document.addEventListener("mouseover", function (ev) {
    var s = ev.target.closest ? ev.target.closest(".d") : null;
    unlight();
    if (!s || !page.describe || document.body.classList.contains("hide-" + s.className.split(" ")[1].slice(2))) {
      tip.style.display = "none";
      return;
    }
    var info = page.describe(s), x = info.diff, k = data.kinds[x[0]];
    lit = info.partners || [];
    for (var i = 0; i < lit.length; i++) lit[i].classList.add("hl");
    tip.textContent = "";
    var head = el("div");
    head.appendChild(el("span", "tk", k));
    if (x[1]) head.appendChild(document.createTextNode(" \u00b7 " + x[1]));
    if (x[3] > 0) head.appendChild(document.createTextNode(" \u00b7 confidence " + fmt(x[3], 2)));
    tip.appendChild(head);
    var tt = el("div", "tt");
    tt.textContent = (info.a === "" ? "\u2205" : info.a) + "  \u2192  " + (info.b === "" ? "\u2205" : info.b);
    tip.appendChild(tt);
    if (x[2] != null) tip.appendChild(el("div", "sg", "suggestion: " + (x[2] === "" ? "(without it)" : x[2])));
    if (info.where) tip.appendChild(el("div", null, info.where));
    tip.style.display = "block";
    var r = s.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(window.innerWidth - w - 4, r.left)) + "px";
    tip.style.top = (r.bottom + 6 + h < window.innerHeight ? r.bottom + 6 : Math.max(4, r.top - h - 6)) + "px";
  });
  window.addEventListener("scroll", function () { tip.style.display = "none"; }, { passive: true });

  /*
   * A list of n items rendered in chunks of `size`: each chunk is a
   * placeholder of its estimated height until it comes within a screen or
   * two of the view (IntersectionObserver), so that a report of millions
   * of characters opens at once and scrolls; `eager` renders all now.
   * render(i) returns item i's element; estimate(i) its height in px.
   */
  function lazyList(container, n, render, estimate, eager, size) {
    var chunks = [], c, i, io = null;
    size = size || 40;
    function fill(c) {
      var div = chunks[c], j, end;
      if (!div || !div.classList.contains("pending")) return;
      div.classList.remove("pending");
      div.style.height = "";
      if (io) io.unobserve(div);
      for (j = c * size, end = Math.min(n, j + size); j < end; j++) div.appendChild(render(j));
    }
    for (c = 0; c * size < n; c++) {
      var div = el("div", "chunk pending"), h = 0;
      for (i = c * size; i < Math.min(n, (c + 1) * size); i++) h += estimate(i);
      div.style.height = Math.round(h) + "px";
      div.setAttribute("data-chunk", c);
      container.appendChild(div);
      chunks.push(div);
    }
    if (eager || typeof IntersectionObserver === "undefined") {
      for (c = 0; c < chunks.length; c++) fill(c);
    } else {
      io = new IntersectionObserver(function (es) {
        for (var k = 0; k < es.length; k++)
          if (es[k].isIntersecting) fill(+es[k].target.getAttribute("data-chunk"));
      }, { rootMargin: "2000px 0px" });
      for (c = 0; c < chunks.length; c++) io.observe(chunks[c]);
    }
    return {
      /* render item i's chunk (and the one before, so that it does not
       * move when scrolled to) */
      show: function (i) { var c = Math.floor(i / size); fill(c - 1); fill(c); },
      all: function () { for (var c = 0; c < chunks.length; c++) fill(c); },
      pending: function () { return container.querySelectorAll(".chunk.pending").length; }
    };
  }

  /* Scroll to the element with this id once rendered, and flash it. */
  function reveal(id) {
    var e = document.getElementById(id);
    if (!e) return;
    e.scrollIntoView({ block: "start" });
    e.classList.add("flash");
    setTimeout(function () { e.classList.remove("flash"); }, 1200);
  }

  return {
    data: data, kinds: KINDS, el: el, fmt: fmt, lines: lines, pieces: pieces,
    legend: legend, lazyList: lazyList, reveal: reveal, page: page,
    /* reports this large render lazily (bytes of text in the page) */
    eager: function (bytes) { return bytes < 1500000; }
  };
})();
