# The two summit statements are printed in opposite orders on two pages:
# both must be aligned (moved), not reported as deleted and inserted.
. "$TESTS/lib.sh"
A=$CORPORA/sco-plus-meeting-2025.txt
B=$CORPORA/tianjin-declaration-2025.txt
run 1 --json "$A" "$B"
expect_eq "blocks of over 2000 bytes" "$(jqv '[.blocks[] | select((.a[1]-.a[0]) > 2000)] | length')" 2
crossed=$(jqv '[.blocks[] | select((.a[1]-.a[0]) > 2000)] | if (.[0].a[0] < .[1].a[0]) == (.[0].b[0] < .[1].b[0]) then "same" else "crossed" end')
expect_eq "order of the two statements" "$crossed" crossed
expect_eq "edit or ocr" "$(jqv '.counts.edit + .counts.ocr')" 0
finish
