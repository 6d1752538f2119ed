// Run Dolos (library @dodona/dolos-lib, the engine of the `dolos` CLI) in
// char mode over a list of files and print the file pairs it reports.
//
//   DOLOS_LIB=/path/to/node_modules/@dodona/dolos-lib \
//     node bench/scan/dolos_pairs.mjs LIST.txt [MAX_FINGERPRINT_PERCENTAGE] > PAIRS.tsv
//
// LIST.txt: one path per line.  Does what `dolos run -l char` does (analyse
// the files, build all pairs) with the CLI's defaults (k-gram length 23,
// window 17), except that fingerprints present in more than
// MAX_FINGERPRINT_PERCENTAGE of the files are ignored when it is given
// (the CLI's --max-fingerprint-percentage; 0.05 in run.sh, so that the
// boilerplate formulae printed in 30-60 % of the files do not pair every
// file with every other).  Prints "left TAB right TAB similarity TAB
// overlap" for every pair with similarity > 0, and timings on stderr.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const lib = process.env.DOLOS_LIB;
if (!lib) {
  console.error("dolos_pairs: set DOLOS_LIB to the @dodona/dolos-lib directory");
  process.exit(2);
}
// dist/lib/dolos.js, not the package index: the index also loads the
// tree-sitter parsers (native code) that char mode does not use
const { Dolos } = await import(pathToFileURL(path.join(lib, "dist", "lib", "dolos.js")).href);
const files = readFileSync(process.argv[2], "utf8").split("\n").filter(x => x.length > 0);
const opts = { language: "char" };
if (process.argv[3]) opts.maxFingerprintPercentage = Number(process.argv[3]);
const t0 = Date.now();
const dolos = new Dolos(opts);
const report = await dolos.analyzePaths(files);
const t1 = Date.now();
const pairs = report.allPairs();
const t2 = Date.now();
let n = 0;
const out = [];
for (const p of pairs) {
  if (p.similarity > 0) {
    out.push(`${p.leftFile.path}\t${p.rightFile.path}\t${p.similarity.toFixed(4)}\t${p.overlap}`);
    n++;
  }
}
process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
console.error(`dolos_pairs: ${files.length} files, analyse ${(t1 - t0) / 1000} s, ` +
              `${pairs.length} pairs built in ${(t2 - t1) / 1000} s, ${n} with similarity > 0`);
