# scodiff collate: three renderings of the Tianjin Declaration — as printed
# on its own page, as printed in the council report (other wraps, other
# dashes), and a copy made here with three slips and no spaces — give the
# printed text as consensus and canonical text, with each slip in the
# apparatus at its place in the original bytes.
. "$TESTS/lib.sh"
C=$CORPORA
D1=$W/page.txt D2=$W/report.txt D3=$W/copy.txt
sed -n 1,359p "$C/tianjin-declaration-2025.txt" >"$D1"
sed -n 319,629p "$C/council-meeting-2025.txt" >"$D2"
# a doubled 极, 持 → 迟 (same sound), 强 → 強 (a traditional form)
sed -e '0,/多极化/s//多极极化/' -e '0,/坚持以/s//坚迟以/' -e '82s/强调/強调/' "$D1" | tr -d ' ' >"$D3"
expect_eq "slips injected" "$(grep -c '多极极化\|坚迟以\|強调' "$D3")" 3

one_line() { expect_eq "stderr lines" "$(wc -l <"$W/err")" 1; }
# bytes [s, e) of a file
bytes() { tail -c +$(($2 + 1)) "$1" | head -c $(($3 - $2)); }

run 1 collate --json "$D1" "$D2" "$D3"
expect_eq "json version" "$(jqv .version)" 1
expect_eq "witnesses" "$(jqv '.witnesses | length')" 3
expect_eq "copy is not the pivot" "$(jqv '.pivot != 2')" true
expect_eq "places" "$(jqv '.places | length')" 3
expect_eq "every slip outvoted by the two printings" \
	"$(jqv '[.places[] | .readings[1] | select(.witnesses | length == 1 and .[0].index == 2)] | length')" 3
expect_eq "consensus readings" "$(jqv '[.places[].consensus] | join(",")')" ",持,强"
expect_eq "kinds" "$(jqv '[.places[].readings[1].kind] | join(",")')" "ocr,ocr,variant"
expect_eq "the doubled 极" "$(jqv '.places[0].readings[1] | .text + " " + .reason')" "极 doubled"
expect_eq "counts" "$(jqv '.counts | "\(.ocr) \(.variant) \(.edit)"')" "2 1 0"
f='.places[1].readings[1].witnesses[0]'
expect_eq "bytes of the slip in the copy" "$(bytes "$D3" "$(jqv "$f.span[0]")" "$(jqv "$f.span[1]")")" "迟"
expect_eq "its line in the copy" "$(jqv "$f.lines[0]")" "$(grep -n 坚迟以 "$D3" | cut -d: -f1)"
p=$(jqv '.witnesses[.pivot].path')
expect_eq "bytes of the place in the pivot" "$(bytes "$p" "$(jqv '.places[1].span[0]')" "$(jqv '.places[1].span[1]')")" "持"
expect_eq "suggestion" "$(jqv '.places[2].readings[1].suggest')" "强"
expect_eq "nothing absent or added" "$(jqv '[(.additions | length), (.witnesses[].absent | length)] | add')" 0
expect_eq "canonical is the printed text" "$(jq -j .canonical "$W/out" | md5sum)" "$(sed -n 1,359p "$C/tianjin-declaration-2025.txt" | md5sum)"

# the canonical text, in the pivot's layout: the copy's, slips corrected
run 1 collate --canon --pivot=3 "$D1" "$D2" "$D3"
expect_eq "canon on the copy" "$(md5sum <"$W/out")" "$(tr -d ' ' <"$D1" | md5sum)"
run 1 collate --canon -o "$W/canon.txt" --pivot=1 "$D1" "$D2" "$D3"
expect_eq "canon to a file" "$(md5sum <"$W/canon.txt")" "$(md5sum <"$D1")"
expect_eq "nothing on stdout with -o" "$(wc -c <"$W/out")" 0
# a failed write (here the file size limit) leaves the old file whole and
# no temporary beside it: it was written in place and left cut short
# (issue "Reliability")
printf 'the old canon\n' >"$W/canon.txt"
chmod 0640 "$W/canon.txt"
(trap '' XFSZ; ulimit -f 8; exec "$SCODIFF" collate --canon -o "$W/canon.txt" "$D1" "$D2" "$D3") \
	>"$W/out" 2>"$W/err" </dev/null
expect_eq "canon -o, write error: status" "$?" 2
one_line
expect_in "$W/err" "^scodiff: '.*/canon.txt': write error: File too large$"
expect_eq "the old canon kept" "$(cat "$W/canon.txt")" "the old canon"
expect_eq "no temporary left" "$(ls -A "$W" | grep -c scodiff)" 0
run 1 collate --canon -o "$W/canon.txt" --pivot=1 "$D1" "$D2" "$D3"
expect_eq "mode of a rewritten canon" "$(stat -c %a "$W/canon.txt")" 640
if [ -c /dev/full ] && [ -w /dev/full ]; then
	run 2 collate --canon -o /dev/full "$D1" "$D2" "$D3"
	expect_in "$W/err" "^scodiff: '/dev/full': write error: No space left on device$"
	[ -c /dev/full ] && ok || fail "/dev/full is no longer a device"
fi

# dashes (－ on the page, — in the report) are places only when asked
run 1 collate --json --show=punct,ocr,variant,edit "$D1" "$D2" "$D3"
expect_eq "punct places" "$(jqv '[.places[] | select(.readings[1].kind == "punct")] | length')" 5
expect_eq "the report's dash outvoted" "$(jqv '[.places[] | select(.readings[1].kind == "punct") | .consensus] | unique | join(",")')" "－"

# the terminal table
run 1 collate --color=never "$D1" "$D2" "$D3"
expect_in "$W/out" '^3 witnesses · 3 places · edit 0 · ocr 2 · variant 1 '
expect_in "$W/out" '^@@ .*page.txt:[0-9]+:[0-9]+ @@ .*坚\[持\]以'
expect_in "$W/out" '^  ≠ 迟  .*copy.txt:[0-9]+:[0-9]+  ocr'
expect_in "$W/out" '^  ≠ 強  .*copy.txt:82:[0-9]+  variant'
expect_not_in "$W/out" $'\033'
run 1 collate --color=always "$D1" "$D2" "$D3"
expect_in "$W/out" $'\033\\['

# a witness in GB18030: offsets into its own bytes
iconv -f UTF-8 -t GB18030 "$D3" >"$W/copy.gb"
run 1 collate --json "$D1" "$D2" "$W/copy.gb"
expect_eq "GB18030 witness" "$(jqv '.witnesses[2].encoding')" GB18030
expect_eq "GB18030 bytes of the slip" \
	"$(bytes "$W/copy.gb" "$(jqv "$f.span[0]")" "$(jqv "$f.span[1]")" | iconv -f GB18030 -t UTF-8)" "迟"

# the whole files: what only some hold is listed, not lost
run 1 collate --json "$C/tianjin-declaration-2025.txt" "$C/council-meeting-2025.txt" "$D3"
expect_eq "pivot: the declaration alone" "$(jqv .pivot)" 2
expect_eq "additions from the pages" "$(jqv '[.additions[].witness] | unique | join(",")')" "0,1"

# the same text in other layouts: exit 0, canonical = the pivot's text
tr -d ' ' <"$D1" >"$W/nospace.txt"
run 0 collate "$D1" "$W/nospace.txt" "$D1"
expect_in "$W/out" '^3 witnesses · 0 places'

# trouble: one line naming the file, exit 2
run 2 collate "$D1"
expect_in "$W/err" 'at least two files'; one_line
run 2 collate "$D1" "$W/missing.txt" "$D2"
expect_in "$W/err" "^scodiff: '.*missing.txt': no such file$"; one_line
printf 'abc\0def' >"$W/nul.txt"
run 2 collate "$D1" "$D2" "$W/nul.txt"
expect_in "$W/err" "'.*nul.txt': binary file"; one_line
run 2 collate --pivot=4 "$D1" "$D2" "$D3"
run 2 collate --json --canon "$D1" "$D2"
run 0 collate --help
expect_in "$W/out" '^usage: scodiff collate'
finish
