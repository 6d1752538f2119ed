# One text in UTF-8, UTF-8 with BOM, GB18030, UTF-16 (BOM), CRLF and CR
# line ends compares as identical: exit 0, no unmatched text.
. "$TESTS/lib.sh"
A=$CORPORA/tianjin-declaration-2025.txt
iconv -f UTF-8 -t GB18030 "$A" >"$W/gb18030.txt"
iconv -f UTF-8 -t UTF-16 "$A" >"$W/utf16.txt"
iconv -f UTF-8 -t UTF-16BE "$A" | { printf '\xfe\xff'; cat; } >"$W/utf16be.txt"
{ printf '\xef\xbb\xbf'; cat "$A"; } >"$W/bom.txt"
sed 's/$/\r/' "$A" >"$W/crlf.txt"
tr '\n' '\r' <"$A" >"$W/cr.txt"
for f in gb18030 utf16 utf16be bom crlf cr; do
	run 0 --json "$A" "$W/$f.txt"
	expect_eq "$f: unmatched" "$(jqv '(.unmatched_a | length) + (.unmatched_b | length)')" 0
	expect_eq "$f: non-layout differences" "$(jqv '.differences | length')" 0
	expect_eq "$f: similarity" "$(jqv '.similarity')" 1
done
run 0 --json "$A" "$W/gb18030.txt"
expect_eq "detected charset" "$(jqv '.b.encoding')" GB18030
expect_eq "original size" "$(jqv '.b.bytes')" "$(stat -c %s "$W/gb18030.txt")"
run 0 --encoding=GB18030 "$W/gb18030.txt" "$W/gb18030.txt"
# offsets are into the original bytes: a GB18030 dash is 2 bytes, not 3
iconv -f UTF-8 -t GB18030 "$CORPORA/council-meeting-2025.txt" >"$W/council-gb.txt"
run 1 --json "$W/gb18030.txt" "$W/council-gb.txt"
s=$(jqv '.differences[0].a[0]'); e=$(jqv '.differences[0].a[1]')
got=$(tail -c +$((s + 1)) "$W/gb18030.txt" | head -c $((e - s)) | iconv -f GB18030 -t UTF-8)
expect_eq "GB18030 bytes at the first difference" "$got" "－"
expect_eq "punct count across encodings" "$(jqv '.counts.punct')" 5
# line numbers survive CRLF
run 1 --json "$W/crlf.txt" "$CORPORA/council-meeting-2025.txt"
expect_eq "first block a_lines with CRLF" "$(jqv '.blocks[0].a_lines[0]')" 1
finish
