/*
 * `scodiff scan --json --html FILE corpora/` opened in headless Chromium:
 * a card per cluster with its members; each member's highlighted
 * differences from the canonical text, per kind, == the JSON's counts of
 * that cluster; the document × document matrix has a shaded cell exactly
 * where two documents share a cluster; clicking a cell lists those
 * clusters and opens their members in the two documents; no console
 * errors.  Screenshots go to $SHOTS.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const cdp = require("./cdp.js");

const CORPORA = process.env.CORPORA, WORK = process.env.WORK, SHOTS = process.env.SHOTS;
const T = cdp.checker("html.scan");
const KINDS = ["edit", "ocr", "variant", "punct", "width"];

(async () => {
  fs.mkdirSync(WORK, { recursive: true });
  const html = path.join(WORK, "scan.html");
  const r = cdp.scodiff(["scan", "--json", "--html", html, CORPORA]);
  T.eq(r.status, 1, "scan exits 1 (clusters found); stderr: " + r.stderr);
  const J = JSON.parse(r.stdout);
  const nd = J.documents.length;
  T.ok(J.clusters.length > 0, "the corpus has clusters");

  const page = await cdp.open(html, { width: 1400, height: 1000 });
  const got = await page.eval(`(() => {
    const cards = Array.from(document.querySelectorAll(".card[id^=c-]"));
    return {
      cards: cards.map((c) => {
        const r = { id: c.id, members: c.querySelectorAll(".members > *").length, counts: {} };
        for (const k of ${JSON.stringify(KINDS)}) r.counts[k] = c.querySelectorAll(".members .t .d.k-" + k).length;
        r.texts = Array.from(c.querySelectorAll(".members .t")).map((t) => t.textContent.replace(/\\s+/g, ""));
        return r; }),
      cells: Array.from(document.querySelectorAll("table.matrix td")).map((td) =>
        [td.getAttribute("data-pair"), td.style.background.indexOf("rgba(200, 40, 46") === 0]),
      docs: document.querySelectorAll("table.docs tr").length };
  })()`);
  T.eq(got.cards.length, J.clusters.length, "a card per cluster");
  T.eq(got.docs, nd, "a row per document");
  J.clusters.forEach((c, i) => {
    const card = got.cards[i] || { counts: {}, texts: [] };
    T.eq(card.id, "c-" + c.id, "cluster " + c.id + " in the JSON's order");
    T.eq(card.members, c.members.length, "cluster " + c.id + ": its members");
    const want = {};
    for (const k of KINDS) want[k] = c.counts[k];
    T.eq(card.counts, want, "cluster " + c.id + ": highlighted differences per kind == the JSON's counts");
    /* each member's text is the file's bytes at its span */
    c.members.forEach((m, k) => {
      const text = fs.readFileSync(m.path).subarray(m.span[0], m.span[1]).toString("utf8").replace(/\s+/gu, "");
      T.eq(card.texts[k], text, "cluster " + c.id + " member " + (k + 1) + ": the text of " +
        path.basename(m.path) + " bytes " + m.span.join("-"));
    });
  });

  /* the matrix: shaded where two documents share a cluster */
  const index = new Map(J.documents.map((d, i) => [d.path, i]));
  const shares = new Set();
  for (const c of J.clusters) {
    const per = new Map();
    for (const m of c.members) per.set(index.get(m.path), (per.get(index.get(m.path)) || 0) + 1);
    for (const [a, na] of per) for (const [b] of per) if (a !== b || na > 1) shares.add(a + "," + b);
  }
  T.eq(got.cells.length, nd * nd, "a matrix cell per pair of documents");
  T.eq(got.cells.filter((c) => c[1]).map((c) => c[0]).sort(), Array.from(shares).sort(),
    "shaded matrix cells == pairs of documents sharing a cluster");

  /* the legend shows punct and width once checked */
  await page.click("label:has(#show-punct)");
  await page.click("label:has(#show-width)");
  await page.shot(path.join(SHOTS, "scan-corpus.png"));

  /* a click on a shaded cell off the diagonal lists the pair's clusters */
  const pair = Array.from(shares).find((p) => p.split(",")[0] !== p.split(",")[1]);
  if (pair) {
    const [a, b] = pair.split(",").map(Number);
    await page.click('td[data-pair="' + pair + '"]');
    const want = J.clusters.filter((c) => c.members.some((m) => index.get(m.path) === a) &&
      c.members.some((m) => index.get(m.path) === b)).map((c) => "c-" + c.id);
    const shown = await page.eval(`(() => ({
      cards: Array.from(document.querySelectorAll(".card[id^=c-]")).map((c) => c.id),
      open: Array.from(document.querySelectorAll(".card[id^=c-] details[open] summary")).map((s) => s.textContent),
      filter: document.querySelector(".filter").textContent }))()`);
    T.eq(shown.cards, want, "clicking cell " + pair + " lists the clusters the two documents share");
    T.ok(shown.open.length > 0 && shown.open.every((s) =>
      s.startsWith(J.documents[a].path + ":") || s.startsWith(J.documents[b].path + ":")),
      "and opens their members in those two documents (" + shown.open.length + ")");
    T.ok(shown.filter.includes(J.documents[a].path), "the filter names the pair: " + shown.filter);
    await page.hover(".card details[open] .t .d:not(.gap)").catch(() => {});
    await page.shot(path.join(SHOTS, "scan-corpus-pair.png"));
    await page.click(".filter button");
    T.eq(await page.eval(`document.querySelectorAll(".card[id^=c-]").length`), J.clusters.length,
      "'show all' lists every cluster again");
  }
  T.eq(page.errors, [], "no console errors");
  await page.close();
  T.finish();
})().catch((e) => { console.log("FAIL [html.scan]: " + e.stack); process.exit(1); });
