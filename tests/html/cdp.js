/*
 * A small driver of headless Chromium for the HTML report tests, over the
 * DevTools protocol on a pipe (--remote-debugging-pipe: Chromium reads
 * NUL-terminated JSON commands on fd 3 and writes replies and events on
 * fd 4), so that the tests need node and chromium and nothing else.
 *
 *   const page = await cdp.open(file, {width, height});
 *   await page.eval("document.title")            -> the value
 *   page.errors                                   -> console errors and
 *                                                    uncaught exceptions
 *   await page.shot(path); await page.close();
 */
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const url = require("url");

/* Exit status that ctest reads as "skipped" (SKIP_RETURN_CODE). */
const SKIP = 77;

function chromiumPath() {
  const c = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser",
             "/usr/bin/google-chrome"].filter(Boolean);
  return c.find((p) => fs.existsSync(p));
}

async function open(file, opts = {}) {
  const exe = chromiumPath();
  if (!exe) {
    console.log("SKIP: no chromium found (Debian package chromium; or set CHROMIUM)");
    process.exit(SKIP);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "scodiff-chromium-"));
  const args = ["--headless=new", "--remote-debugging-pipe", "--no-first-run",
    "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
    "--disable-background-networking", "--disable-sync", "--mute-audio",
    "--hide-scrollbars", "--user-data-dir=" + profile, "about:blank"];
  /* the sandbox needs user namespaces, which containers and root lack */
  if (process.getuid && process.getuid() === 0) args.unshift("--no-sandbox");
  if (process.env.CI) args.unshift("--no-sandbox");
  const proc = spawn(exe, args, { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (d) => { stderr += d; });

  let next = 1, buf = "";
  const waiting = new Map(), listeners = [];
  const died = new Promise((resolve) => proc.on("exit", (code) => resolve(code)));
  proc.stdio[4].on("data", (d) => {
    buf += d.toString("utf8");
    let i;
    while ((i = buf.indexOf("\0")) >= 0) {
      const msg = JSON.parse(buf.slice(0, i));
      buf = buf.slice(i + 1);
      if (msg.id && waiting.has(msg.id)) {
        const w = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.error) w.reject(new Error(w.method + ": " + msg.error.message));
        else w.resolve(msg.result);
      } else if (msg.method) {
        for (const l of listeners.slice()) l(msg);
      }
    }
  });
  proc.stdio[3].on("error", () => {});
  function send(method, params = {}, sessionId) {
    const id = next++;
    const p = new Promise((resolve, reject) => waiting.set(id, { resolve, reject, method }));
    proc.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
    return Promise.race([p, died.then((code) => {
      throw new Error("chromium exited (" + code + ") during " + method + ": " + stderr.slice(-600));
    })]);
  }
  function waitEvent(name, sessionId, ms = 60000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("timed out waiting for " + name)), ms);
      const l = (m) => {
        if (m.method === name && (!sessionId || m.sessionId === sessionId)) {
          listeners.splice(listeners.indexOf(l), 1);
          clearTimeout(t);
          resolve(m.params);
        }
      };
      listeners.push(l);
    });
  }

  let version;
  try {
    version = await Promise.race([send("Browser.getVersion"),
      new Promise((_, rej) => setTimeout(() => rej(new Error("no answer in 30 s")), 30000))]);
  } catch (e) {
    /* chromium is there but cannot start here: say why, skip */
    console.log("SKIP: chromium cannot start: " + e.message.split("\n")[0] + "\n" + stderr.slice(-800));
    try { proc.kill("SIGKILL"); } catch (_) { /* gone */ }
    process.exit(SKIP);
  }

  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const s = (method, params) => send(method, params, sessionId);
  const errors = [];
  listeners.push((m) => {
    if (m.sessionId !== sessionId) return;
    if (m.method === "Runtime.exceptionThrown")
      errors.push("exception: " + (m.params.exceptionDetails.exception
        ? m.params.exceptionDetails.exception.description : m.params.exceptionDetails.text));
    else if (m.method === "Runtime.consoleAPICalled" && (m.params.type === "error" || m.params.type === "assert"))
      errors.push("console." + m.params.type + ": " + m.params.args.map((a) => a.value || a.description).join(" "));
    else if (m.method === "Log.entryAdded" && m.params.entry.level === "error")
      errors.push("log: " + m.params.entry.text + (m.params.entry.url ? " (" + m.params.entry.url + ")" : ""));
    else if (m.method === "Page.javascriptDialogOpening") {
      errors.push("dialog opened: " + m.params.type + " " + m.params.message);
      s("Page.handleJavaScriptDialog", { accept: true }).catch(() => {});
    }
  });
  await s("Page.enable");
  await s("Runtime.enable");
  await s("Log.enable");
  await s("Emulation.setDeviceMetricsOverride", {
    width: opts.width || 1400, height: opts.height || 900, deviceScaleFactor: 1, mobile: false });

  const loaded = waitEvent("Page.loadEventFired", sessionId, opts.timeout || 120000);
  const t0 = Date.now();
  await s("Page.navigate", { url: url.pathToFileURL(path.resolve(file)).href });
  await loaded;
  const wall = Date.now() - t0;

  async function evaluate(expr) {
    const r = await s("Runtime.evaluate", { expression: expr, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails)
      throw new Error("evaluating " + expr.slice(0, 80) + ": " +
        (r.exceptionDetails.exception ? r.exceptionDetails.exception.description : r.exceptionDetails.text));
    return r.result.value;
  }
  async function mouse(type, x, y) {
    await s("Input.dispatchMouseEvent", { type, x, y, button: type === "mouseMoved" ? "none" : "left", clickCount: 1 });
  }
  return {
    version: version.product, loadMs: wall, errors,
    eval: evaluate,
    /* a real click (mouse events) at the middle of the element */
    async click(selector) {
      const r = await evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
        if (!e) return null; e.scrollIntoView({block: "center"}); const b = e.getBoundingClientRect();
        return [b.left + b.width / 2, b.top + b.height / 2]; })()`);
      if (!r) throw new Error("nothing to click: " + selector);
      await mouse("mouseMoved", r[0], r[1]);
      await mouse("mousePressed", r[0], r[1]);
      await mouse("mouseReleased", r[0], r[1]);
    },
    async hover(selector) {
      const r = await evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
        if (!e) return null; e.scrollIntoView({block: "center"}); const b = e.getBoundingClientRect();
        return [b.left + Math.min(4, b.width / 2), b.top + b.height / 2]; })()`);
      if (!r) throw new Error("nothing to hover: " + selector);
      await mouse("mouseMoved", r[0], r[1]);
    },
    async shot(file, full) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const p = { format: "png" };
      if (full) p.captureBeyondViewport = true;
      const { data } = await s("Page.captureScreenshot", p);
      fs.writeFileSync(file, Buffer.from(data, "base64"));
    },
    async close() {
      try { await send("Browser.close"); } catch (_) { /* already gone */ }
      await Promise.race([died, new Promise((r) => setTimeout(r, 5000))]);
      try { proc.kill("SIGKILL"); } catch (_) { /* gone */ }
      fs.rmSync(profile, { recursive: true, force: true });
    }
  };
}

/* Checks with a count of failures, as tests/cli/lib.sh. */
function checker(name) {
  let failures = 0, checks = 0;
  return {
    ok(cond, what) {
      checks++;
      if (!cond) { failures++; console.log("FAIL [" + name + "]: " + what); }
    },
    eq(got, want, what) {
      checks++;
      const g = JSON.stringify(got), w = JSON.stringify(want);
      if (g !== w) { failures++; console.log("FAIL [" + name + "]: " + what + ": got " + g + ", wanted " + w); }
    },
    finish() {
      console.log(name + ": " + checks + " checks, " + failures + " failed");
      process.exit(failures ? 1 : 0);
    }
  };
}

/* Run scodiff; returns {status, stdout, stderr}. */
function scodiff(args, opts = {}) {
  const { spawnSync } = require("child_process");
  const r = spawnSync(process.env.SCODIFF, args, { encoding: "utf8", maxBuffer: 1 << 30, ...opts });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

module.exports = { open, checker, scodiff, SKIP };
