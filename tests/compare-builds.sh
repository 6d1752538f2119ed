#!/usr/bin/env bash
# Run two scodiff binaries on the same inputs and compare every output byte
# for byte: what a refactoring must leave unchanged (issue "Redesign").
#
#   tests/compare-builds.sh OLD_SCODIFF NEW_SCODIFF [WORKDIR]
#
# Inputs: every ordered pair of corpora/*.txt (diff text, JSON, HTML),
# check, collate, scan (text, JSON, HTML), clean (text, patch, report),
# store (add, trace, show, canon, verify; commit ids and times masked),
# GB18030 copies of the corpus, and the benchmark pairs of bench/run.sh
# (gen_pairs.py, seed 1, 1 MB and 5 MB) and a small scan collection.
# Prints one line per differing output and exits 1 if any differ, 0 if
# all are the same.  SIZES overrides the pair sizes ("1000000 5000000").
set -uo pipefail
[ $# -ge 2 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
old=$(readlink -f "$1") new=$(readlink -f "$2")
work=${3:-$(mktemp -d)}
mkdir -p "$work"
export LC_ALL=C.UTF-8 NO_COLOR=1 SCODIFF_STORE=/nonexistent
sizes=${SIZES:-"1000000 5000000"}

in="$work/in"
mkdir -p "$in/corpus" "$in/gb"
cp "$root"/corpora/*.txt "$in/corpus/"
for f in "$in"/corpus/*.txt; do
	iconv -f UTF-8 -t GB18030 "$f" >"$in/gb/$(basename "$f")"
done
for s in $sizes; do
	[ -f "$in/p$s.a.txt" ] ||
		python3 "$root/bench/gen_pairs.py" --size "$s" --seed 1 --out "$in/p$s" --quiet
done
[ -d "$in/coll" ] ||
	python3 "$root/bench/scan/gen_collection.py" --out "$in/coll" --files 60 \
		--size 3000000 --seed 3 >/dev/null

# run BIN OUTDIR NAME ARGS...: stdout, stderr, status of one command
run() {
	local bin=$1 out=$2 name=$3
	shift 3
	(cd "$in" && "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
	 echo $? >"$out/$name.rc")
}

# mask FILE: commit ids, times and temp paths that differ between runs
mask() {
	sed -E -i 's/[0-9a-f]{40}/<commit>/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/<time>/g;
		s/^Date: .*/Date: <time>/; s/(commit|recorded) [0-9a-f]{12}/\1 <commit>/g; s/[0-9]+ ms/<ms>/g' "$1"
}

suite() {
	local bin=$1 out=$2 a b n=0
	rm -rf "$out" && mkdir -p "$out"
	cd "$in" || exit 2
	for a in corpus/*.txt; do
		for b in corpus/*.txt; do
			n=$((n + 1))
			run "$bin" "$out" "diff$n" "$a" "$b"
			run "$bin" "$out" "diff$n.all" --show=all --color=always "$a" "$b"
			run "$bin" "$out" "diff$n.json" --json "$a" "$b"
			run "$bin" "$out" "diff$n.jsonall" --json --show=all "$a" "$b"
			run "$bin" "$out" "diff$n.html" --html=- "$a" "$b"
		done
		run "$bin" "$out" "gb.$(basename "$a")" --json --show=all "gb/$(basename "$a")" "$a"
		run "$bin" "$out" "check.$(basename "$a")" check "$a"
		run "$bin" "$out" "checkj.$(basename "$a")" check --json "$a"
		run "$bin" "$out" "clean.$(basename "$a")" clean "$a"
		run "$bin" "$out" "cleanp.$(basename "$a")" clean --patch "$a"
		run "$bin" "$out" "cleanr.$(basename "$a")" clean --report --json "$a"
		run "$bin" "$out" "cleanrt.$(basename "$a")" clean --report "$a"
	done
	run "$bin" "$out" check.all check corpus/*.txt
	run "$bin" "$out" checkj.all check --json corpus/*.txt
	run "$bin" "$out" collate collate corpus/tianjin-declaration-2025.txt corpus/council-meeting-2025.txt corpus/sco-plus-meeting-2025.txt
	run "$bin" "$out" collate.json collate --json corpus/tianjin-declaration-2025.txt corpus/council-meeting-2025.txt corpus/sco-plus-meeting-2025.txt
	run "$bin" "$out" collate.canon collate --canon corpus/tianjin-declaration-2025.txt corpus/council-meeting-2025.txt
	run "$bin" "$out" scan scan corpus
	run "$bin" "$out" scan.json scan --json corpus
	run "$bin" "$out" scan.html scan --html=- corpus
	run "$bin" "$out" scan.coll scan --json coll/docs
	run "$bin" "$out" scan.collt scan coll/docs
	run "$bin" "$out" scan.gb scan --json gb
	for s in $sizes; do
		run "$bin" "$out" "pair$s.json" --json --show=all "p$s.a.txt" "p$s.b.txt"
		run "$bin" "$out" "pair$s.text" "p$s.a.txt" "p$s.b.txt"
	done
	# the store: one add, then every reader
	local st="$out/store"
	run "$bin" "$out" store.init store init "$st"
	run "$bin" "$out" store.add store add --store "$st" corpus/*.txt
	run "$bin" "$out" store.log store log --store "$st" -v
	run "$bin" "$out" store.verify store verify --store "$st"
	run "$bin" "$out" store.canon store canon --store "$st" --all
	for a in corpus/*.txt; do
		run "$bin" "$out" "trace.$(basename "$a")" store trace --store "$st" "$a"
		run "$bin" "$out" "tracej.$(basename "$a")" store trace --store "$st" --json "$a"
		run "$bin" "$out" "traceh.$(basename "$a")" store trace --store "$st" --html=- "$a"
		run "$bin" "$out" "cleans.$(basename "$a")" clean --store "$st" --report --json "$a"
	done
	for n in 1 2 3 5 8 13; do
		run "$bin" "$out" "show$n" store show --store "$st" "$n"
		run "$bin" "$out" "showj$n" store show --store "$st" --json "$n"
	done
	rm -rf "$st"
	for f in "$out"/*; do
		sed -i "s#$out#<out>#g" "$f"
		mask "$f"
	done
}

suite "$old" "$work/old"
suite "$new" "$work/new"
status=0
for f in "$work"/old/*; do
	g="$work/new/$(basename "$f")"
	if ! cmp -s "$f" "$g"; then
		echo "differs: $(basename "$f")"
		status=1
	fi
done
for g in "$work"/new/*; do
	[ -e "$work/old/$(basename "$g")" ] || { echo "only in new: $(basename "$g")"; status=1; }
done
n=$(ls "$work/old" | wc -l)
[ $status = 0 ] && echo "compare-builds: all $n outputs identical" ||
	echo "compare-builds: outputs differ (see $work/old and $work/new)"
exit $status
