# Hostile input at the command line: empty files, NUL bytes, lone
# surrogates, overlong UTF-8, GB18030 four-byte sequences, CJK Extension
# B–H, mixed scripts and right-to-left text, a million one-character
# lines.  Each gives the right answer with positions in the user's bytes,
# or a one-line error naming the file with exit 2; never a crash.  (The
# huge inputs, hundreds of MB, are measured by bench/hostile.sh.)
. "$TESTS/lib.sh"
D=$CORPORA/tianjin-declaration-2025.txt
one_line() { expect_eq "stderr lines" "$(wc -l <"$W/err")" 1; }
# bytes FILE BEG END: the bytes [BEG, END) of FILE
bytes() { tail -c +$(($2 + 1)) "$1" | head -c $(($3 - $2)); }

# ---- empty files, with every way of naming their charset
: >"$W/empty"
printf '\xff\xfe' >"$W/bom16"
printf '\xef\xbb\xbf' >"$W/bom8"
for enc in GB18030 UTF-16LE UTF-16BE UTF-8 Big5 ISO-8859-1; do
	run 0 --encoding=$enc "$W/empty" "$W/empty"
done
run 0 --json "$W/bom16" "$W/empty"
expect_eq "BOM alone: charset" "$(jqv .a.encoding)" UTF-16LE
expect_eq "BOM alone: bytes" "$(jqv .a.bytes)" 2
run 0 "$W/bom8" "$W/empty"
run 2 --encoding=NOPE "$W/empty" "$W/empty"
expect_in "$W/err" "unknown encoding 'NOPE'"; one_line
run 0 check "$W/empty"
run 0 scan "$W/empty" "$W/bom16"
run 0 collate "$W/empty" "$W/empty"

# ---- NUL bytes and NUL characters, in every decoding path
printf '\xff\xfea\x00\x00\x00b\x00' >"$W/nul16.txt"
run 2 "$W/nul16.txt" "$D"
expect_in "$W/err" "^scodiff: '.*nul16.txt': binary file \(NUL character at byte 4\)$"; one_line
printf 'ab\0' >"$W/nul-gb.txt"
run 2 --encoding=GB18030 "$W/nul-gb.txt" "$W/nul-gb.txt"
expect_in "$W/err" "'.*nul-gb.txt': binary file \(NUL character at byte 2\)$"; one_line
{ head -c 3000 "$D"; printf '\0'; } >"$W/nul-late.txt"
run 2 "$D" "$W/nul-late.txt"
expect_in "$W/err" "'.*nul-late.txt': binary file \(NUL byte at 3000\)$"; one_line
# scan skips the file, says why, and reports the trouble in its status
run 2 scan "$W/nul-late.txt" "$W/empty"
expect_in "$W/err" "^scodiff: '.*nul-late.txt': binary file \(NUL byte at 3000\) \(skipped\)$"; one_line

# ---- lone surrogates in UTF-16, both byte orders, anywhere (ICU's
# converter stops at the unit; a high one at the very end is cut short)
printf '\xfe\xff\x00a\xdc\x00\x00b' >"$W/low-be.txt"
run 2 "$W/low-be.txt" "$D"
expect_in "$W/err" "'.*low-be.txt': invalid UTF-16BE at byte 4$"; one_line
printf '\xff\xfea\x00b\x00\x3d\xd8' >"$W/high-end.txt"
run 2 "$W/high-end.txt" "$D"
expect_in "$W/err" "'.*high-end.txt': invalid UTF-16LE at byte 6 \(truncated sequence at end of file\)$"; one_line
printf '\xff\xfe\x3d\xd8\x3d\xd8\x00\xde' >"$W/high-high.txt"
run 2 "$W/high-high.txt" "$D"
expect_in "$W/err" "'.*high-high.txt': invalid UTF-16LE at byte 2$"; one_line
# a surrogate pair split across ICU's 64 KiB chunks is one character
{ printf '\xff\xfe'; for i in $(seq 32767); do printf 'a\0'; done; printf '\x40\xd8\x00\xdc'; } >"$W/pair-split.txt"
{ for i in $(seq 32767); do printf a; done; printf '\U00020000'; } >"$W/pair-split-8.txt"
run 0 --json "$W/pair-split.txt" "$W/pair-split-8.txt"
expect_eq "pair across chunks: bytes" "$(jqv .a.bytes)" 65540
expect_eq "pair across chunks: similarity" "$(jqv .similarity)" 1

# ---- ill-formed UTF-8: overlong forms, surrogates, beyond U+10FFFF
for bad in '\xc0\xaf' '\xe0\x80\xaf' '\xf0\x80\x80\xaf' '\xed\xa0\x80' '\xf4\x90\x80\x80' '\xf8\x88\x80\x80\x80' '\xc1\xbf'; do
	{ head -c 300 "$D"; printf "$bad"; tail -c +301 "$D"; } >"$W/ill.txt"
	run 2 "$W/ill.txt" "$D"
	expect_in "$W/err" "^scodiff: '.*ill.txt': invalid UTF-8 at byte 300$"; one_line
done

# ---- CJK Extension B to H (U+20000 U+2A700 U+2B740 U+2B820 U+2CEB0
# U+30000 U+31350), in UTF-8, GB18030 (four bytes each) and UTF-16
# (surrogate pairs): read, aligned and placed to the byte
ext=$'\U00020000\U0002A700\U0002B740\U0002B820\U0002CEB0\U00030000\U00031350'
ext2=$'\U00020000\U0002A700\U0002B740\U00020001\U0002CEB0\U00030000\U00031350'
p1=$(head -n 20 "$D" | tail -n 12); p2=$(tail -n +40 "$D" | head -n 12)
printf '%s%s%s\n' "$p1" "$ext" "$p2" >"$W/ext-a.txt"
printf '%s%s%s\n' "$p1" "$ext2" "$p2" >"$W/ext-b.txt"
iconv -f UTF-8 -t GB18030 "$W/ext-b.txt" >"$W/ext-b-gb.txt"
iconv -f UTF-8 -t UTF-16 "$W/ext-a.txt" >"$W/ext-a-16.txt"
# the characters survive each charset unchanged
run 0 --json "$W/ext-a.txt" "$W/ext-a-16.txt"
expect_eq "Ext B-H via UTF-16: similarity" "$(jqv .similarity)" 1
iconv -f UTF-8 -t GB18030 "$W/ext-a.txt" >"$W/ext-a-gb.txt"
run 0 --json --encoding=GB18030 "$W/ext-a-gb.txt" "$W/ext-a-gb.txt"
run 1 --json "$W/ext-a.txt" "$W/ext-b.txt"
a0=$(( $(printf '%s' "$p1" | wc -c) + 12 ))
expect_eq "Ext: one difference" "$(jqv '.differences | length')" 1
expect_eq "Ext: its bytes in a" "$(jqv '.differences[0].a | @csv')" "$a0,$((a0 + 4))"
expect_eq "Ext: its text in a" "$(jqv '.differences[0].a_text')" $'\U0002B820'
expect_eq "Ext: its text in b" "$(jqv '.differences[0].b_text')" $'\U00020001'
# the same change read from GB18030: offsets count its 2- and 4-byte forms
run 1 --json "$W/ext-a.txt" "$W/ext-b-gb.txt"
expect_eq "Ext in GB18030: detected" "$(jqv .b.encoding)" GB18030
b0=$(( $(printf '%s' "$p1" | iconv -f UTF-8 -t GB18030 | wc -c) + 12 ))
expect_eq "Ext in GB18030: its bytes in b" "$(jqv '.differences[0].b | @csv')" "$b0,$((b0 + 4))"
expect_eq "Ext in GB18030: those bytes" "$(bytes "$W/ext-b-gb.txt" $b0 $((b0 + 4)) | iconv -f GB18030 -t UTF-8)" $'\U00020001'
# the terminal report's column counts characters, not bytes or UTF-16 units
run 1 --color=never "$W/ext-a.txt" "$W/ext-b.txt"
line=$(printf '%s' "$p1" | wc -l); line=$((line + 1))
col=$(( $(printf '%s' "$p1" | tail -n 1 | wc -m) + 4 ))
expect_in "$W/out" "^  $line:$col ⇄ $line:$col  edit "
# GB18030's four-byte range: U+0080, U+FFFF's neighbour, U+10000, U+10FFFF
printf '\x81\x30\x81\x30\x84\x31\xa4\x39\x90\x30\x81\x30\xe3\x32\x9a\x35' >"$W/gb4.txt"
run 0 --json --encoding=GB18030 "$W/gb4.txt" "$W/gb4.txt"
printf '%s' "$p1" | iconv -f UTF-8 -t GB18030 >"$W/gb-cut.txt"; printf '\x95\x32\x82' >>"$W/gb-cut.txt"
run 2 --encoding=GB18030 "$W/gb-cut.txt" "$D"
expect_in "$W/err" "'.*gb-cut.txt': invalid GB18030 at byte $(( $(stat -c %s "$W/gb-cut.txt") - 3 )) \(truncated sequence at end of file\)$"; one_line

# ---- mixed scripts and right-to-left text: a changed Arabic word
mixed=$'Привет, мир; hello world; مرحبا بالعالم; שלום עולם; こんにちは世界'
printf '%s\n%s\n%s\n' "$p1" "$mixed" "$p2" >"$W/rtl-a.txt"
printf '%s\n%s\n%s\n' "$p1" "${mixed/بالعالم/بالعوالم}" "$p2" >"$W/rtl-b.txt"
run 1 --json "$W/rtl-a.txt" "$W/rtl-b.txt"
expect_eq "RTL: one difference" "$(jqv '.differences | length')" 1
s=$(jqv '.differences[0].b[0]'); e=$(jqv '.differences[0].b[1]')
expect_eq "RTL: bytes at b's range are b_text" "$(bytes "$W/rtl-b.txt" $s $e)" "$(jqv '.differences[0].b_text')"
w0=$(( $(printf '%s\n' "$p1" | wc -c) + $(printf '%s' "${mixed%%بالعالم*}" | wc -c) ))
w1=$(( w0 + $(printf '%s' 'بالعوالم' | wc -c) ))
[ "$s" -ge "$w0" ] && [ "$e" -le "$w1" ] && [ "$e" -gt "$s" ] && ok || fail "RTL: b range [$s,$e) not inside the word [$w0,$w1)"
expect_eq "RTL: the rest aligned" "$(jqv '.unmatched_a | length')" 0

# ---- a million one-character lines (random CJK, fixed seed)
perl -CO -e 'srand(7); print chr(0x4E00 + int(rand(20000))), "\n" for 1..1000000' >"$W/million.txt"
# the same characters wrapped fifty to a line: layout only
tr -d '\n' <"$W/million.txt" | fold -w 150 >"$W/wrapped.txt"
run 0 --json "$W/million.txt" "$W/wrapped.txt"
expect_eq "million lines vs wrapped: similarity" "$(jqv .similarity)" 1
expect_eq "million lines: one block to the last line" "$(jqv '.blocks[0].a_lines | @csv')" "1,1000000"
# one line changed in the middle
awk 'NR == 500000 { print "々"; next } { print }' "$W/million.txt" >"$W/million-b.txt"
run 1 --json "$W/million.txt" "$W/million-b.txt"
off=$(head -n 499999 "$W/million.txt" | wc -c)
expect_eq "million lines: the difference" "$(jqv '[.differences[] | .a[0], .a[1], .b[0]] | @csv')" "$off,$((off + 3)),$off"
expect_eq "million lines: nothing unmatched" "$(jqv '(.unmatched_a | length) + (.unmatched_b | length)')" 0
finish
