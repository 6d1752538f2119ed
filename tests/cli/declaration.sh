# The Tianjin Declaration printed on two pages: one long aligned passage
# whose only differences are the five dashes; no edit or ocr anywhere.
. "$TESTS/lib.sh"
A=$CORPORA/tianjin-declaration-2025.txt
B=$CORPORA/council-meeting-2025.txt

run 1 --json "$A" "$B"
big=$(jqv '[.blocks | to_entries[] | select((.value.a[1]-.value.a[0]) > 9000)] | .[0].key')
[ "$big" != "null" ] && ok || fail "no block of more than 9000 bytes"
expect_eq "blocks over 9000 bytes" "$(jqv '[.blocks[] | select((.a[1]-.a[0]) > 9000)] | length')" 1
expect_eq "differences in the long block" \
	"$(jqv "[.differences[] | select(.block == $big)] | length")" 5
expect_eq "punct dashes in the long block" \
	"$(jqv "[.differences[] | select(.block == $big and .kind == \"punct\" and .a_text == \"－\" and .b_text == \"—\")] | length")" 5
expect_eq "edit or ocr anywhere" "$(jqv '.counts.edit + .counts.ocr')" 0
expect_eq "a lines of the long block start" "$(jqv ".blocks[$big].a_lines[0]")" 1
# the a_text of each difference is the original bytes at its offsets
for i in $(jqv "[.differences[] | select(.block == $big)] | keys[]"); do
	s=$(jqv "[.differences[] | select(.block == $big)][$i].a[0]")
	e=$(jqv "[.differences[] | select(.block == $big)][$i].a[1]")
	got=$(tail -c +$((s + 1)) "$A" | head -c $((e - s)))
	expect_eq "bytes at a[$s,$e)" "$got" "－"
done
# there is text only in one file or the other, around the passage
[ "$(jqv '.unmatched_a | length')" -gt 0 ] && ok || fail "no unmatched_a"
[ "$(jqv '.unmatched_b | length')" -gt 0 ] && ok || fail "no unmatched_b"

# terminal report: counts in the header, the dashes not listed by default
run 1 --color=never "$A" "$B"
expect_in "$W/out" 'punct 5'
expect_in "$W/out" 'edit 0 · ocr 0'
expect_in "$W/out" 'not listed: punct 5'
expect_in "$W/out" '^only in .*council-meeting-2025.txt:'
run 1 --color=never --show=all "$A" "$B"
expect_in "$W/out" 'punct.*\[-－-\]\{\+—\+\}'
finish
