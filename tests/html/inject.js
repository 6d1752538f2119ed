/*
 * Documents (and a file name) holding markup and script render as text:
 * "<script>", "</script>", "<!--", "&amp;", quotes and an <img onerror>
 * in the texts of a diff and a scan are shown literally in the page, and
 * nothing of them runs (no dialog, no global set, no element added).
 */
"use strict";
const fs = require("fs");
const path = require("path");
const cdp = require("./cdp.js");

const WORK = process.env.WORK, SHOTS = process.env.SHOTS;
const T = cdp.checker("html.inject");

const PAYLOAD = [
  "<script>window.__pwned=1;alert(1)</script>",
  "</script><script>window.__pwned=2</script>",
  "<img src=x onerror=\"window.__pwned=3\">",
  "<!-- <script>window.__pwned=4</script> -->",
  "&amp; &lt; \" ' ` \u2028 \\u003c"
];
const BASE = "上海合作组织成员国领导人于2025年9月1日在中国天津举行元首理事会会议，并发表宣言如下：" +
  "世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变革。";

(async () => {
  fs.mkdirSync(WORK, { recursive: true });
  /* the payload inside passages, as a difference, and alone */
  const a = path.join(WORK, "a<img src=x onerror=\"window.__pwned=5\">.txt");
  const b = path.join(WORK, "b.txt");
  fs.writeFileSync(a, BASE + PAYLOAD.join("\n") + BASE + "\n\n" + PAYLOAD[0] + "\n");
  fs.writeFileSync(b, BASE + PAYLOAD.slice().reverse().join("\n") + "&" + BASE + "\n");

  for (const [name, args] of [["diff", [a, b]], ["scan", ["scan", a, b]]]) {
    const html = path.join(WORK, name + ".html");
    const r = cdp.scodiff(args.concat(["--html", html]));
    T.ok(r.status === 1, name + ": scodiff exits 1, got " + r.status + ": " + r.stderr);
    const raw = fs.readFileSync(html, "utf8");
    /* the page's own markup: three scripts; the data holds no <, > or & */
    T.eq((raw.match(/<script/g) || []).length, 3, name + ": the page has its three scripts only");
    const data = raw.slice(raw.indexOf('id="scd-data">') + 14, raw.indexOf("</script>"));
    T.ok(data.includes("window.__pwned") && !/[<>&]/.test(data), name + ": the data carries the payload with <, > and & escaped");
    const page = await cdp.open(html);
    const got = await page.eval(`(() => ({
      pwned: window.__pwned === undefined ? null : window.__pwned,
      scripts: document.scripts.length, imgs: document.images.length,
      text: document.body.innerText, title: document.title,
      colA: Array.from(document.querySelectorAll(".row:not(.only-b) .t.a")).map((e) => e.textContent).join("") }))()`);
    T.eq(got.pwned, null, name + ": no script of the documents ran");
    T.eq(got.scripts, 3, name + ": no script element added");
    T.eq(got.imgs, 0, name + ": no image element added");
    /* a diff cuts the payload into passages: column A, in order, is A */
    const flat = (name === "diff" ? got.colA : got.text).replace(/\s+/gu, "");
    if (name === "diff")
      T.eq(flat, fs.readFileSync(a, "utf8").replace(/\s+/gu, ""), name + ": column A shows file A literally");
    for (const p of PAYLOAD.slice(0, 4))
      T.ok(flat.includes(p.replace(/\s+/g, "")), name + ": shown literally: " + p);
    T.ok(flat.includes("&amp;&lt;\"'`"), name + ": &amp; and quotes shown literally");
    if (name === "diff") T.ok(got.title.includes("onerror"), name + ": the file name is in the title as text");
    await page.shot(path.join(SHOTS, "inject-" + name + ".png"));
    T.eq(page.errors, [], name + ": no console errors, no dialog");
    await page.close();
  }
  T.finish();
})().catch((e) => { console.log("FAIL [html.inject]: " + e.stack); process.exit(1); });
