#!/usr/bin/env bash
# Self-test of the scan benchmark (needs no scodiff, no peers, no network):
#   1. gen_collection.py writes a small collection whose truth passes --check
#      (spans point at renderings of their statements; no chance repeats);
#      the same seed gives the same bytes;
#   2. score.py gives pair recall = precision = 1 (and boilerplate recall 1,
#      file-pair recall/precision 1, no contract violation) on a perfect
#      report built from the truth by fake_report.py;
#   3. it gives less than 1 on damaged reports (members dropped, clusters
#      split or merged, spurious clusters, boilerplate in the main list) and
#      flags a broken report as violating the contract;
#   4. score.py --pairs scores a list of file pairs;
#   5. run.sh runs end to end (--no-peers) with a stand-in scodiff that
#      prints the perfect report, and says "not available" without one.
#
#   bench/scan/selftest.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/scodiff-scan-selftest.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
fail() { echo "selftest: FAIL: $*" >&2; exit 1; }
exec </dev/null

echo "selftest: 1. generator" >&2
python3 "$here/gen_collection.py" --out "$work/c" --files 12 --size 600000 --seed 5 --check 2>"$work/gen.log" \
    || { cat "$work/gen.log" >&2; fail "gen_collection.py --check"; }
python3 "$here/gen_collection.py" --out "$work/c2" --files 12 --size 600000 --seed 5 2>/dev/null \
    || fail "second generation"
diff -r -q "$work/c/docs" "$work/c2/docs" >/dev/null || fail "same seed, different files"
python3 "$here/gen_collection.py" --out "$work/c" --verify 2>/dev/null || fail "--verify"
T="$work/c/truth.json"
python3 - "$T" "$work/c/docs" <<'EOF' || fail "collection shape"
import json, os, sys
t = json.load(open(sys.argv[1]))
tot = t['totals']
assert tot['statements'] > 10 and tot['true_pairs'] > 10, tot
assert tot['boilerplate_renderings'] > 0, tot
assert any('/' in f['path'] for f in t['files']), 'no nested folders'
assert all(os.path.exists(os.path.join(sys.argv[2], f['path'])) for f in t['files'])
assert 50000 <= tot['bytes'] <= 800000, tot['bytes']
EOF

get() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(v)' "$1" "$2"; }

echo "selftest: 2. perfect report" >&2
python3 "$here/fake_report.py" "$T" --prefix /abs/where/docs > "$work/perfect.json"
python3 "$here/score.py" "$T" "$work/perfect.json" --json > "$work/s1.json"
for k in pair_recall pair_precision byte_precision boilerplate_recall boilerplate_precision \
         file_pair_recall file_pair_precision; do
    v=$(get "$work/s1.json" $k)
    [ "$v" = "1.0" ] || fail "perfect report: $k = $v, expected 1.0"
done
[ "$(get "$work/s1.json" contract_violations)" = 0 ] || fail "perfect report violates the contract"
[ "$(get "$work/s1.json" boilerplate_in_main)" = "0.0" ] || fail "perfect report: boilerplate in main"

echo "selftest: 3. damaged reports" >&2
check_lower() {   # check_lower NAME KEY... -- FAKE_REPORT_ARGS
    local name=$1; shift
    local keys=()
    while [ "$1" != "--" ]; do keys+=("$1"); shift; done
    shift
    python3 "$here/fake_report.py" "$T" "$@" > "$work/d.json"
    python3 "$here/score.py" "$T" "$work/d.json" --json > "$work/d-s.json"
    for k in "${keys[@]}"; do
        python3 - "$work/d-s.json" "$k" <<'EOF' || fail "$name: $k not below 1"
import json, sys
v = json.load(open(sys.argv[1]))[sys.argv[2]]
assert v is None or v < 1.0, v
EOF
    done
}
check_lower "dropped members" pair_recall -- --drop 0.3 --seed 2
check_lower "split clusters" pair_recall -- --split 1.0
check_lower "merged clusters" pair_precision file_pair_precision -- --merge 0.5
check_lower "spurious clusters" pair_precision byte_precision -- --spurious 5
check_lower "boilerplate in main" boilerplate_recall -- --bp-main
python3 - "$work/perfect.json" > "$work/broken.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r['clusters'][0]['members'][0]['span'] = [5, 10**9]
r['documents'].pop()
print(json.dumps(r))
EOF
python3 "$here/score.py" "$T" "$work/broken.json" --json > "$work/b-s.json"
[ "$(get "$work/b-s.json" contract_violations)" -ge 2 ] || fail "broken report not flagged"

echo "selftest: 4. file pairs" >&2
# the true file pairs as score.py counts them, checked against the
# generator's own count
python3 - "$here" "$T" > "$work/pairs.tsv" <<'EOF' || fail "file pairs: count"
import json, sys
sys.path.insert(0, sys.argv[1])
from score import Truth, true_file_pairs
pairs = true_file_pairs(Truth(sys.argv[2]))
assert len(pairs) == json.load(open(sys.argv[2]))['totals']['true_file_pairs'], len(pairs)
for a, b in sorted(pairs):
    print(f'./{a}\t./{b}\t0.9')
EOF
python3 "$here/score.py" "$T" --pairs "$work/pairs.tsv" --score-col 3 --min-score 0.5 --best --json > "$work/p-s.json"
[ "$(get "$work/p-s.json" file_pair_recall)" = "1.0" ] || fail "file pairs: recall"
[ "$(get "$work/p-s.json" file_pair_precision)" = "1.0" ] || fail "file pairs: precision"

echo "selftest: 5. run.sh" >&2
mkdir -p "$work/bin"
cat > "$work/bin/scodiff" <<EOF
#!/usr/bin/env bash
# stand-in: 'scan --help', 'scan --json DIR' (report from DIR/../truth.json)
[ "\$1" = scan ] || exit 2
[ "\$2" = --help ] && { echo "usage: scodiff scan [options] PATH..."; exit 0; }
[ "\$2" = --json ] || exit 2
python3 "$here/fake_report.py" "\${3%/}/../truth.json" --prefix "\${3%/}" || exit 2
exit 1
EOF
chmod +x "$work/bin/scodiff"
bash "$here/run.sh" --scodiff "$work/bin/scodiff" --files 8 --size 300000 --no-peers --no-install \
    --workdir "$work/run" > "$work/run.out" 2> "$work/run.err" || { cat "$work/run.err" >&2; fail "run.sh exit status"; }
grep -q '^| scodiff scan | all | .* | 1.0000 | 1.0000 | 1.0000 | 1.0000 |$' "$work/run.out" \
    || { cat "$work/run.out" >&2; fail "run.sh table with the stand-in"; }
bash "$here/run.sh" --scodiff "$work/bin/nothing" --files 4 --size 100000 --no-peers --no-install \
    > "$work/run2.out" 2>/dev/null || fail "run.sh without scodiff: exit status"
grep -q 'scodiff scan | all | – | – | not available' "$work/run2.out" || fail "run.sh without scodiff: row"
set +e
bash "$here/run.sh" --files x > /dev/null 2>&1
[ $? = 2 ] || fail "run.sh usage error: exit status"
set -e
echo "selftest: OK" >&2
