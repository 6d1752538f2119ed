#!/usr/bin/env bash
# OCR benchmark of scodiff: one command, one markdown table.
#
#   bench/ocr/run.sh [--scodiff PATH] [--keep] [--workdir DIR] [--seed N]
#                    [--pairs N] [--rate R] [--chars N] [--dpis "100 150 300"]
#                    [--no-tesseract] [--examples]
#
# 1. bench/ocr/inject.py: --pairs (default 5) injected pairs A/B from all
#    corpus files, seeds N, N+1, ... (default --seed 1), --rate injections
#    per character (default 0.005, i.e. 1 per 200), kinds balanced;
# 2. bench/ocr/score.py: scodiff --json --show=all on each pair, pooled
#    per-kind labels, ocr/edit precision, ocr/variant/edit recall,
#    suggestion accuracy; scodiff on A vs A re-wrapped (clean-text false
#    flags per 10,000 characters); and `scodiff check` on A alone (false
#    flags per 10,000 characters) and on B alone (recall per injected kind,
#    precision, suggestion accuracy);
# 3. bench/ocr/tesseract.sh: real OCR confusions (tesseract chi_sim on
#    rendered paragraphs, --chars characters, at --dpis); skipped with a
#    note when tesseract cannot be installed, or with --no-tesseract;
# 4. bench/ocr/table.py: one table on stdout.  --examples adds, after the
#    table, examples of what scodiff got wrong (JSON lines).
# Work files go to --workdir DIR (kept), else to a temporary directory under
# $TMPDIR (or build/ocr-bench) removed at exit unless --keep.  Builds
# nothing: the scodiff binary (default build/scodiff) must exist.  Runs
# without a terminal or stdin (CI=true is fine).  About 2-3 minutes on
# 2 cores, nearly all of it tesseract.
# Exit status: 0 when everything ran, 2 on trouble or usage errors.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib.sh"
tess=1
examples=0
bench_options --scodiff=scodiff --workdir=workdir --seed=seed --pairs=pairs=5 \
    --rate=rate=0.005 --chars=chars=10000 --dpis=dpis="100 150 300" \
    --no-tesseract:tess=0 --examples:examples=1 --keep:keep=1 -- "$@"
for v in "$seed" "$pairs" "$chars"; do [[ "$v" =~ ^[0-9]+$ ]] || bench_die "not a number: $v"; done
[ "$pairs" -ge 1 ] || bench_die "--pairs must be >= 1"
[[ "$rate" =~ ^[0-9]*\.?[0-9]+$ ]] || bench_die "not a rate: $rate"

scodiff=$(bench_abs "$scodiff")
[ -f "$scodiff" ] || bench_die "scodiff binary not found: $scodiff (build it first: cmake -S . -B build && cmake --build build -j2; or pass --scodiff PATH)"
[ -x "$scodiff" ] || bench_die "scodiff binary is not executable: $scodiff"
command -v python3 >/dev/null 2>&1 || bench_die "python3 not found"

bench_workdir "$workdir" "$root/build/ocr-bench" run
workdir=$work
export PYTHONDONTWRITEBYTECODE=1

t0=$(date +%s)
dirs=()
for ((i = 0; i < pairs; i++)); do
    d="$workdir/pair$((seed + i))"
    python3 "$here/inject.py" --out "$d" --seed $((seed + i)) --rate "$rate" </dev/null \
        2>>"$workdir/inject.log" || { cat "$workdir/inject.log" >&2; bench_die "inject.py failed (seed $((seed + i)))"; }
    dirs+=("$d")
done
python3 "$here/score.py" --scodiff "$scodiff" --json --examples 5 "${dirs[@]}" \
    </dev/null >"$workdir/score.json" || bench_die "score.py failed"

if [ "$tess" = 1 ]; then
    "$here/tesseract.sh" --scodiff "$scodiff" --workdir "$workdir/tesseract" --json \
        --chars "$chars" --dpis "$dpis" --seed "$seed" </dev/null >"$workdir/tesseract.json" \
        || bench_die "tesseract.sh failed (work files: $workdir/tesseract; --keep keeps them)"
else
    echo '{"skipped": "--no-tesseract"}' >"$workdir/tesseract.json"
fi

version=$("$scodiff" --version 2>/dev/null </dev/null | head -1 || echo "scodiff ?")
title="scodiff OCR benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $version, $(nproc 2>/dev/null || echo ?) CPUs, seeds $seed-$((seed + pairs - 1)), $pairs pair(s) at rate $rate, $(( $(date +%s) - t0 )) s"
python3 "$here/table.py" --title "$title" "$workdir/score.json" "$workdir/tesseract.json" \
    || bench_die "table.py failed"
if [ "$examples" = 1 ]; then
    echo
    echo "examples (truth → scodiff):"
    python3 -c '
import json, sys
S = json.load(open(sys.argv[1], encoding="utf-8"))
for e in S["examples"]:
    print("-", json.dumps({k: v for k, v in e.items() if k != "dir"}, ensure_ascii=False))
' "$workdir/score.json"
fi
if [ "$keep" = 1 ]; then
    echo "work files: $workdir (confusions: $workdir/tesseract/confusions.tsv)" >&2
fi
exit 0
