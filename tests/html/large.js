/*
 * A 5 MB pair (bench/gen_pairs.py, as bench/run.sh makes it) opens in
 * headless Chromium in a few seconds: the load event, and the first
 * passages drawn, within 10 s (measured about 1 s; the bound leaves room
 * for a busy CI machine), with most chunks still waiting to be drawn; the
 * last passage of the list is drawn and brought into view on a click.
 * Prints the times.  Skipped when python3 is missing.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const cdp = require("./cdp.js");

const CORPORA = process.env.CORPORA, WORK = process.env.WORK, SHOTS = process.env.SHOTS;
const T = cdp.checker("html.large");

(async () => {
  fs.mkdirSync(WORK, { recursive: true });
  const prefix = path.join(WORK, "p5");
  if (!fs.existsSync(prefix + ".b.txt")) {
    const gen = spawnSync("python3", [path.join(__dirname, "../../bench/gen_pairs.py"), "--corpus", CORPORA,
      "--size", "5000000", "--seed", "1", "--out", prefix], { encoding: "utf8" });
    if (gen.error) { console.log("SKIP: python3 not found, no 5 MB pair to generate"); process.exit(cdp.SKIP); }
    T.eq(gen.status, 0, "bench/gen_pairs.py makes the pair: " + gen.stderr);
  }
  const html = prefix + ".html";
  const r = cdp.scodiff([prefix + ".a.txt", prefix + ".b.txt", "--html", html]);
  T.eq(r.status, 1, "scodiff --html exits 1: " + r.stderr);
  T.eq(r.stdout, "", "--html replaces the terminal report");
  const size = fs.statSync(html).size;

  const page = await cdp.open(html, { timeout: 60000 });
  const m = await page.eval(`(() => {
    const n = performance.getEntriesByType("navigation")[0];
    return { load: Math.round(n.loadEventEnd), dcl: Math.round(n.domContentLoadedEventEnd),
             rows: window.scodiffReport.rows, drawn: document.querySelectorAll(".row").length,
             pending: window.scodiffReport.pending() }; })()`);
  /* the first chunks are drawn by the observer just after load */
  await new Promise((res) => setTimeout(res, 300));
  const drawn = await page.eval(`document.querySelectorAll(".row").length`);
  console.log("html.large: " + (size / 1e6).toFixed(1) + " MB page, " + m.rows + " rows; navigation " +
    "load event " + m.load + " ms (DOMContentLoaded " + m.dcl + " ms; wall " + page.loadMs + " ms); " +
    drawn + " rows drawn at first, " + m.pending + " chunks waiting");
  T.ok(m.load < 10000, "loads in under 10 s: " + m.load + " ms");
  T.ok(drawn > 0 && drawn < m.rows, "draws the first passages only: " + drawn + " of " + m.rows);
  await page.shot(path.join(SHOTS, "large-top.png"));

  const t0 = Date.now();
  await page.click("nav li:last-child a");
  const seen = await page.eval(`(() => { const id = document.querySelector("nav li:last-child a").getAttribute("href").slice(1);
    const e = document.getElementById(id); if (!e) return null; const b = e.getBoundingClientRect();
    return b.top >= 0 && b.top < innerHeight; })()`);
  const jump = Date.now() - t0;
  console.log("html.large: jump to the last passage " + jump + " ms");
  T.ok(seen === true, "the last passage is drawn and in view after a click in the list");
  T.ok(jump < 5000, "the jump takes under 5 s: " + jump + " ms");
  await page.shot(path.join(SHOTS, "large-end.png"));
  T.eq(page.errors, [], "no console errors");
  await page.close();
  T.finish();
})().catch((e) => { console.log("FAIL [html.large]: " + e.stack); process.exit(1); });
