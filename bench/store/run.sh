#!/usr/bin/env bash
# Benchmark `scodiff store`: add a generated collection in batches, then
# trace a 100 KB file against the store; beside it, plain git committing
# the same batches (what keeping the bytes alone costs).
#
#   bench/store/run.sh [--scodiff PATH] [--files N] [--size BYTES]
#                      [--batch N] [--seed N] [--workdir DIR] [--keep]
#
#   --scodiff PATH   scodiff binary (default build/scodiff)
#   --files N        documents (default 1000)
#   --size BYTES     about this many bytes in all (default 100000000)
#   --batch N        documents per `store add` (default 100)
#   --seed N         generator seed (default 1)
#   --workdir DIR    work there and keep it (default: a temporary folder,
#                    removed at exit unless --keep)
#
# The collection is bench/scan/gen_collection.py's (Chinese pages built
# from corpora/ with statements repeated across pages, OCR-like slips,
# GB18030/CRLF/BOM files).  Prints a markdown table: time of each add,
# total, peak memory of the largest add, the trace time of a 100 KB file,
# the store's size on disk and its object count; and whether the targets
# (all adds <= 60 s, trace <= 1 s) are met.  CPU is user + system time of
# the adds: on a machine busy with other work it is the fairer figure.  Exit 0 when it ran, 2 on
# trouble.  Needs no terminal and no stdin.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_prog=bench/store/run.sh
. "$here/../lib.sh"
bench_options --scodiff=scodiff --files=files=1000 --size=size=100000000 \
	--batch=batch=100 --seed=seed --workdir=workdir --keep:keep=1 -- "$@"
[ -z "$workdir" ] || keep=1
[ -x "$scodiff" ] || bench_die "no scodiff at $scodiff (build first)"
for t in python3 git /usr/bin/time; do
	command -v "$t" >/dev/null || bench_die "$t is needed"
done
if [ -z "$workdir" ]; then
	workdir=$(mktemp -d "${TMPDIR:-/tmp}/scodiff-store-bench.XXXXXX")
	[ "$keep" = 1 ] || trap 'rm -rf "$workdir"' EXIT
fi
mkdir -p "$workdir"
coll=$workdir/coll
if [ ! -f "$coll/truth.json" ]; then
	python3 "$root/bench/scan/gen_collection.py" --out "$coll" --files "$files" \
		--size "$size" --seed "$seed" >"$workdir/gen.log" 2>&1 ||
		bench_die "generator failed: $(tail -3 "$workdir/gen.log")"
fi
find "$coll/docs" -type f | LC_ALL=C sort >"$workdir/list"
n=$(wc -l <"$workdir/list")
bytes=$(tr '\n' '\0' <"$workdir/list" | xargs -0 cat | wc -c)
rm -rf "$workdir/batches" && mkdir "$workdir/batches"
split -l "$batch" -d -a 4 "$workdir/list" "$workdir/batches/b"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# ---- scodiff store
st=$workdir/store
rm -rf "$st"
"$scodiff" store init "$st" >/dev/null || exit 2
t0=$(now)
peak=0 slowest=0 k=0 cpu=0
for b in "$workdir"/batches/b*; do
	k=$((k + 1))
	s=$(now)
	if ! /usr/bin/time -f '%M %U %S' -o "$workdir/time" xargs -d '\n' "$scodiff" store add \
		--store "$st" <"$b" >"$workdir/add.out" 2>"$workdir/add.err"; then
		bench_die "store add of batch $k failed: $(head -c 300 "$workdir/add.err")"
	fi
	e=$(now)
	d=$(secs "$s" "$e")
	read -r m u sy < <(tail -1 "$workdir/time")
	cpu=$(awk -v c="$cpu" -v u="$u" -v s="$sy" 'BEGIN { printf "%.2f", c + u + s }')
	[ "$m" -gt "$peak" ] && peak=$m
	awk -v d="$d" -v s="$slowest" 'BEGIN { exit !(d > s) }' && slowest=$d
	echo "batch $k: $d s, $(head -1 "$workdir/add.out" | cut -c 22-)" >&2
done
t1=$(now)
total=$(secs "$t0" "$t1")
statements=$(git -C "$st" ls-tree --name-only main statements/ | wc -l)
witnesses=$(git -C "$st" ls-tree --name-only main witnesses/ | wc -l)
size_kb=$(du -sk "$st" | cut -f1)
index_kb=$(du -sk "$st/scodiff-index" | cut -f1)
objects=$(git -C "$st" count-objects -v | awk '/^count:/ { c += $2 } /^in-pack:/ { c += $2 } END { print c }')

# the trace of a 100 KB file: pages of the collection put together
tr '\n' '\0' <"$workdir/list" | xargs -0 cat 2>/dev/null | head -c 102400 >"$workdir/trace-in.txt"
# cut at a line end, so the file is whole characters
python3 - "$workdir/trace-in.txt" <<'EOF'
import sys
p = sys.argv[1]
b = open(p, 'rb').read()
b = b[:b.rfind(b'\n') + 1]
open(p, 'wb').write(b.decode('utf-8', 'ignore').encode('utf-8'))
EOF
"$scodiff" store trace --store "$st" --json "$workdir/trace-in.txt" >/dev/null  # index warm
s=$(now)
/usr/bin/time -f '%M' -o "$workdir/time" "$scodiff" store trace --store "$st" --json \
	"$workdir/trace-in.txt" >"$workdir/trace.json" || bench_die "trace failed"
e=$(now)
trace=$(secs "$s" "$e")
trace_mem=$(tail -1 "$workdir/time")
traced=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["paragraphs"]; print(sum(1 for x in p if x["sources"]), len(p))' "$workdir/trace.json")
verify_s=$(now)
"$scodiff" store verify --store "$st" >"$workdir/verify.out" 2>&1
verify_rc=$?
verify_e=$(now)

# ---- plain git, the same batches
g=$workdir/git
rm -rf "$g" && git init -q "$g"
s=$(now)
for b in "$workdir"/batches/b*; do
	while IFS= read -r f; do
		dst=$g/${f#"$coll/docs/"}
		mkdir -p "$(dirname "$dst")" && cp "$f" "$dst"
	done <"$b"
	git -C "$g" add -A && git -C "$g" -c user.name=bench -c user.email=bench@localhost \
		commit -qm batch
done
e=$(now)
git_total=$(secs "$s" "$e")
git_kb=$(du -sk "$g/.git" | cut -f1)

echo
echo "store benchmark: $n files, $bytes bytes, batches of $batch ($k adds), seed $seed"
echo
echo "| tool | adds, total (CPU) | slowest add | peak RSS of an add | trace 100 KB | store on disk | objects |"
echo "|---|---|---|---|---|---|---|"
echo "| scodiff store | $total s ($cpu s) | $slowest s | $((peak / 1024)) MB | $trace s ($((trace_mem / 1024)) MB) | $((size_kb / 1024)) MB (index $((index_kb / 1024)) MB) | $objects |"
echo "| git add + commit | $git_total s | | | | $((git_kb / 1024)) MB | |"
echo
echo "scodiff store: $witnesses witnesses, $statements statements; trace: ${traced% *} of ${traced#* } paragraphs with a source; verify: exit $verify_rc in $(secs "$verify_s" "$verify_e") s"
ok=1
awk -v t="$total" 'BEGIN { exit !(t <= 60) }' && echo "target adds <= 60 s: met" || { echo "target adds <= 60 s: NOT met"; ok=0; }
awk -v t="$trace" 'BEGIN { exit !(t <= 1) }' && echo "target trace <= 1 s: met" || { echo "target trace <= 1 s: NOT met"; ok=0; }
[ "$verify_rc" = 0 ] || echo "verify found problems: $(head -5 "$workdir/verify.out")"
exit 0
