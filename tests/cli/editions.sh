#!/usr/bin/env bash
# Traditional and regional editions (docs/variants.md): a corpus text
# against its Taiwan and Hong Kong editions made by OpenCC is aligned whole
# with nothing but variants; regional words are named as such, with
# positions in the user's files; --vocabulary=keep makes them edits; scan
# joins a text and its edition in one cluster; the store traces an edition
# to its original.
. "$TESTS/lib.sh"
command -v opencc >/dev/null || fail "opencc (Debian package opencc) is needed by this test"

for f in "$CORPORA"/astana-summit-2024.txt "$CORPORA"/tianjin-declaration-2025.txt; do
	b=$(basename "$f" .txt)
	for cfg in s2twp s2hk; do
		opencc -c "$cfg" -i "$f" -o "$W/$b.$cfg.txt"
		run 1 --json "$f" "$W/$b.$cfg.txt"
		expect_eq "$b $cfg: edit+ocr" "$(jqv '.counts.edit + .counts.ocr')" 0
		expect_eq "$b $cfg: one passage" "$(jqv '.blocks | length')" 1
		expect_eq "$b $cfg: aligned" "$(jqv '.similarity >= 0.999')" true
		expect_eq "$b $cfg: nothing unmatched" "$(jqv '(.unmatched_a | length) + (.unmatched_b | length)')" 0
		# only variants and punctuation: --ignore makes the files the same
		run 0 --ignore=variant,punct "$f" "$W/$b.$cfg.txt"
	done
done

# the regional words of the Taiwan edition, named, both readings shown,
# positions in the files (byte ranges whose text is the word)
f=$CORPORA/tianjin-declaration-2025.txt
e=$W/tianjin-declaration-2025.s2twp.txt
run 1 --json "$f" "$e"
cp "$W/out" "$W/tw.json"
n=$(jq '[.differences[] | select(.kind == "variant" and .reason == "regional word")] | length' "$W/tw.json")
[ "$n" -gt 0 ] && ok || fail "no regional word between the declaration and its Taiwan edition"
jq -r '.differences[] | select(.reason == "regional word") | "\(.a[0]) \(.a[1]) \(.a_text) \(.b[0]) \(.b[1]) \(.b_text)"' \
	"$W/tw.json" | head -20 >"$W/words"
while read -r a0 a1 at b0 b1 bt; do
	got=$(tail -c +$((a0 + 1)) "$f" | head -c $((a1 - a0)))
	expect_eq "a's bytes $a0-$a1" "$got" "$at"
	got=$(tail -c +$((b0 + 1)) "$e" | head -c $((b1 - b0)))
	expect_eq "b's bytes $b0-$b1" "$got" "$bt"
done <"$W/words"
# 信息 → 資訊 within one variant that says it is a regional word
jq -e '[.differences[] | select((.a_text | contains("信息")) and (.b_text | contains("資訊")) and
	.kind == "variant" and .reason == "regional word")] | length > 0' \
	"$W/tw.json" >/dev/null && ok || fail "信息/資訊 is not one regional variant"

# --vocabulary=keep: the same words are edits
run 1 --json --vocabulary=keep "$f" "$e"
expect_eq "--vocabulary=keep: regional words" \
	"$(jqv '[.differences[] | select(.reason == "regional word")] | length')" 0
e2=$(jqv '.counts.edit')
[ "$e2" -gt 0 ] && ok || fail "--vocabulary=keep: no edit"
run 2 --vocabulary=maybe "$f" "$e"
expect_in "$W/err" "vocabulary"

# a mainland text against the same in Taiwan vocabulary, words planted
printf '系统的默认参数和用户文件都保存在程序目录中，软件会读取这些信息。\n' >"$W/cn.txt"
opencc -c s2twp -i "$W/cn.txt" -o "$W/tw.txt"
run 1 --json "$W/cn.txt" "$W/tw.txt"
expect_eq "planted words: edit+ocr" "$(jqv '.counts.edit + .counts.ocr')" 0

# scan: a text and its edition, one cluster covering both
mkdir -p "$W/coll"
cp "$CORPORA"/astana-summit-2024.txt "$W/coll/a.txt"
cp "$W/astana-summit-2024.s2twp.txt" "$W/coll/a.tw.txt"
cp "$W/astana-summit-2024.s2hk.txt" "$W/coll/a.hk.txt"
run 1 scan --json "$W/coll"
expect_eq "scan: clusters" "$(jqv '.clusters | length')" 1
expect_eq "scan: the three renderings" "$(jqv '.clusters[0].members | length')" 3
expect_eq "scan: covering each whole" \
	"$(jqv '[.clusters[0].members[] | (.span[1] - .span[0])] | min > 20000')" true

# store: the Taiwan edition traces to the original
export SCODIFF_STORE="$W/store"
run 0 store init
run 0 store add "$CORPORA"/astana-summit-2024.txt
run 0 store trace --json "$CORPORA"/astana-summit-2024.txt
alone=$(jqv '[.paragraphs[] | select((.sources | length) > 0)] | length')
run 0 store trace --json "$W/astana-summit-2024.s2twp.txt"
expect_eq "trace: the edition's paragraphs found as the original's" \
	"$(jqv '[.paragraphs[] | select((.sources | length) > 0)] | length')" "$alone"
expect_eq "trace: at similarity 1" \
	"$(jqv '[.paragraphs[] | .sources[0].similarity // 1 | select(. < 0.999)] | length')" 0
finish
