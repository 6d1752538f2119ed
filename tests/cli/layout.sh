# Layout is not a difference; punctuation style is, unless ignored.
. "$TESTS/lib.sh"
A=$CORPORA/tianjin-eight-outcomes-2025.txt
run 0 "$A" "$A"
# re-wrapped, de-spaced, double-spaced CJK: exit 0
tr -d '\n' <"$A" | sed 's/\(.\{17\}\)/\1\n/g' >"$W/rewrapped.txt"
run 0 "$A" "$W/rewrapped.txt"
sed 's/\(.\)/\1 /g' "$A" >"$W/spaced.txt"
run 0 --json "$A" "$W/spaced.txt"
expect_eq "spaced: differences listed" "$(jqv '.differences | length')" 0
[ "$(jqv '.counts.layout')" -gt 100 ] && ok || fail "layout not counted"
run 0 --json --show=layout "$A" "$W/spaced.txt"
[ "$(jqv '.differences | length')" -gt 100 ] && ok || fail "--show=layout lists nothing"
# full-width → half-width punctuation: width/punct, exit 1 unless ignored
D=$CORPORA/tianjin-declaration-2025.txt
sed 's/，/,/g; s/：/:/g; s/（/(/g; s/）/)/g; s/——/-/g; s/“/"/g; s/”/"/g' "$D" >"$W/halfwidth.txt"
run 1 --json "$D" "$W/halfwidth.txt"
expect_eq "halfwidth: edits" "$(jqv '.counts.edit + .counts.ocr')" 0
[ "$(jqv '.counts.width')" -gt 10 ] && ok || fail "width not counted"
[ "$(jqv '.counts.punct')" -gt 10 ] && ok || fail "punct not counted"
expect_eq "halfwidth: unmatched" "$(jqv '(.unmatched_a | length) + (.unmatched_b | length)')" 0
run 0 --ignore=width,punct "$D" "$W/halfwidth.txt"
# a traditional form is a variant
sed '0,/强/s/强/強/' "$A" >"$W/trad.txt"
run 1 --json "$A" "$W/trad.txt"
expect_eq "variant count" "$(jqv '.counts.variant')" 1
expect_eq "variant text" "$(jqv '.differences[0].b_text')" "強"
run 0 --ignore=variant "$A" "$W/trad.txt"
# a real edit: 三 → 五 is an edit, not ocr
sed '0,/三/s/三/五/' "$A" >"$W/edit.txt"
run 1 --json "$A" "$W/edit.txt"
expect_eq "edit count" "$(jqv '.counts.edit')" 1
expect_eq "edit a_text" "$(jqv '[.differences[] | select(.kind == "edit")][0].a_text')" "三"
# a slip: 路径 → 路劲 is ocr, by sound
sed '0,/路径/s/路径/路劲/' "$A" >"$W/slip.txt"
run 1 --json "$A" "$W/slip.txt"
expect_eq "ocr count" "$(jqv '.counts.ocr')" 1
expect_eq "ocr reason" "$(jqv '[.differences[] | select(.kind == "ocr")][0].reason')" "same sound"
finish
