#!/usr/bin/env bash
# Regenerate the committed seed folders corpus/<harness>/ from corpora/
# (slices of a few KB) and from hand-made hostile cases.  The seeds are
# committed so that ctest replays them without this script; run it again
# after changing a harness's input format.  Seeds that fuzzing found
# (crashers turned regression tests) live in the same folders under names
# starting with `found-` and are kept.
#
#   bash tests/fuzz/seeds.sh
set -euo pipefail
cd "$(dirname "$0")"
C=../../corpora
SEP=$'\xff\xff'

# slice FILE FROM_LINE BYTES: BYTES bytes from line FROM_LINE on, cut back
# to a whole UTF-8 character
cut8() { head -c "$1" | { iconv -c -f UTF-8 -t UTF-8 2>/dev/null || true; }; }
slice() { tail -n +"$2" "$1" | cut8 "$3"; }
# sel BYTE: the harness's option byte
sel() { printf "\\x$1"; }
u8() { printf "$@"; }

for h in input normalize align diff scan check store_meta; do
	mkdir -p corpus/$h
	find corpus/$h -type f ! -name 'found-*' -delete
done

# ---- input: charset selector (input_fuzzer.c's charsets[]), then bytes
I=corpus/input
decl=$(slice $C/tianjin-declaration-2025.txt 8 1500)
astana=$(slice $C/astana-summit-2024.txt 1 1200)
{ sel 00; printf '%s' "$decl"; } >$I/utf8
{ sel 00; printf '\xef\xbb\xbf%s' "$astana"; } >$I/utf8-bom
{ sel 00; printf '%s' "$decl" | iconv -f UTF-8 -t GB18030; } >$I/gb18030
{ sel 07; printf '%s' "$astana" | iconv -f UTF-8 -t GB18030; } >$I/gb18030-forced
{ sel 00; printf '\xff\xfe'; printf '%s' "$astana" | iconv -f UTF-8 -t UTF-16LE; } >$I/utf16le-bom
{ sel 00; printf '\xfe\xff'; printf '%s' "$decl" | iconv -f UTF-8 -t UTF-16BE; } >$I/utf16be-bom
{ sel 00; printf '\xff\xfe\x00\x00'; printf '%s' "$astana" | cut8 300 | iconv -c -f UTF-8 -t UTF-32LE; } >$I/utf32le-bom
{ sel 00; printf '\x00\x00\xfe\xff'; printf '%s' "$decl" | cut8 300 | iconv -c -f UTF-8 -t UTF-32BE; } >$I/utf32be-bom
{ sel 00; printf '%s' "$decl" | cut8 600 | iconv -c -f UTF-8 -t BIG5; } >$I/big5
{ sel 00; printf '%s' "$decl" | cut8 600 | sed 's/$/\r/'; } >$I/crlf
{ sel 00; printf '%s' "$decl" | cut8 600 | tr '\n' '\r'; } >$I/cr
{ sel 00; printf 'a\r\n\r\rb\n\n\rc\r'; } >$I/line-ends
{ sel 00; } >$I/empty
{ sel 00; printf 'abc\0def'; } >$I/nul
{ sel 02; printf 'a\0\0\xd8b\0'; } >$I/utf16-lone-high
{ sel 02; printf 'a\0\0\xdcb\0'; } >$I/utf16-lone-low
{ sel 00; printf '\xff\xfea\0\0\xd8'; } >$I/utf16-high-at-end
{ sel 00; printf '\xff\xfea\0b'; } >$I/utf16-odd
{ sel 00; printf '\xe4\xb8\x8a\xc0\xaf\xe6\xb5\xb7'; } >$I/overlong
{ sel 00; printf '\xe0\x80\xaf\xed\xa0\x80\xf4\x90\x80\x80'; } >$I/overlong-surrogate-toobig
{ sel 00; printf '\xe4\xb8'; } >$I/truncated
# CJK Extension B-H, mixed scripts, right-to-left text
ext='\xf0\xa0\x80\x80\xf0\xaa\x9c\x80\xf0\xab\x9d\x80\xf0\xab\xa0\xa0\xf0\xac\xba\xb0\xf0\xb0\x80\x80\xf0\xb1\x8d\x90'
{ sel 00; u8 "$ext"'\xe4\xb8\xad abc \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd0\x9c\xd0\xb8\xd1\x80\n'; } >$I/ext-b-h-mixed
{ sel 00; u8 "$ext" | iconv -f UTF-8 -t GB18030; } >$I/gb18030-4byte
{ sel 07; printf '\x81\x30\x81\x30\x95\x32\x82\x36\x84\x31\xa4\x39\xe3\x32\x9a\x35\xfe\x39\xfe\x39'; } >$I/gb18030-4byte-edges
{ sel 07; printf '\x81\x30\x81'; } >$I/gb18030-truncated
{ sel 00; printf '\xfe\xff'; u8 "$ext" | iconv -f UTF-8 -t UTF-16BE; } >$I/utf16be-ext
for i in $(seq 8 18); do
	# forced single-byte, stateful and unknown charsets
	{ printf "\\x$(printf %02x "$i")"; printf 'ab\x1b$B\x30\x21\x1b(B+ZeVnLIqe-~{<:~}\xa4\xa2\x8e\xa1\xff'; } >$I/forced-$i
done

# ---- normalize: fold flags, then text
N=corpus/normalize
{ sel 03; printf '%s' "$decl"; } >$N/declaration
{ sel 03; slice $C/council-meeting-2025.txt 1 1500; } >$N/council
{ sel 00; printf '%s' "$astana"; } >$N/astana-nofold
{ sel 03; u8 '\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 \xe2\x91\xb4\xe2\x91\xa0 \xef\xb7\xba \xe3\x8d\xbb \xef\xac\x81\n'; } >$N/nfkc-expansions
{ sel 03; u8 '\xef\xbc\x8d\xe2\x80\x94\xe2\x80\x94 \xe2\x80\x94-\xe2\x80\xa6\xe2\x80\xa6\xe2\x8b\xaf\xef\xb8\x99\xe3\x80\x82\xe3\x83\xbb\xe2\x80\x9c\xe2\x80\x9d\xe3\x80\x8c\xe3\x80\x8d\xef\xbc\x88\xef\xbc\x89\xe2\x88\x92'; } >$N/punct
{ sel 03; u8 'a\xe2\x80\x8bb\xc2\xadc\xef\xbb\xbfd \t\n e  1 000 2\xe3\x80\x80025 \xe4\xb8\x8a \xe6\xb5\xb7'; } >$N/layout
{ sel 03; u8 '\xe5\x9c\x8b\xe9\x9a\x9b\xe9\x97\x9c\xe4\xbf\x82\xe7\xb5\x84\xe7\xb9\x94\xe8\xaa\xaa'; } >$N/traditional
{ sel 03; printf 'e'; for i in $(seq 40); do printf '\xcc\x81\xcc\xa3'; done; printf 'x\xcc\x81\n'; } >$N/combining-run
{ sel 03; u8 '\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8 \xea\xb0\x80 \xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7'; } >$N/jamo-indic
{ sel 03; u8 "$ext"' \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d abc \xf0\x9d\x90\x80\xf0\x9f\x98\x80'; } >$N/ext-rtl-supplementary
{ sel 03; printf '\xc0\xaf\xed\xa0\x80\xff\x00z'; } >$N/ill-formed

# ---- align: option byte, then key a FF FF key b (a byte per key char)
A=corpus/align
{ sel 03; printf 'abcdefghijklmnopqrstuvwxyz0123456789%s' "$SEP"; printf 'abcdefghijklmnopqrstuvwxyz0123456789'; } >$A/identical
{ sel 03; printf 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%s' "$SEP"; printf 'AAAAAAAAAAAAAAAAAAAAAAAAAA'; } >$A/one-letter
{ sel 07; printf 'The quick brown fox jumps over the lazy dog.%s' "$SEP"; printf 'over the lazy dog. The quick brown fox jumps'; } >$A/moved-small
{ sel 03; printf '%s' "$decl" | cut8 900; printf '%s' "$SEP"; slice $C/council-meeting-2025.txt 326 900; } >$A/declaration-council
{ sel 03; printf '%s' "$SEP"; printf 'abc'; } >$A/empty-a
{ sel 2f; printf 'abababababababababababababababab%s' "$SEP"; printf 'babababababababababababa'; } >$A/periodic
{ sel 07; printf 'xx0123456789abcdefYY0123456789abcdefZZ%s' "$SEP"; printf '0123456789abcdef0123456789abcdef'; } >$A/repeated

# ---- diff: option byte, then file a FF FF file b
D=corpus/diff
council=$(slice $C/council-meeting-2025.txt 326 2000)
{ sel 01; printf '%s' "$decl"; printf '%s' "$SEP"; printf '%s' "$council"; } >$D/declaration-council
{ sel 00; printf '%s' "$decl" | iconv -f UTF-8 -t GB18030; printf '%s' "$SEP"; printf '%s' "$council"; } >$D/gb18030-utf8
{ sel 01; printf '%s' "$astana"; printf '%s' "$SEP"; printf '%s' "$astana" | sed 's/，/,/g; s/的/地/; s/$/\r/'; } >$D/punct-crlf
{ sel 81; u8 '\xe2\x91\xb4\xef\xbc\xa1\xef\xbc\xa2abc \xe2\x80\x94\xe2\x80\x94x'; printf '%s' "$SEP"; u8 '(1)AB ABC  -y'; } >$D/nfkc-small
{ sel 81; u8 "$ext"'\xe4\xb8\xad\xe6\x96\x87 \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85'; printf '%s' "$SEP"; u8 '\xe4\xb8\xad'"$ext"'\xe6\x96\x87 \xd8\xb3\xd9\x84\xd8\xa7'; } >$D/ext-rtl
{ sel 01; printf '%s' "$SEP"; } >$D/both-empty
{ sel 00; printf 'abc\0'; printf '%s' "$SEP"; printf '\xc0\xaf'; } >$D/undecodable

# ---- scan: option byte, then up to four files separated by FF FF
S=corpus/scan
{ sel 00; printf '%s' "$decl"; printf '%s' "$SEP"; printf '%s' "$council"; printf '%s' "$SEP"; slice $C/tianjin-eight-outcomes-2025.txt 40 1500; } >$S/three
{ sel 00; printf '%s' "$decl"; printf '%s' "$decl"; } >$S/repeat-within
{ sel 00; printf '%s' "$SEP"; printf 'abc\0'; printf '%s' "$SEP"; printf '%s' "$decl" | cut8 400 | iconv -f UTF-8 -t UTF-16; } >$S/empty-binary-utf16
{ sel 40; for i in 1 2 3; do printf '新华社天津9月1日电 %s%s' "$(slice $C/sco-plus-meeting-2025.txt $((i * 5)) 200)" "$SEP"; done; printf '新华社天津9月1日电'; } >$S/boilerplate

# ---- check: pivot byte, then up to four texts separated by FF FF
K=corpus/check
{ sel 00; slice $C/tianjin-eight-outcomes-2025.txt 49 1500; printf '%s' "$SEP"; slice $C/tianjin-eight-outcomes-2025.txt 1 1500; } >$K/eight-outcomes
{ sel 01; printf '%s' "$decl"; printf '%s' "$SEP"; printf '%s' "$council"; printf '%s' "$SEP"; printf '%s' "$decl" | sed 's/组织/組織/g; s/国际/国祭/'; } >$K/three-witnesses
{ sel 07; printf '%s' "$SEP"; u8 "$ext"; } >$K/empty-ext
du -sh corpus

# ---- store_meta: reader selector (store_meta_fuzzer.c), then a file of a
# real store made by scodiff (SCODIFF, default ../../build/scodiff), and
# hand-edited copies
S=corpus/store_meta
bin=${SCODIFF:-../../build/scodiff}
if [ -x "$bin" ]; then
	st=$(mktemp -d)
	"$bin" store init "$st/s" >/dev/null
	slice $C/tianjin-declaration-2025.txt 1 900 >"$st/a.txt"
	slice $C/council-meeting-2025.txt 319 900 >"$st/b.txt"
	"$bin" store add --store "$st/s" "$st/a.txt" "$st/b.txt" >/dev/null
	g() { git -C "$st/s" "$@"; }
	w=$(g ls-tree --name-only main witnesses/ | head -1)
	{ sel 00; g show "main:$w/meta"; } >$S/meta
	{ sel 00; g show "main:$w/meta" | sed 's|^path .*|path a\\\\b\\x0ac d.txt|'; } >$S/meta-escapes
	{ sel 00; g show "main:$w/meta" | head -3; } >$S/meta-truncated
	{ sel 00; g show "main:$w/meta" | sed 's/^bytes /bytes 0/'; } >$S/meta-leading-zero
	st1=$(g ls-tree --name-only main statements/ | head -1)
	{ sel 01; g show "main:$st1/members"; } >$S/members
	{ sel 01; g show "main:$st1/members" | sed 's/ 1\.000$/ 1.500/'; } >$S/members-similarity
	{ sel 01; g show "main:$st1/members" | awk '{ if ($1 == "member") { t = $3; $3 = $4; $4 = t } print }'; } >$S/members-reversed
	seg=$(ls "$st/s/scodiff-index" | grep '^seg-' | head -1)
	{ sel 02; cat "$st/s/scodiff-index/manifest"; printf '%s' "$SEP"; cat "$st/s/scodiff-index/$seg"; } >$S/index
	{ sel 02; cat "$st/s/scodiff-index/manifest"; printf '%s' "$SEP"; head -c 4000 "$st/s/scodiff-index/$seg"; } >$S/index-truncated
	{ sel 02; sed 's/^commit .*/commit abc/' "$st/s/scodiff-index/manifest"; } >$S/manifest-bad-commit
	rm -rf "$st"
fi
{ sel 03; slice $C/tianjin-declaration-2025.txt 1 2000; } >$S/paragraphs-declaration
{ sel 03; slice $C/council-meeting-2025.txt 315 2000; } >$S/paragraphs-council
{ sel 03; u8 'First paragraph, line one\nline two\n\nSecond\n\n\nThird'; } >$S/paragraphs-blank
{ sel 03; head -c 9000 /dev/zero | tr '\0' 'a'; } >$S/paragraphs-one-line
