# scodiff check: slips in texts with no second rendering, with the files
# given together as evidence.
. "$TESTS/lib.sh"
C=$CORPORA
run 1 check --color=never "$C"/*.txt
expect_in "$W/out" 'tianjin-eight-outcomes-2025.txt:51:140: ocr \(same sound\).*\[劲\].*→ 径'
expect_in "$W/out" 'astana-summit-2024.txt:73:61: variant \(traditional form\).*\[強\].*→ 强'
expect_in "$W/out" '^[0-9]+ flags? in 5 files$'
# few flags over the whole corpus (the figure reported in the README)
n=$(grep -Ec '^corpora|^/' "$W/out")
[ "$n" -le 6 ] && ok || fail "$n flags over corpora/, expected at most 6"

run 1 check --json "$C"/*.txt
expect_eq "json version" "$(jqv .version)" 1
f='.flags[] | select(.text == "劲")'
expect_eq "路劲 flagged" "$(jqv "[$f] | length")" 1
expect_eq "its suggestion" "$(jqv "$f | .suggest")" "径"
expect_eq "its kind" "$(jqv "$f | .kind")" "ocr"
expect_eq "its lines" "$(jqv "$f | .lines | join(\",\")")" "51,51"
s=$(jqv "$f | .span[0]"); e=$(jqv "$f | .span[1]")
expect_eq "bytes at its span" "$(tail -c +$((s + 1)) "$C/tianjin-eight-outcomes-2025.txt" | head -c $((e - s)))" "劲"
# 中国式现代化: 实 would make the word 实现 but break 现代化
expect_eq "中国式 not flagged" "$(jqv '[.flags[] | select(.text == "式")] | length')" 0
expect_eq "強 as variant" "$(jqv '[.flags[] | select(.text == "強" and .kind == "variant" and .suggest == "强")] | length')" 1

# the same text in GB18030: offsets into the GB18030 bytes
iconv -f UTF-8 -t GB18030 "$C/tianjin-eight-outcomes-2025.txt" >"$W/gb.txt"
run 1 check --json "$W/gb.txt" "$C/tianjin-declaration-2025.txt"
s=$(jqv "$f | .span[0]"); e=$(jqv "$f | .span[1]")
expect_eq "GB18030 bytes at its span" "$(tail -c +$((s + 1)) "$W/gb.txt" | head -c $((e - s)) | iconv -f GB18030 -t UTF-8)" "劲"

# a clean text: nothing flagged, exit 0
printf '上海合作组织成员国领导人出席会议并发表宣言。\n' >"$W/clean.txt"
run 0 check "$W/clean.txt"
expect_in "$W/out" '^0 flags in 1 file$'

# trouble
run 2 check
run 2 check "$W/missing.txt"
expect_in "$W/err" "no such file"
run 2 check --min-confidence=2 "$W/clean.txt"
run 0 check --help
expect_in "$W/out" '^usage: scodiff check'
finish
