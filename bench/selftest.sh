#!/usr/bin/env bash
# Self-test of the benchmark harness (needs no scodiff binary):
#   1. gen_pairs.py writes a pair and its truth passes --check;
#   2. a perfect report built from the truth scores recall = precision = 1,
#      edit/slip recall 1, no spurious differences, no contract violations;
#   3. a degraded report scores lower on every metric it degrades;
#   4. a report that leaves out layout differences is flagged as violating
#      the contract;
#   5. run.sh works end to end with a stand-in scodiff built on (2).
#
#   bench/selftest.sh [--size BYTES]      (default 200000)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
size=200000
if [ "${1:-}" = "--size" ] && [ -n "${2:-}" ]; then size=$2; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/scodiff-bench-selftest.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
fail() { echo "selftest: FAIL: $*" >&2; exit 1; }

echo "selftest: 1. generator" >&2
python3 "$here/gen_pairs.py" --size "$size" --seed 3 --out "$work/p" --check --quiet \
    || fail "gen_pairs.py --check"

get() {  # get FILE KEY
    python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(v)' "$1" "$2"
}

echo "selftest: 2. perfect report" >&2
python3 "$here/fake_report.py" "$work/p" > "$work/perfect.json"
python3 "$here/score.py" "$work/p" "$work/perfect.json" --json > "$work/s1.json"
for k in alignment_recall alignment_precision edit_recall slip_recall; do
    v=$(get "$work/s1.json" $k)
    [ "$v" = "1.0" ] || fail "perfect report: $k = $v, expected 1.0"
done
[ "$(get "$work/s1.json" spurious)" = 0 ] || fail "perfect report has spurious differences"
[ "$(get "$work/s1.json" contract_violations)" = 0 ] || fail "perfect report violates the contract"

echo "selftest: 3. degraded report" >&2
python3 "$here/fake_report.py" "$work/p" --drop-blocks 0.2 --spurious 10 --misclass 0.3 > "$work/deg.json"
python3 "$here/score.py" "$work/p" "$work/deg.json" --json > "$work/s2.json"
python3 - "$work/s2.json" <<'EOF' || fail "degraded report does not score lower"
import json, sys
r = json.load(open(sys.argv[1]))
assert r['alignment_recall'] < 1.0, r['alignment_recall']
assert r['alignment_precision'] < 1.0, r['alignment_precision']
assert r['edit_recall_by_difference'] < 1.0 or r['slip_recall_by_difference'] < 1.0
assert r['spurious'] > 0, r['spurious']
assert r['contract_violations'] == 0, r['violations']
EOF

echo "selftest: 4. contract violation" >&2
python3 "$here/fake_report.py" "$work/p" --drop-layout 5 > "$work/broken.json"
python3 "$here/score.py" "$work/p" "$work/broken.json" --json > "$work/s3.json"
[ "$(get "$work/s3.json" contract_violations)" -gt 0 ] || fail "missing layout differences not detected"

echo "selftest: 5. run.sh with a stand-in scodiff" >&2
cat > "$work/scodiff" <<EOF
#!/bin/sh
# stand-in: scodiff --json [--show=all] A B  ->  perfect report from the truth
[ "\$1" = --json ] || exit 2
shift
[ "\$1" = --show=all ] && shift
exec python3 "$here/fake_report.py" "\${1%.a.txt}"
EOF
chmod +x "$work/scodiff"
TMPDIR=$work "$here/run.sh" --scodiff "$work/scodiff" --sizes "$size" > "$work/table.md" 2> "$work/run.err" \
    || { cat "$work/run.err" >&2; fail "run.sh"; }
grep -q '| scodiff | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* | 1.0000 | 1.0000 | 1.0000 | 1.0000 | 0.00 | 0 |' "$work/table.md" \
    || { cat "$work/table.md" >&2; fail "run.sh table"; }
grep -q 'scodiff time / git time = ' "$work/table.md" || fail "run.sh target lines"
echo "selftest: OK" >&2
