#!/usr/bin/env bash
# Benchmark scodiff against git word-diff and GNU diff on generated noisy pairs.
#
#   bench/run.sh [--scodiff PATH] [--sizes "1000000 5000000"] [--seed N]
#                [--runs N] [--keep] [--workdir DIR]
#
# For each size (bytes of text A) a pair is generated with bench/gen_pairs.py
# (fixed seed), then each tool is run and its wall time and peak RSS are
# measured (GNU time %M; wall time from the shell clock):
#   scodiff --json A B                 timed    (exit 0/1 ok, 2 = failure)
#   scodiff --json --show=all A B > out.json    untimed, scored
#   git diff --no-index --word-diff=porcelain --word-diff-regex=. A B   (exit 0/1 ok)
#   diff A B                                      (exit 0/1 ok)
#   uconv -x nfkc A; uconv -x nfkc B              the floor (ICU's NFKC of
#                     both files, what normalising alone costs; icu-devtools)
# scodiff's report is scored with bench/score.py.  One markdown table is
# printed, followed by the two targets for the largest size:
#   scodiff time / git time (target <= 0.25), peak memory / input size
#   (target <= 20x), input size = bytes of A + B; scodiff time / NFKC floor
#   (target <= 1.5, issue "Redesign").
# Builds nothing: the scodiff binary (default build/scodiff) must exist.
# Exit status: 0 if every tool run succeeded, 1 otherwise, 2 on usage errors.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
bench_options --scodiff=scodiff --sizes=sizes="1000000 5000000" --seed=seed \
    --runs=runs=1 --workdir=workdir --keep:keep=1 -- "$@"

scodiff=$(bench_abs "$scodiff")
[ -f "$scodiff" ] || bench_die "scodiff binary not found: $scodiff (build it first; this script builds nothing, or pass --scodiff PATH)"
[ -x "$scodiff" ] || bench_die "scodiff binary is not executable: $scodiff"
TIME=/usr/bin/time
[ -x "$TIME" ] || bench_die "GNU time not found at $TIME (Debian: apt-get install -y time)"
"$TIME" -f '%M' -o /dev/null true 2>/dev/null || bench_die "$TIME is not GNU time (needs -f and -o)"
for t in python3 git diff uconv; do
    command -v "$t" >/dev/null 2>&1 || bench_die "$t not found on PATH"
done
for s in $sizes; do
    case "$s" in ''|*[!0-9]*) bench_die "size is not a number of bytes: $s" ;; esac
done
case "$runs" in ''|*[!0-9]*|0) bench_die "--runs must be a positive integer" ;; esac
[ -n "${sizes// /}" ] || bench_die "no sizes given"

bench_workdir "$workdir" "$root/build" scodiff-bench say

# keep git's behaviour independent of the user's configuration
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_PAGER=cat LC_ALL=C.UTF-8

failed=0
case "$(date +%N)" in
    ''|*[!0-9]*) have_ns=0 ;;     # no nanoseconds (non-GNU date): use GNU time's %e
    *) have_ns=1 ;;
esac
now_ns() { if [ "$have_ns" = 1 ]; then date +%s%N; else echo 0; fi; }

# timed NAME OUTFILE OKCODES -- CMD...   sets T_SEC (wall), CPU_SEC (user+sys of
# that run), RSS_KB (max over runs), RC; best wall time of $runs runs
timed() {
    local name=$1 out=$2 ok=$3
    shift 4
    local best="" rss=0 i t0 t1 dt e u sy m cpu=""
    RC=0
    for ((i = 0; i < runs; i++)); do
        t0=$(now_ns)
        set +e
        "$TIME" -f '%e %U %S %M' -o "$work/time.txt" "$@" > "$out" 2> "$work/stderr.txt"
        RC=$?
        set -e
        t1=$(now_ns)
        # the last line is "%e %U %S %M" (GNU time may add a "Command exited..." line before it)
        read -r e u sy m < <(tail -n 1 "$work/time.txt") || true
        case "$m" in ''|*[!0-9]*) m=0 ;; esac
        if [ "$have_ns" = 1 ]; then
            dt=$((t1 - t0))
        else
            dt=$(awk -v e="${e:-0}" 'BEGIN { printf "%d", e * 1e9 }')
        fi
        if [ -z "$best" ] || [ "$dt" -lt "$best" ]; then
            best=$dt
            cpu=$(awk -v u="${u:-0}" -v s="${sy:-0}" 'BEGIN { printf "%.2f", u + s }')
        fi
        if [ "$m" -gt "$rss" ]; then rss=$m; fi
        case " $ok " in
            *" $RC "*) ;;
            *)
                echo "run.sh: $name failed with exit status $RC:" >&2
                head -c 2000 "$work/stderr.txt" >&2 || true
                failed=1
                break ;;
        esac
    done
    T_SEC=$(awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }')
    CPU_SEC=${cpu:-?}
    RSS_KB=$rss
}

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
human() { awk -v n="$1" 'BEGIN { if (n >= 1e6) printf "%g MB", n / 1e6; else if (n >= 1e3) printf "%g kB", n / 1e3; else printf "%d B", n }'; }

rows=()
notes=()
last_ratio_time="n/a"
last_ratio_mem="n/a"
last_ratio_floor="n/a"
last_size=""

echo "run.sh: scodiff = $scodiff" >&2
ver=$("$scodiff" --version 2>/dev/null | head -n 1 || true)

for size in $sizes; do
    prefix="$work/pair-$size"
    echo "run.sh: generating $(human "$size") pair (seed $seed) ..." >&2
    python3 "$here/gen_pairs.py" --size "$size" --seed "$seed" --out "$prefix" >&2
    A="$prefix.a.txt"
    B="$prefix.b.txt"
    in_bytes=$(( $(wc -c < "$A") + $(wc -c < "$B") ))

    echo "run.sh: scodiff ..." >&2
    # timed as a user runs it (--json); scored from a second, untimed run
    # that lists every difference (--show=all), which score.py needs
    timed scodiff /dev/null "0 1" -- "$scodiff" --json "$A" "$B"
    sc_rc=$RC; sc_t=$T_SEC; sc_rss=$RSS_KB; sc_cpu=$CPU_SEC
    if [ "$sc_rc" -le 1 ]; then
        set +e
        "$scodiff" --json --show=all "$A" "$B" > "$work/out-$size.json" 2> "$work/stderr.txt"
        [ $? -le 1 ] || sc_rc=2
        set -e
    fi
    metrics="| – | – | – | – | – | – |"
    if [ "$sc_rc" -le 1 ]; then
        if python3 "$here/score.py" "$prefix" "$work/out-$size.json" --json > "$work/score-$size.json" 2> "$work/score-err.txt"; then
            metrics=$(python3 - "$work/score-$size.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
f = lambda x, n=4: '–' if x is None else f'{x:.{n}f}'
print('| ' + ' | '.join([f(r['alignment_recall']), f(r['alignment_precision']), f(r['edit_recall']),
                          f(r['slip_recall']), f(r['spurious_per_10k'], 2), str(r['contract_violations'])]) + ' |')
for k, v in r['violations'].items():
    print(f"NOTE {v['count']} × {k}" + (f"  (e.g. {v['examples'][0]})" if v['examples'] else ''))
EOF
)
            while IFS= read -r line; do
                case "$line" in NOTE*) notes+=("size $size: ${line#NOTE }") ;; esac
            done <<< "$metrics"
            metrics=$(printf '%s\n' "$metrics" | head -n 1)
        else
            notes+=("size $size: score.py failed: $(head -c 500 "$work/score-err.txt")")
            failed=1
        fi
        rows+=("| $(human "$size") | scodiff | $sc_t | $sc_cpu | $(mb "$sc_rss") | $(ratio "$((sc_rss * 1024))" "$in_bytes") $metrics")
    else
        rows+=("| $(human "$size") | scodiff | FAILED (exit $sc_rc) | | $(mb "$sc_rss") | – $metrics")
    fi

    echo "run.sh: git diff ..." >&2
    timed git /dev/null "0 1" -- git --no-pager diff --no-index --no-color --no-ext-diff \
        --word-diff=porcelain --word-diff-regex=. "$A" "$B"
    git_rc=$RC; git_t=$T_SEC; git_rss=$RSS_KB
    if [ "$git_rc" -le 1 ]; then
        rows+=("| $(human "$size") | git word-diff | $git_t | $CPU_SEC | $(mb "$git_rss") | $(ratio "$((git_rss * 1024))" "$in_bytes") | | | | | | |")
    else
        rows+=("| $(human "$size") | git word-diff | FAILED (exit $git_rc) | | | | | | | | | |")
    fi

    echo "run.sh: diff ..." >&2
    timed diff /dev/null "0 1" -- diff "$A" "$B"
    if [ "$RC" -le 1 ]; then
        rows+=("| $(human "$size") | GNU diff | $T_SEC | $CPU_SEC | $(mb "$RSS_KB") | $(ratio "$((RSS_KB * 1024))" "$in_bytes") | | | | | | |")
    else
        rows+=("| $(human "$size") | GNU diff | FAILED (exit $RC) | | | | | | | | | |")
    fi

    echo "run.sh: uconv -x nfkc ..." >&2
    timed uconv /dev/null "0" -- sh -c 'uconv -x nfkc "$1" && uconv -x nfkc "$2"' sh "$A" "$B"
    nfkc_t=$T_SEC
    if [ "$RC" -eq 0 ]; then
        rows+=("| $(human "$size") | uconv -x nfkc (floor) | $T_SEC | $CPU_SEC | $(mb "$RSS_KB") | $(ratio "$((RSS_KB * 1024))" "$in_bytes") | | | | | | |")
    else
        rows+=("| $(human "$size") | uconv -x nfkc (floor) | FAILED (exit $RC) | | | | | | | | | |")
    fi

    last_size=$size
    last_ratio_floor=$(awk -v a="$sc_t" -v b="$nfkc_t" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
    if [ "$sc_rc" -le 1 ] && [ "$git_rc" -le 1 ]; then
        last_ratio_time=$(awk -v a="$sc_t" -v b="$git_t" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }')
    else
        last_ratio_time="n/a"
    fi
    if [ "$sc_rc" -le 1 ]; then
        last_ratio_mem=$(ratio "$((sc_rss * 1024))" "$in_bytes")
    else
        last_ratio_mem="n/a"
    fi
done

echo
echo "scodiff benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc 2>/dev/null || echo '?') CPUs, seed $seed, best of $runs run(s)${ver:+, $ver}"
echo
echo "| size (A) | tool | time (s) | CPU (s) | peak RSS (MB) | RSS / input size (×) | align recall | align precision | edit recall | slip recall | spurious /10k chars | contract violations |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' ${rows[@]+"${rows[@]}"}
echo
echo "time = wall clock, CPU = user + sys of the same run; input size = bytes of A + B; size (A) = requested bytes of text A."
echo
echo "Largest size ($(human "$last_size")):"
echo "- scodiff time / git time = $last_ratio_time (target ≤ 0.25)"
echo "- scodiff time / NFKC floor (uconv -x nfkc of A and B) = $last_ratio_floor (target ≤ 1.5)"
case "$last_ratio_mem" in n/a) ;; *) last_ratio_mem="$last_ratio_mem×" ;; esac
echo "- peak memory / input size = $last_ratio_mem (target ≤ 20×)"
if [ -n "${notes[*]+x}" ] && [ ${#notes[@]} -gt 0 ]; then
    echo
    echo "Contract violations / problems reported by score.py:"
    for n in "${notes[@]}"; do echo "- $n"; done
fi
exit "$failed"
