#!/usr/bin/env bash
# Build the libFuzzer harnesses with clang (build-fuzz/, SCD_FUZZ=ON) and
# run each for SECONDS (default 300), JOBS at a time (default 1), starting
# from its committed seeds.  New inputs go to build-fuzz/fuzz/<name>/corpus,
# crashers to build-fuzz/fuzz/<name>/crashes, the log to
# build-fuzz/fuzz/<name>/log; a table of what ran ends the output.  Exit
# status 1 if any harness found a crash, leak or hang.
#
#   bash tests/fuzz/run.sh [SECONDS] [NAME...]      (NAME: input, diff, ...)
#   JOBS=2 bash tests/fuzz/run.sh 300
#
# Reproduce a crasher:  build-fuzz/tests/fuzz/<name>_fuzzer CRASHFILE
# (or with any build's driver: build/tests/fuzz/<name>_fuzzer CRASHFILE),
# then, once fixed, keep it as tests/fuzz/corpus/<name>/found-<what>.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-300}
[ $# -gt 0 ] && shift
jobs=${JOBS:-1}
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	for f in tests/fuzz/*_fuzzer.c; do
		f=$(basename "$f"); names+=("${f%_fuzzer.c}")
	done
fi

CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCD_FUZZ=ON >/dev/null
targets=()
for n in "${names[@]}"; do targets+=("${n}_fuzzer"); done
cmake --build build-fuzz -j"$jobs" --target "${targets[@]}" >/dev/null

run_one() {
	local n=$1 d=build-fuzz/fuzz/$1
	mkdir -p "$d/corpus" "$d/crashes"
	# -timeout: one input taking 10 s is a hang; -rss_limit_mb: memory
	# beyond 2 GB on inputs of a few KB is unbounded growth
	ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	build-fuzz/tests/fuzz/"$n"_fuzzer -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$d/crashes/" "$d/corpus" tests/fuzz/corpus/"$n" \
		>"$d/log" 2>&1 || true
}

running=0
for n in "${names[@]}"; do
	echo "fuzzing $n for ${secs}s" >&2
	run_one "$n" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait -n || true
		running=$((running - 1))
	fi
done
wait

status=0
printf '%-10s %8s %10s %8s %8s %7s  %s\n' harness seconds runs exec/s cov corpus crashes
for n in "${names[@]}"; do
	d=build-fuzz/fuzz/$n
	# (a harness that crashed at once has no statistics)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$d/log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$d/log" | tail -1)
	cov=$({ grep -o 'cov: [0-9]*' "$d/log" || true; } | tail -1 | cut -d' ' -f2)
	corp=$(find "$d/corpus" -type f | wc -l)
	crashes=$(find "$d/crashes" -type f | wc -l)
	printf '%-10s %8s %10s %8s %8s %7s  %s\n' "$n" "$secs" "${runs:-?}" "${rate:-?}" "${cov:-?}" "$corp" "$crashes"
	if [ "$crashes" -gt 0 ]; then
		status=1
		find "$d/crashes" -type f | sed 's/^/    /'
	fi
done
exit $status
