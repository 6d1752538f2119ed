#!/usr/bin/env bash
# Huge hostile inputs, timed: wall time and peak memory (RSS) of scodiff on
# a text of MB megabytes with no line break (random CJK), the same with a
# slip every megabyte, one letter repeated, random binary, ten million
# one-character lines; diff and scan; check on 1 MB of random CJK and
# on the corpus repeated to 20 MB.  Prints a table; exit status
# 1 if a run crashed (a signal), hung past its limit, or gave an exit
# status other than the one it should.
#
#   bash bench/hostile.sh [MB]          (default 500; needs /usr/bin/time)
#   SCODIFF=build/scodiff WORK=/tmp/x LIMIT=900 LETTER_MB=50 bash bench/hostile.sh 100
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-500}
bin=$(realpath "${SCODIFF:-build/scodiff}")
work=${WORK:-/tmp/scodiff-hostile}
limit=${LIMIT:-1800} # seconds before a run counts as a hang
# One ASCII letter repeated is the worst case for memory (every k-gram
# ties, so every position is a fingerprint: about 65x the input), so its
# size is apart: 100 MB (6.5 GB) by default
lmb=${LETTER_MB:-$((mb < 100 ? mb : 100))}
C=corpora
mkdir -p "$work"

gen() { # gen FILE COMMAND...: make FILE once per size
	[ -s "$1" ] || { "${@:2}" >"$1.tmp" && mv "$1.tmp" "$1"; }
}
n=$((mb * 1000000 / 3)) # CJK characters in MB megabytes of UTF-8
gen "$work/line-$mb.txt" perl -CO -e 'srand(1); print chr(0x4E00 + int(rand(20000))) for 1..'$n
# one slip per megabyte: a character swapped for another
gen "$work/slips-$mb.txt" perl -CSD -pe 'BEGIN { $/ = \333333 } s/^./\x{3005}/' "$work/line-$mb.txt"
gen "$work/letter-$lmb.txt" perl -e 'print "a" x ('$lmb' * 1000000)'
gen "$work/junk-$mb.bin" head -c $((mb * 1000000)) /dev/urandom
gen "$work/lines-10m.txt" perl -CO -e 'srand(2); print chr(0x4E00 + int(rand(20000))), "\n" for 1..10000000'
# check on random CJK is slow (every character is tried against its
# sound- and look-alikes, no dictionary word stopping it): 1 MB of it
gen "$work/check-1mb.txt" perl -CO -e 'srand(4); print chr(0x4E00 + int(rand(20000))) for 1..333333'

gen "$work/corpora-200.txt" bash -c 'for i in $(seq 200); do cat '"$C"'/*.txt; done'

status=0
printf '%-40s %9s %6s %9s %10s %8s\n' case input_MB exit wall_s peak_MB peak/input
measure() { # measure NAME WANT_EXIT INPUT_BYTES ARGS...
	local name=$1 want=$2 size=$3 got wall rss
	shift 3
	got=0
	timeout "$limit" /usr/bin/time -f '%e %M' -o "$work/time" "$bin" "$@" >/dev/null 2>"$work/err" || got=$?
	# (time's first line says so when the exit status is not 0)
	read -r wall rss < <(tail -n 1 "$work/time") || { wall=?; rss=0; }
	printf '%-40s %9.1f %6s %9s %10.0f %8.2f\n' "$name" "$(echo "$size / 1000000" | bc -l)" \
		"$got" "$wall" "$(echo "$rss / 1024" | bc -l)" "$(echo "$rss * 1024 / $size" | bc -l)"
	if [ "$got" != "$want" ]; then
		echo "  ^ wanted exit $want: $(head -c 300 "$work/err")"
		status=1
	fi
}
sz() { stat -c %s "$@" | paste -sd+ | bc; }
L=$work/line-$mb.txt S=$work/slips-$mb.txt A=$work/letter-$lmb.txt J=$work/junk-$mb.bin M=$work/lines-10m.txt
measure "diff one line vs slips (--json)" 1 "$(sz "$L" "$S")" --json "$L" "$S"
measure "diff one line vs slips (terminal)" 1 "$(sz "$L" "$S")" --color=never "$L" "$S"
measure "diff one line vs a corpus file" 1 "$(sz "$L" $C/astana-summit-2024.txt)" "$L" $C/astana-summit-2024.txt
measure "diff one letter repeated, itself" 0 "$(sz "$A" "$A")" "$A" "$A"
measure "diff one letter vs a corpus file" 1 "$(sz "$A" $C/astana-summit-2024.txt)" "$A" $C/astana-summit-2024.txt
measure "diff random binary" 2 "$(sz "$J" "$L")" "$J" "$L"
measure "diff 10M one-char lines vs one line" 1 "$(sz "$M" "$L")" "$M" "$L"
measure "scan one line, slips, corpora" 1 "$(sz "$L" "$S" $C/*.txt)" scan "$L" "$S" $C/*.txt
measure "check 1 MB random CJK, one line" 0 "$(sz "$work/check-1mb.txt")" check "$work/check-1mb.txt"
measure "check corpora/ 200 times over (one file)" 1 "$(sz "$work/corpora-200.txt")" check "$work/corpora-200.txt"
exit $status
