#!/usr/bin/env bash
# Measure scodiff's alignment constants (docs/parameters.md):
#  - on corpora/: bytes of A aligned and blocks found over all pairs of
#    the five texts, for each setting;
#  - on a generated noisy pair (bench/gen_pairs.py, fixed seed): alignment
#    recall and precision, edit recall, and time.
# Prints one markdown table.  Usage:
#   bench/sweep.sh [--scodiff PATH] [--size BYTES] [SETTING...]
# where a SETTING is "k w min_tile max_gap min_block max_occ".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
scodiff=$root/build/scodiff
size=1000000
while [ $# -gt 0 ]; do
	case "$1" in
	--scodiff) scodiff=$2; shift 2 ;;
	--size) size=$2; shift 2 ;;
	*) break ;;
	esac
done
[ -x "$scodiff" ] || { echo "sweep.sh: no scodiff at $scodiff (build it first)" >&2; exit 2; }
command -v jq >/dev/null || { echo "sweep.sh: jq is needed" >&2; exit 2; }
settings=("$@")
[ ${#settings[@]} -gt 0 ] || settings=(
	"4 4 4 48 16 8" "6 6 6 48 16 8" "6 10 12 48 16 8" "8 8 12 48 16 8"
	"8 12 12 48 16 8" "10 10 12 48 16 8" "12 12 12 48 16 8" "12 20 12 48 16 8"
	"8 8 12 0 16 8" "8 8 12 16 16 8" "8 8 12 100 16 8"
	"8 8 12 48 16 2" "8 8 12 48 16 64" "8 8 12 48 32 8")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/gen_pairs.py" --size "$size" --seed 1 --out "$work/p" --quiet 2>/dev/null
files=("$root"/corpora/*.txt)

echo "| k | w | min_tile | max_gap | min_block | max_occ | corpus: bytes aligned | corpus: blocks | noisy: align recall | noisy: precision | noisy: edit recall | noisy: time (s) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for s in "${settings[@]}"; do
	set -- $s
	opts=(--k="$1" --w="$2" --min-tile="$3" --max-gap="$4" --min-block="$5" --max-occ="$6")
	bytes=0 blocks=0
	for ((i = 0; i < ${#files[@]}; i++)); do
		for ((j = i + 1; j < ${#files[@]}; j++)); do
			"$scodiff" --json "${opts[@]}" "${files[i]}" "${files[j]}" >"$work/c.json" || [ $? -eq 1 ]
			bytes=$((bytes + $(jq '[.blocks[] | .a[1] - .a[0]] | add // 0' "$work/c.json")))
			blocks=$((blocks + $(jq '.blocks | length' "$work/c.json")))
		done
	done
	t0=$(date +%s%N)
	"$scodiff" --json "${opts[@]}" "$work/p.a.txt" "$work/p.b.txt" >/dev/null || [ $? -eq 1 ]
	t1=$(date +%s%N)
	"$scodiff" --json --show=all "${opts[@]}" "$work/p.a.txt" "$work/p.b.txt" >"$work/n.json" || [ $? -eq 1 ]
	python3 "$here/score.py" --json "$work/p" "$work/n.json" >"$work/s.json"
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %.4f | %.4f | %.4f | %.3f |\n' "$@" "$bytes" "$blocks" \
		"$(jq .alignment_recall "$work/s.json")" "$(jq .alignment_precision "$work/s.json")" \
		"$(jq .edit_recall "$work/s.json")" "$(awk -v n=$((t1 - t0)) 'BEGIN{print n/1e9}')"
done
