/*
 * `scodiff A B --json --html FILE` opened in headless Chromium: the page
 * shows what the JSON report says.  For corpus pairs and a generated pair
 * with every kind of difference and moved passages (bench/gen_pairs.py):
 * highlighted differences per kind == the JSON's, every character of both
 * files is in its column, one row per passage and unmatched part, the
 * legend's boxes hide and show punct/width, the tooltip gives an OCR
 * suggestion, the passage list scrolls to a passage, no console errors.
 * Screenshots go to $SHOTS.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const cdp = require("./cdp.js");

const CORPORA = process.env.CORPORA, WORK = process.env.WORK, SHOTS = process.env.SHOTS;
const T = cdp.checker("html.diff");
const KINDS = ["edit", "ocr", "variant", "punct", "width"];

function pairs() {
  const list = [
    ["declaration-council", path.join(CORPORA, "tianjin-declaration-2025.txt"), path.join(CORPORA, "council-meeting-2025.txt")],
    ["council-scoplus", path.join(CORPORA, "council-meeting-2025.txt"), path.join(CORPORA, "sco-plus-meeting-2025.txt")]
  ];
  /* a pair with every kind: moved, cut and added paragraphs, slips, edits */
  const gen = spawnSync("python3", [path.join(__dirname, "../../bench/gen_pairs.py"), "--corpus", CORPORA,
    "--size", "120000", "--seed", "7", "--move", "0.05", "--cut", "0.03", "--add", "0.03", "--out", path.join(WORK, "gen")], { encoding: "utf8" });
  if (gen.status === 0) list.push(["generated", path.join(WORK, "gen.a.txt"), path.join(WORK, "gen.b.txt")]);
  else console.log("note: python3 bench/gen_pairs.py failed, generated pair left out: " + (gen.stderr || gen.error));
  return list;
}

/* Text without whitespace, as the page's columns hold it. */
function closed(s) { return s.replace(/\s+/gu, ""); }

async function checkPair(name, a, b) {
  const html = path.join(WORK, name + ".html");
  const r = cdp.scodiff(["--json", "--html", html, a, b]);
  T.ok(r.status === 1, name + ": scodiff exits 1 (differences), got " + r.status + " " + r.stderr);
  const J = JSON.parse(r.stdout);
  const A = fs.readFileSync(a), B = fs.readFileSync(b);
  const want = {};
  for (const k of KINDS) want[k] = J.differences.filter((d) => d.kind === k).length;

  const page = await cdp.open(html);
  const got = await page.eval(`(() => {
    const q = (s) => document.querySelectorAll(s).length, r = {a: {}, b: {}};
    for (const k of ${JSON.stringify(KINDS)}) { r.a[k] = q(".t.a .d.k-" + k); r.b[k] = q(".t.b .d.k-" + k); }
    r.blocks = q(".row[id^=p-]"); r.ua = q(".row.only-a"); r.ub = q(".row.only-b");
    r.nav = q("nav li"); r.pending = window.scodiffReport.pending();
    r.textA = Array.from(document.querySelectorAll(".row:not(.only-b) .t.a")).map((e) => e.textContent);
    r.textB = Array.from(document.querySelectorAll(".row:not(.only-a) .t.b")).map((e) => e.textContent);
    r.title = document.title;
    return r; })()`);
  T.eq(got.pending, 0, name + ": a small report is drawn at once");
  T.eq(got.a, want, name + ": highlighted differences per kind in column A == the JSON report's");
  T.eq(got.b, want, name + ": highlighted differences per kind in column B == the JSON report's");
  for (const k of KINDS)
    T.eq(got.a[k], J.counts[k], name + ": " + k + " differences == JSON counts." + k);
  T.eq([got.blocks, got.ua, got.ub], [J.blocks.length, J.unmatched_a.length, J.unmatched_b.length],
    name + ": rows for passages, only-in-A and only-in-B parts");
  T.eq(got.nav, J.blocks.length + J.unmatched_a.length + J.unmatched_b.length, name + ": passage list entries");
  T.ok(got.title.includes(path.basename(a)) && got.title.includes(path.basename(b)), name + ": title names both files");

  /* every character of the passages and unmatched parts, in file order */
  const spans = (f, blocks, un) => blocks.concat(un).sort((x, y) => x[0] - y[0])
    .map((s) => closed(f.subarray(s[0], s[1]).toString("utf8"))).join("");
  const shownA = closed(got.textA.join("")), shownB = closed(got.textB.join(""));
  T.ok(shownA === spans(A, J.blocks.map((x) => x.a), J.unmatched_a),
    name + ": column A holds A's passages and unmatched text, in A's order (" + shownA.length + " chars)");
  /* B's passages face A's, so compare B as a multiset of passages */
  const bParts = J.blocks.map((x) => closed(B.subarray(x.b[0], x.b[1]).toString("utf8")))
    .concat(J.unmatched_b.map((s) => closed(B.subarray(s[0], s[1]).toString("utf8"))));
  T.eq(shownB.length, bParts.join("").length, name + ": column B holds B's passages and unmatched text");
  T.ok(bParts.every((p) => shownB.includes(p)), name + ": each of B's passages is in column B");

  /* the legend: punct and width off at first, boxes toggle them */
  const bg = (sel) => page.eval(`(() => { const e = document.querySelector(${JSON.stringify(sel)});
    return e ? getComputedStyle(e).backgroundColor : null; })()`);
  for (const k of KINDS) {
    const on = await page.eval(`document.getElementById("show-${k}").checked`);
    T.eq(on, k !== "punct" && k !== "width", name + ": legend box " + k + " at first");
    if (!want[k]) continue;
    const sel = ".t.a .d.k-" + k + ":not(.gap)";
    const before = await bg(sel);
    if (before === null) continue;
    T.eq(before === "rgba(0, 0, 0, 0)", !on, name + ": " + k + " highlighted as its box says");
    await page.click("label:has(#show-" + k + ")");
    T.eq((await bg(sel)) === "rgba(0, 0, 0, 0)", on, name + ": clicking " + k + " in the legend toggles it");
    await page.click("label:has(#show-" + k + ")");
    T.eq((await bg(sel)) === "rgba(0, 0, 0, 0)", !on, name + ": clicking again restores it");
  }
  if (want.punct || want.width) {
    await page.click("label:has(#show-punct)");
    await page.click("label:has(#show-width)");
  }

  /* the tooltip of an OCR slip with a suggestion */
  const sIdx = J.differences.filter((d) => d.kind === "ocr" || d.kind === "variant")
    .findIndex((d) => d.suggest !== undefined);
  if (sIdx >= 0) {
    const x = J.differences.filter((d) => d.kind === "ocr" || d.kind === "variant")[sIdx];
    await page.hover(`.t.a .d.k-${x.kind}:nth-child(n)`);
    const tipAny = await page.eval(`(() => { const t = document.querySelector(".tip");
      return t.style.display === "block" ? t.textContent : null; })()`);
    T.ok(tipAny && tipAny.includes(x.kind), name + ": hovering a difference shows its tooltip: " + tipAny);
    /* the first shown one of that kind with a suggestion */
    const tips = await page.eval(`(async () => {
      const out = [];
      for (const e of document.querySelectorAll(".t.a .d.k-${x.kind}")) {
        const b = e.getBoundingClientRect();
        e.dispatchEvent(new MouseEvent("mouseover", {bubbles: true, clientX: b.left, clientY: b.top}));
        out.push(document.querySelector(".tip").textContent);
      }
      return out; })()`);
    const hasSuggest = J.differences.filter((d) => d.kind === x.kind).map((d) => d.suggest !== undefined);
    T.eq(tips.map((t) => t.includes("suggestion:")), hasSuggest,
      name + ": the tooltips show a suggestion where the JSON has one");
  }
  await page.shot(path.join(SHOTS, "diff-" + name + ".png"));

  /* the passage list: the last entry scrolls to its row */
  await page.click("nav li:last-child a");
  const inView = await page.eval(`(() => { const id = document.querySelector("nav li:last-child a").getAttribute("href").slice(1);
    const e = document.getElementById(id); if (!e) return null; const b = e.getBoundingClientRect();
    return b.top >= 0 && b.top < innerHeight; })()`);
  T.ok(inView === true, name + ": the last entry of the passage list brings its row into view");
  if (name === "generated") {
    const moved = await page.eval(`document.querySelectorAll(".row.moved").length`);
    T.ok(moved > 0, name + ": moved passages are marked (" + moved + ")");
    await page.click(".row.moved .badge a");
    const target = await page.eval(`(() => { const e = document.querySelector(".row.flash"); return e && e.id; })()`);
    T.ok(target && /^p-\d+$/.test(target), name + ": a moved passage links to the passage it follows in B: " + target);
    await page.shot(path.join(SHOTS, "diff-" + name + "-moved.png"));
  }
  T.eq(page.errors, [], name + ": no console errors");
  await page.close();
}

(async () => {
  fs.mkdirSync(WORK, { recursive: true });
  for (const [name, a, b] of pairs()) await checkPair(name, a, b);
  T.finish();
})().catch((e) => { console.log("FAIL [html.diff]: " + e.stack); process.exit(1); });
