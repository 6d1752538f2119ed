#!/usr/bin/env bash
# Benchmark scodiff on script and regional editions (issue "Traditional and
# regional editions"): bench/variants/editions.py makes the editions with
# OpenCC's and ICU's converters and prints one table.
#
#   bench/variants/run.sh [--scodiff PATH] [--baseline PATH] [--texts N]
#                         [--seed N] [--workdir DIR] [--keep]
#
# --baseline runs another scodiff binary side by side (e.g. a build of an
# older commit).  Needs opencc (Debian opencc), uconv (icu-devtools),
# jieba's dictionary (python3-jieba) and Debian's python3.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
baseline=""
. "$root/bench/lib.sh"
bench_options --scodiff=scodiff --baseline=baseline --texts=texts=20 --seed=seed=1 \
    --workdir=workdir --keep:keep=1 -- "$@"
scodiff=$(bench_abs "$scodiff")
[ -x "$scodiff" ] || bench_die "scodiff binary not found: $scodiff (build it first, or pass --scodiff PATH)"
[ -z "$baseline" ] || baseline=$(bench_abs "$baseline")
[ -z "$baseline" ] || [ -x "$baseline" ] || bench_die "baseline binary not found: $baseline"
for t in opencc uconv; do
	command -v "$t" >/dev/null 2>&1 || bench_die "$t not found (Debian: opencc, icu-devtools)"
done
dict=/usr/lib/python3/dist-packages/jieba/dict.txt
[ -r "$dict" ] || bench_die "$dict not found (Debian: python3-jieba)"
py=/usr/bin/python3
[ -x "$py" ] || bench_die "Debian's python3 not found at $py"
bench_workdir "$workdir" "$root/build" scodiff-variants say
"$py" "$here/editions.py" make --corpus "$root/corpora" --dict "$dict" --texts "$texts" \
	--seed "$seed" --out "$work" >&2
"$py" "$here/editions.py" score --scodiff "$scodiff" ${baseline:+--baseline "$baseline"} --work "$work"
