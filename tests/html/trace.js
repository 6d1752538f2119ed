/*
 * `scodiff store trace --json --html` opened in headless Chromium.
 *
 * The corpus recorded in a store, the council speech traced: a paragraph
 * on the page per paragraph of the JSON, with as many sources listed,
 * each paragraph's text exactly the file's bytes at its span and nothing
 * of the file left out; the speech's own record is named and not used
 * for colors, so the paragraphs of lines 319-629 are colored as coming
 * from the declaration (the legend's color of that witness); a click on
 * a source marks every paragraph that witness holds; no console errors.
 *
 * A trace of the corpus ten times over (1 MB) is drawn lazily: a chunk
 * of paragraphs at first, the rest as they near the view, and a witness's
 * "next" brings its paragraph in.
 *
 * Then markup in a witness's path and in the texts ("<script>",
 * "</script>", "&amp;", quotes): shown literally, nothing of it runs.
 * Screenshots go to $SHOTS.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const cdp = require("./cdp.js");

const CORPORA = process.env.CORPORA, WORK = process.env.WORK, SHOTS = process.env.SHOTS;
const T = cdp.checker("html.trace");

/* What the page shows, every paragraph drawn. */
const READ = `(() => {
  scodiffReport.drawAll();
  const sw = {};
  document.querySelectorAll("nav.witnesses a[data-w]").forEach((a) => {
    sw[a.getAttribute("data-w")] = getComputedStyle(a.querySelector(".sw")).backgroundColor; });
  return {
    swatches: sw,
    paras: Array.from(document.querySelectorAll(".para")).map((p) => {
      const t = p.querySelector(".ptext");
      return { id: p.id, from: +p.getAttribute("data-from"), text: t.textContent,
        cls: t.className, border: getComputedStyle(t).borderLeftColor,
        sources: Array.from(p.querySelectorAll(".srcs a.src")).map((a) => a.textContent) }; }),
    text: document.body.innerText, title: document.title,
    pwned: window.__pwned === undefined ? null : window.__pwned,
    scripts: document.scripts.length, imgs: document.images.length };
})()`;

function lines(l) { return l[0] === l[1] ? String(l[0]) : l[0] + "\u2013" + l[1]; }

async function corpus() {
  const store = path.join(WORK, "store");
  fs.rmSync(store, { recursive: true, force: true });
  T.eq(cdp.scodiff(["store", "init", store]).status, 0, "store init");
  const files = fs.readdirSync(CORPORA).filter((f) => f.endsWith(".txt")).map((f) => path.join(CORPORA, f));
  const add = cdp.scodiff(["store", "add", "--store", store].concat(files));
  T.eq(add.status, 0, "store add corpora/*.txt; stderr: " + add.stderr);
  const input = path.join(CORPORA, "council-meeting-2025.txt");
  const html = path.join(WORK, "trace.html");
  const r = cdp.scodiff(["store", "trace", "--store", store, "--json", "--html", html, input]);
  T.eq(r.status, 0, "trace exits 0; stderr: " + r.stderr);
  const J = JSON.parse(r.stdout);
  const bytes = fs.readFileSync(input);

  const page = await cdp.open(html, { width: 1400, height: 1000 });
  const got = await page.eval(READ);
  const data = await page.eval("SCD.data");
  T.eq(got.paras.length, J.paragraphs.length, "a paragraph on the page per paragraph of the JSON");
  J.paragraphs.forEach((p, i) => {
    const q = got.paras[i] || { sources: [] };
    T.eq(q.sources, p.sources.map((s) => s.path + ":" + lines(s.lines) +
      (s.path === input ? "  (this file)" : "")), "paragraph " + (i + 1) + ": its sources, best first");
    T.eq(q.text, bytes.subarray(p.span[0], p.span[1]).toString("utf8"),
      "paragraph " + (i + 1) + ": its text is the file's bytes " + p.span.join("-"));
    if (!p.sources.length) T.ok(/\bnone\b/.test(q.cls), "paragraph " + (i + 1) + " marked: no recorded source");
  });
  /* between paragraphs there is only whitespace */
  T.eq(got.paras.map((q) => q.text).join("").replace(/\s+/gu, ""), bytes.toString("utf8").replace(/\s+/gu, ""),
    "the paragraphs hold all of the file's text");

  /* the speech is recorded itself: named, not a color */
  const self = data.witnesses[data.self] || {};
  T.eq(self.path, input, "the input's own record is recognized (same bytes)");
  const decl = data.witnesses.findIndex((w) => w.path.endsWith("tianjin-declaration-2025.txt"));
  T.ok(decl >= 0, "the declaration is among the sources");
  const declColor = got.swatches[decl];
  T.ok(declColor && Object.keys(got.swatches).every((w) => +w === decl || got.swatches[w] !== declColor),
    "the declaration has a color of its own in the legend: " + declColor);
  const inDecl = J.paragraphs.map((p, i) => [p, i]).filter(([p]) =>
    p.lines[0] >= 319 && p.lines[1] <= 629 && p.sources.length);
  T.ok(inDecl.length >= 50, "paragraphs of lines 319-629 with a source: " + inDecl.length);
  const wrong = inDecl.filter(([, i]) => got.paras[i].from !== decl || got.paras[i].border !== declColor);
  T.eq(wrong.map(([p]) => p.lines.join("-")), [], "paragraphs of lines 319-629 colored as from the declaration");
  /* and the speech's opening, its own text, is not */
  T.ok(/self-only/.test(got.paras[0].cls), "the first paragraph: only in the speech's own record");

  /* a click on a source marks the paragraphs its witness holds */
  const holds = J.paragraphs.filter((p) => p.sources.some((s) => s.path === data.witnesses[decl].path)).length;
  const first = inDecl[0][1] + 1;
  await page.click("#p-" + first + ' .srcs a.src[data-w="' + decl + '"]');
  let sel = await page.eval(`({ n: document.querySelectorAll(".para.sel").length,
    filter: document.querySelector(".filter").textContent,
    dim: getComputedStyle(document.querySelector(".para:not(.sel)")).opacity })`);
  T.eq(sel.n, holds, "clicking the declaration marks the paragraphs it holds");
  T.ok(sel.filter.includes("tianjin-declaration-2025.txt") && sel.filter.includes(holds + " paragraph"),
    "the bar names it and the count: " + sel.filter);
  T.eq(sel.dim, "0.4", "the other paragraphs are dimmed");
  await page.click(".filter button:nth-of-type(2)"); /* next */
  await page.shot(path.join(SHOTS, "trace-marked.png"));
  await page.click(".filter button:nth-of-type(3)"); /* clear */
  sel = await page.eval(`document.querySelectorAll(".para.sel").length`);
  T.eq(sel, 0, "'clear' unmarks them");
  /* the legend entry does the same, and jumps to the first one */
  await page.click('nav.witnesses a[data-w="' + decl + '"]');
  sel = await page.eval(`({ n: document.querySelectorAll(".para.sel").length,
    })`);
  T.eq(sel.n, holds, "the legend's entry marks the same paragraphs");
  await page.click('nav.witnesses a[data-w="' + decl + '"]');

  /* the screenshot: where the speech turns to the declaration */
  await page.eval(`document.getElementById("p-${first - 2}").scrollIntoView({ block: "start" })`);
  await page.shot(path.join(SHOTS, "trace.png"));
  T.eq(page.errors, [], "no console errors");
  await page.close();
  return { store, files };
}

async function large(store, files) {
  const input = path.join(WORK, "corpus-x10.txt");
  const one = Buffer.concat(files.map((f) => fs.readFileSync(f)));
  fs.writeFileSync(input, Buffer.concat(Array(10).fill(one)));
  const html = path.join(WORK, "large.html");
  const r = cdp.scodiff(["store", "trace", "--store", store, "--json", "--html", html, input]);
  T.eq(r.status, 0, "large trace exits 0; stderr: " + r.stderr);
  const J = JSON.parse(r.stdout);
  const page = await cdp.open(html);
  const at = await page.eval(`({ n: scodiffReport.paragraphs, drawn: document.querySelectorAll(".para").length,
    pending: scodiffReport.pending() })`);
  console.log("large trace: " + (one.length * 10) + " bytes, " + at.n + " paragraphs, page " +
    fs.statSync(html).size + " bytes, load " + page.loadMs + " ms, " + at.drawn + " drawn at first");
  T.eq(at.n, J.paragraphs.length, "large: every paragraph in the page's data");
  T.ok(at.drawn > 0 && at.drawn < at.n / 10 && at.pending > 0, "large: drawn lazily (" + at.drawn + " of " + at.n + ")");
  /* the last paragraph a witness holds, by "previous" from the start */
  const decl = (await page.eval("SCD.data.witnesses")).findIndex((w) => w.path.endsWith("tianjin-declaration-2025.txt"));
  const last = J.paragraphs.map((p, i) => [p, i]).filter(([p]) => p.sources.some((s) => s.path.endsWith("tianjin-declaration-2025.txt"))).pop()[1];
  await page.click('nav.witnesses a[data-w="' + decl + '"]');
  await page.click(".filter button:nth-of-type(1)");
  const holds = J.paragraphs.filter((p) => p.sources.some((s) => s.path.endsWith("tianjin-declaration-2025.txt"))).length;
  const shown = await page.eval(`(() => { const e = document.getElementById("p-${last + 1}");
    const top = e ? e.getBoundingClientRect().top - document.querySelector("header").offsetHeight : null;
    return { there: !!e, sel: !!e && e.classList.contains("sel"), atTop: top !== null && top > -5 && top < 150,
      at: document.querySelector(".filter .at").textContent }; })()`);
  T.eq(shown, { there: true, sel: true, atTop: true, at: holds + " of " + holds },
    "large: 'previous' from the start brings the witness's last paragraph to the top");
  T.eq(page.errors, [], "large: no console errors");
  await page.close();
}

const PAYLOAD = [
  "<script>window.__pwned=1;alert(1)</script>",
  "</script><script>window.__pwned=2</script>",
  "<img src=x onerror=\"window.__pwned=3\">",
  "&amp; &lt; \" ' `"
];
const TEXT = "上海合作组织成员国领导人于2025年9月1日在中国天津举行元首理事会会议，并发表宣言如下。\n" +
  "世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变革" + PAYLOAD.join("") + "国际体系朝着更加公正、平等、" +
  "更具代表性的多极化方向演进。\n";

async function inject() {
  const store = path.join(WORK, "inj-store");
  fs.rmSync(store, { recursive: true, force: true });
  /* a witness whose path is markup: the folder's name ends in "<", its file starts with "script>" */
  const dir = path.join(WORK, "inj", "</script><script>window.__pwned=5<");
  fs.mkdirSync(dir, { recursive: true });
  const witness = path.join(dir, "script> &amp; \"'.txt");
  fs.writeFileSync(witness, TEXT);
  const input = path.join(WORK, "inj", "traced.txt");
  fs.writeFileSync(input, "前言。\n" + TEXT.replace("变革", "变化"));
  T.eq(cdp.scodiff(["store", "init", store]).status, 0, "store init");
  T.eq(cdp.scodiff(["store", "add", "--store", store, witness]).status, 0, "store add of the witness with markup");
  const html = path.join(WORK, "inject.html");
  const r = cdp.scodiff(["store", "trace", "--store", store, "--json", "--html", html, input]);
  T.eq(r.status, 0, "trace exits 0; stderr: " + r.stderr);
  const J = JSON.parse(r.stdout);
  const raw = fs.readFileSync(html, "utf8");
  T.eq((raw.match(/<script/g) || []).length, 3, "the page has its three scripts only");
  const data = raw.slice(raw.indexOf('id="scd-data">') + 14, raw.indexOf("</script>"));
  T.ok(data.includes("window.__pwned") && !/[<>&]/.test(data), "the data carries the markup with <, > and & escaped");

  const page = await cdp.open(html);
  const got = await page.eval(READ);
  T.eq(got.pwned, null, "no script of the texts or the path ran");
  T.eq(got.scripts, 3, "no script element added");
  T.eq(got.imgs, 0, "no image element added");
  T.eq(got.paras.map((q) => q.text), J.paragraphs.map((p) =>
    fs.readFileSync(input).subarray(p.span[0], p.span[1]).toString("utf8")), "the paragraphs shown literally");
  for (const p of PAYLOAD) T.ok(got.text.includes(p), "shown literally: " + p);
  const traced = J.paragraphs.findIndex((p) => p.sources.length);
  T.ok(traced >= 0 && got.paras[traced].sources[0] === witness + ":" + lines(J.paragraphs[traced].sources[0].lines),
    "the witness's path listed literally as a source: " + (traced >= 0 ? got.paras[traced].sources[0] : "none"));
  T.ok(got.text.includes(path.basename(witness)), "and in the legend");
  T.eq(got.swatches[0] !== undefined, true, "the witness has a legend entry");
  await page.shot(path.join(SHOTS, "trace-inject.png"));
  T.eq(page.errors, [], "no console errors, no dialog");
  await page.close();
}

(async () => {
  fs.mkdirSync(WORK, { recursive: true });
  const { store, files } = await corpus();
  await large(store, files);
  await inject();
  T.finish();
})().catch((e) => { console.log("FAIL [html.trace]: " + e.stack); process.exit(1); });
