# Every report on the corpus keeps the JSON contract (checked by
# bench/score.py --contract: byte-identical text between differences,
# a_text/b_text equal to the original bytes, counts, lines, unmatched
# ranges covering all outside blocks), in both directions of every pair.
. "$TESTS/lib.sh"
command -v python3 >/dev/null || { echo "no python3: skipped"; exit 77; }
SCORE=$TESTS/../../bench/score.py
for a in "$CORPORA"/*.txt; do
	for b in "$CORPORA"/*.txt; do
		"$SCODIFF" --json --show=all "$a" "$b" >"$W/out" 2>"$W/err"
		rc=$?
		[ $rc -le 1 ] || fail "$(basename "$a") vs $(basename "$b"): exit $rc"
		if python3 "$SCORE" --contract "$a" "$b" "$W/out" >"$W/contract" 2>&1; then
			ok
		else
			fail "$(basename "$a") vs $(basename "$b"): $(head -c 600 "$W/contract")"
		fi
	done
done
finish
