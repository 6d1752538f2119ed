#!/usr/bin/env bash
# Benchmark `scodiff scan` on a generated collection with known repeated
# statements, beside two peers run on the same collection.
#
#   bench/scan/run.sh [--scodiff PATH] [--files N] [--size BYTES] [--seed N]
#                     [--workdir DIR] [--keep] [--no-peers] [--no-install]
#                     [--dolos-files N] [--peer-timeout SEC]
#                     [--simhash-threshold T] [--dolos-prefix DIR]
#
#   --scodiff PATH        scodiff binary (default build/scodiff)
#   --files N --size B    collection: N files, about B bytes (default 1000, 100000000)
#   --seed N              generator seed (default 1)
#   --workdir DIR         work there and keep the files (default: a temporary
#                         directory under $TMPDIR or build/, removed at exit
#                         unless --keep)
#   --no-peers            run scodiff only
#   --no-install          do not apt-get / npm install what is missing
#   --dolos-files N       Dolos runs on a random sample of N files (default 100;
#                         0 = all files); it is scored on the pairs inside the sample
#   --peer-timeout SEC    time limit of each peer run (default 300)
#   --simhash-threshold T simhash pairs are file pairs with similarity >= T (default 0.5)
#   --dolos-prefix DIR    npm prefix holding @dodona/dolos-lib (default
#                         ${XDG_CACHE_HOME:-~/.cache}/scodiff-bench/dolos; installed there if missing)
#
# Steps: gen_collection.py writes WORK/coll/docs/** and WORK/coll/truth.json;
# `scodiff scan --json docs` runs in WORK/coll, timed (wall clock) with its
# peak RSS (GNU time %M), and its report is scored by score.py; then
# `simhash -m` (Debian package simhash) over all files, and Dolos (char mode,
# through dolos_pairs.mjs) over a sample; their file pairs are scored by
# score.py --pairs.  Prints one markdown table and whether the targets
# (100 MB in 1,000 files in <= 20 s, peak RSS <= 2 GB, pair recall and
# precision >= 0.95) are met.  Needs no terminal and no stdin.
# Exit status: 0 when everything that is available ran, 2 on usage errors or
# trouble (generator or scorer failed, scodiff scan exit status 2 or
# crash).  A peer that is missing, cannot be installed, fails or times out is
# noted in the table and is not trouble.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib.sh"
peers=1
install=1
bench_options --scodiff=scodiff --files=files=1000 --size=size=100000000 \
    --seed=seed --workdir=workdir --keep:keep=1 --no-peers:peers=0 \
    --no-install:install=0 --dolos-files=dolos_files=100 \
    --peer-timeout=peer_timeout=300 --simhash-threshold=sim_threshold=0.5 \
    --dolos-prefix=dolos_prefix="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/scodiff-bench/dolos" \
    -- "$@"

isnum() { case "$1" in ''|*[!0-9]*) return 1 ;; esac; }
isnum "$files" && [ "$files" -ge 1 ] || bench_die "--files must be a positive integer"
isnum "$size" && [ "$size" -ge 1000 ] || bench_die "--size must be a number of bytes >= 1000"
isnum "$seed" || bench_die "--seed must be a non-negative integer"
isnum "$dolos_files" || bench_die "--dolos-files must be a non-negative integer"
isnum "$peer_timeout" && [ "$peer_timeout" -ge 1 ] || bench_die "--peer-timeout must be a positive integer"
awk -v t="$sim_threshold" 'BEGIN { exit !(t ~ /^[0-9]*\.?[0-9]+$/ && t <= 1) }' \
    || bench_die "--simhash-threshold must be a number in [0, 1]"
command -v python3 >/dev/null 2>&1 || bench_die "python3 not found"
scodiff=$(bench_abs "$scodiff")

exec </dev/null
export LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive CI=true
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

bench_workdir "$workdir" "$root/build" scodiff-scan-bench say
coll="$work/coll"
[ ! -e "$coll" ] || bench_die "$coll exists (use a fresh --workdir)"

log() { echo "run.sh: $*" >&2; }
as_root() { [ "$(id -u)" = 0 ]; }
apt_install() {   # apt_install PKG...: only as root, only when allowed
    [ "$install" = 1 ] && as_root && command -v apt-get >/dev/null 2>&1 || return 1
    log "apt-get install -y $*"
    apt-get install -y -q "$@" >"$work/apt.log" 2>&1 && return 0
    apt-get update -q >>"$work/apt.log" 2>&1 && apt-get install -y -q "$@" >>"$work/apt.log" 2>&1
}

TIME=/usr/bin/time
if ! { [ -x "$TIME" ] && "$TIME" -f '%M' -o /dev/null true 2>/dev/null; }; then
    apt_install time || true
fi
have_time=0
[ -x "$TIME" ] && "$TIME" -f '%M' -o /dev/null true 2>/dev/null && have_time=1
[ "$have_time" = 1 ] || log "GNU time not available: no peak RSS"

now_ns() { date +%s%N; }
# timed OUT ERR CMD...: runs CMD (stdout to OUT, stderr to ERR); sets RC, T_SEC, RSS_MB
timed() {
    local out=$1 err=$2 t0 t1 m
    shift 2
    t0=$(now_ns)
    if [ "$have_time" = 1 ]; then
        "$TIME" -f '%M' -o "$work/time.txt" "$@" >"$out" 2>"$err"
        RC=$?
    else
        "$@" >"$out" 2>"$err"
        RC=$?
    fi
    t1=$(now_ns)
    T_SEC=$(awk -v ns="$((t1 - t0))" 'BEGIN { printf "%.2f", ns / 1e9 }')
    RSS_MB="–"
    if [ "$have_time" = 1 ]; then
        m=$(tail -n 1 "$work/time.txt" 2>/dev/null)
        isnum "$m" && RSS_MB=$(awk -v kb="$m" 'BEGIN { printf "%.0f", kb / 1024 }')
    fi
}
# jget FILE KEY [DIGITS]: a number from a JSON object, "–" for null
jget() {
    python3 - "$@" <<'EOF'
import json, sys
v = json.load(open(sys.argv[1])).get(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 4
print('–' if v is None else (f'{v:.{n}f}' if isinstance(v, float) else v))
EOF
}

trouble=0
rows=()
notes=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $9 |"); }

# ---------------------------------------------------------------- collection
log "generating $files files, $size bytes (seed $seed) in $coll ..."
t0=$(now_ns)
if ! python3 "$here/gen_collection.py" --out "$coll" --files "$files" --size "$size" --seed "$seed" \
        2> >(tee "$work/gen.log" | grep -v '/[0-9]* files, ' >&2); then
    bench_die "gen_collection.py failed"
fi
t1=$(now_ns)
gen_t=$(awk -v ns="$((t1 - t0))" 'BEGIN { printf "%.1f", ns / 1e9 }')
truth="$coll/truth.json"
read -r coll_bytes n_st n_rend n_true n_tfp n_bp < <(python3 - "$truth" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))['totals']
print(t['bytes'], t['statements'], t['renderings'], t['true_pairs'], t['true_file_pairs'], t['boilerplate_renderings'])
EOF
) || bench_die "cannot read $truth"
mbytes=$(awk -v b="$coll_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
(cd "$coll/docs" && find . -type f | LC_ALL=C sort) > "$work/all-files.txt"

# ---------------------------------------------------------------- scodiff
sc_t=""; sc_rss=""; sc_rec=""; sc_prec=""
sc_ver=""
if [ ! -x "$scodiff" ]; then
    row "scodiff scan" "all" "–" "–" "not available: no executable $scodiff" "–" "–" "–" "–"
elif ! "$scodiff" scan --help >/dev/null 2>&1; then
    row "scodiff scan" "all" "–" "–" "not available (\`scodiff scan --help\` fails)" "–" "–" "–" "–"
else
    sc_ver=$("$scodiff" --version 2>/dev/null | head -n 1)
    log "scodiff scan --json docs ..."
    (cd "$coll" && timed "$work/scan.json" "$work/scan.err" "$scodiff" scan --json docs
     echo "$RC $T_SEC $RSS_MB" > "$work/scan.rc")
    read -r sc_rc sc_t sc_rss < "$work/scan.rc"
    if [ "$sc_rc" != 0 ] && [ "$sc_rc" != 1 ]; then
        row "scodiff scan" "all" "$sc_t" "$sc_rss" "FAILED: exit status $sc_rc" "–" "–" "–" "–"
        notes+=("scodiff scan stderr: $(head -c 300 "$work/scan.err" | tr '\n' ' ')")
        trouble=1
    elif ! python3 "$here/score.py" "$truth" "$work/scan.json" --json > "$work/score-scan.json" 2> "$work/score.err"; then
        row "scodiff scan" "all" "$sc_t" "$sc_rss" "report not scored" "–" "–" "–" "–"
        notes+=("score.py failed: $(head -c 300 "$work/score.err" | tr '\n' ' ')")
        trouble=1
    else
        S="$work/score-scan.json"
        sc_rec=$(jget "$S" pair_recall); sc_prec=$(jget "$S" pair_precision)
        row "scodiff scan" "all" "$sc_t" "$sc_rss" \
            "$(jget "$S" clusters) clusters ($(jget "$S" members) members), $(jget "$S" boilerplate_groups) boilerplate groups ($(jget "$S" boilerplate_members) members); $(jget "$S" reported_file_pairs) file pairs" \
            "$sc_rec" "$sc_prec" "$(jget "$S" file_pair_recall)" "$(jget "$S" file_pair_precision)"
        notes+=("scodiff: boilerplate recall $(jget "$S" boilerplate_recall) (in the main list instead: $(jget "$S" boilerplate_in_main)), boilerplate precision $(jget "$S" boilerplate_precision), byte precision $(jget "$S" byte_precision), $(jget "$S" unlabelled_members) members outside any planted statement, $(jget "$S" documents)/$files documents listed, $(jget "$S" contract_violations) contract violations")
        viol=$(python3 - "$S" <<'EOF'
import json, sys
v = json.load(open(sys.argv[1]))['violations']
print('; '.join('%d × %s (e.g. %s)' % (d['count'], k, d['examples'][0] if d['examples'] else '') for k, d in v.items()))
EOF
)
        [ -z "$viol" ] || notes+=("scodiff contract violations: $viol")
        nclu=$(jget "$S" clusters)
        if { [ "$nclu" -gt 0 ] && [ "$sc_rc" != 1 ]; } || { [ "$nclu" = 0 ] && [ "$sc_rc" != 0 ]; }; then
            notes+=("scodiff scan exit status $sc_rc does not match $nclu clusters (contract: 1 when clusters are found, 0 otherwise)")
        fi
    fi
fi

# ---------------------------------------------------------------- simhash
if [ "$peers" = 1 ]; then
    command -v simhash >/dev/null 2>&1 || apt_install simhash || true
    if ! command -v simhash >/dev/null 2>&1; then
        row "simhash (Debian)" "all" "–" "–" "not available (package simhash not installed$([ "$install" = 1 ] || echo ', --no-install'))" "–" "–" "–" "–"
    else
        simver=$(dpkg-query -W -f '${Version}' simhash 2>/dev/null || echo '?')
        log "simhash -m (all $files files) ..."
        mapfile -t F < "$work/all-files.txt"
        (cd "$coll/docs" && timed "$work/simhash.txt" "$work/simhash.err" timeout "$peer_timeout" simhash -m "${F[@]}"
         echo "$RC $T_SEC $RSS_MB" > "$work/simhash.rc")
        read -r s_rc s_t s_rss < "$work/simhash.rc"
        if [ "$s_rc" != 0 ]; then
            why="exit status $s_rc"; [ "$s_rc" = 124 ] && why="timed out after $peer_timeout s"
            row "simhash $simver (whole files, \`-m\`)" "all" "$s_t" "$s_rss" "FAILED: $why" "–" "–" "–" "–"
        elif ! python3 "$here/simhash_pairs.py" "$work/simhash.txt" --threshold 0 > "$work/simhash-pairs.tsv" 2> "$work/simhash-pairs.err" \
             || ! python3 "$here/score.py" "$truth" --pairs "$work/simhash-pairs.tsv" --score-col 3 \
                  --min-score "$sim_threshold" --best --json > "$work/score-simhash.json" 2>> "$work/simhash-pairs.err"; then
            row "simhash $simver" "all" "$s_t" "$s_rss" "output not understood: $(head -c 200 "$work/simhash-pairs.err" | tr '\n' ' ')" "–" "–" "–" "–"
        else
            S="$work/score-simhash.json"
            row "simhash $simver (whole files, \`-m\`, similarity ≥ $sim_threshold)" "all" "$s_t" "$s_rss" \
                "$(jget "$S" reported_file_pairs) file pairs" "–" "–" "$(jget "$S" file_pair_recall)" "$(jget "$S" file_pair_precision)"
            notes+=("simhash: with the threshold tuned on the truth (best F1 = $(jget "$S" best_f1 3)) at similarity ≥ $(jget "$S" best_threshold 2): file-pair recall $(jget "$S" best_recall 3), precision $(jget "$S" best_precision 3)")
        fi
    fi
fi

# ---------------------------------------------------------------- Dolos
if [ "$peers" = 1 ]; then
    dolos_row() { row "Dolos (char mode)" "$1" "$2" "$3" "$4" "–" "–" "${5:-–}" "${6:-–}"; }
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        apt_install nodejs npm || true
    fi
    nodever=$(node --version 2>/dev/null || true)
    nodemaj=${nodever#v}; nodemaj=${nodemaj%%.*}
    lib="$dolos_prefix/node_modules/@dodona/dolos-lib"
    if [ -z "$nodever" ] || ! command -v npm >/dev/null 2>&1; then
        dolos_row "–" "–" "–" "not available: node/npm missing$([ "$install" = 1 ] || echo ' (--no-install)')"
    elif ! isnum "$nodemaj" || [ "$nodemaj" -lt 18 ]; then
        dolos_row "–" "–" "–" "not available: node $nodever, Dolos needs >= 18"
    else
        if [ ! -f "$lib/dist/index.js" ] && [ "$install" = 1 ]; then
            log "npm install @dodona/dolos-lib into $dolos_prefix (once; --ignore-scripts: char mode needs no parser) ..."
            mkdir -p "$dolos_prefix"
            timeout 900 npm install --prefix "$dolos_prefix" --no-save --ignore-scripts --loglevel=error \
                '@dodona/dolos-lib@^3' > "$work/npm.log" 2>&1 || true
        fi
        if [ ! -f "$lib/dist/index.js" ]; then
            if [ "$install" = 1 ]; then
                dolos_row "–" "–" "–" "not available: npm install @dodona/dolos-lib failed: $(grep -m1 -i 'err' "$work/npm.log" 2>/dev/null | head -c 150)"
            else
                dolos_row "–" "–" "–" "not available: no @dodona/dolos-lib in $dolos_prefix (--no-install)"
            fi
        else
            dver=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$lib/package.json" 2>/dev/null || echo '?')
            # the CLI package: is it on the registry? (only noted)
            cli=$(timeout 20 npm view @dodona/dolos version 2>/dev/null | tail -n 1)
            if [ "$dolos_files" -gt 0 ] && [ "$dolos_files" -lt "$files" ]; then
                python3 - "$work/all-files.txt" "$dolos_files" "$seed" > "$work/dolos-files.txt" <<'EOF'
import random, sys
fs = [l.rstrip('\n') for l in open(sys.argv[1]) if l.strip()]
print('\n'.join(sorted(random.Random(int(sys.argv[3])).sample(fs, int(sys.argv[2])))))
EOF
                sample="random $dolos_files of $files files"
            else
                cp "$work/all-files.txt" "$work/dolos-files.txt"
                sample="all"
            fi
            sbytes=$(cd "$coll/docs" && tr '\n' '\0' < "$work/dolos-files.txt" | xargs -0 cat | wc -c)
            sample="$sample ($(awk -v b="$sbytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB)"
            log "Dolos $dver on $sample ..."
            (cd "$coll/docs" && export DOLOS_LIB="$lib" && timed "$work/dolos-pairs.tsv" "$work/dolos.err" \
                 timeout "$peer_timeout" node "$here/dolos_pairs.mjs" "$work/dolos-files.txt" 0.2
             echo "$RC $T_SEC $RSS_MB" > "$work/dolos.rc")
            read -r d_rc d_t d_rss < "$work/dolos.rc"
            if [ "$d_rc" != 0 ]; then
                why="exit status $d_rc: $({ grep -m1 -E 'FATAL ERROR|Error' "$work/dolos.err" || head -n 3 "$work/dolos.err"; } | head -c 200 | tr '\n' ' ')"
                [ "$d_rc" = 124 ] && why="timed out after $peer_timeout s"
                dolos_row "$sample" "$d_t" "$d_rss" "FAILED: $why"
            elif ! python3 "$here/score.py" "$truth" --pairs "$work/dolos-pairs.tsv" --subset "$work/dolos-files.txt" \
                      --score-col 4 --best --json > "$work/score-dolos.json" 2> "$work/score-dolos.err"; then
                dolos_row "$sample" "$d_t" "$d_rss" "output not understood: $(head -c 200 "$work/score-dolos.err")"
            else
                S="$work/score-dolos.json"
                dolos_row "$sample" "$d_t" "$d_rss" "$(jget "$S" reported_file_pairs) file pairs (of $(jget "$S" true_file_pairs) true in the sample)" \
                    "$(jget "$S" file_pair_recall)" "$(jget "$S" file_pair_precision)"
                notes+=("Dolos: @dodona/dolos-lib $dver (the engine of the \`dolos\` CLI; the CLI package @dodona/dolos is $([ -n "$cli" ] && echo "on the registry ($cli) but not needed" || echo "not on the npm registry from here")), node $nodever, run by dolos_pairs.mjs: char mode, k-gram 23, window 17 (CLI defaults), fingerprints in > 20 % of the files ignored (boilerplate); a pair = similarity > 0. Tuned on the truth (shared k-grams ≥ $(jget "$S" best_threshold 0)): recall $(jget "$S" best_recall 3), precision $(jget "$S" best_precision 3). $(grep -o 'analyse.*' "$work/dolos.err" | head -n 1)")
            fi
        fi
    fi
fi

# ---------------------------------------------------------------- report
echo
echo "scodiff scan benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc 2>/dev/null || echo '?') CPUs, seed $seed${sc_ver:+, $sc_ver}"
echo
echo "Collection: $files files, $mbytes MB ($coll_bytes bytes), $n_st statements in $n_rend renderings, $n_true true rendering pairs, $n_tfp true file pairs, $n_bp boilerplate renderings; generated in $gen_t s."
echo
echo "| tool | files | time (s) | peak RSS (MB) | found | pair recall | pair precision | file-pair recall | file-pair precision |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "pair = two renderings of one statement (score.py); file pair = two files sharing a statement, the only granularity of whole-file tools; – = not computable."
echo
if [ -n "$sc_t" ] && [ -n "$sc_rec" ]; then
    verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "NOT met"; fi; }
    t_ok=$(awk -v t="$sc_t" 'BEGIN { print (t <= 20) ? 1 : 0 }')
    m_ok=0; isnum "$sc_rss" && m_ok=$(awk -v m="$sc_rss" 'BEGIN { print (m <= 2048) ? 1 : 0 }')
    r_ok=$(awk -v x="$sc_rec" 'BEGIN { print (x != "–" && x >= 0.95) ? 1 : 0 }')
    p_ok=$(awk -v x="$sc_prec" 'BEGIN { print (x != "–" && x >= 0.95) ? 1 : 0 }')
    scale=""
    if [ "$files" != 1000 ] || [ "$size" != 100000000 ]; then
        scale=" (the time and memory targets are for 100 MB in 1,000 files; this run: $mbytes MB in $files files)"
    fi
    echo "Targets$scale: time ≤ 20 s: $(verdict "$t_ok") ($sc_t s); peak RSS ≤ 2 GB: $(verdict "$m_ok") ($sc_rss MB); pair recall ≥ 0.95: $(verdict "$r_ok") ($sc_rec); pair precision ≥ 0.95: $(verdict "$p_ok") ($sc_prec)."
else
    echo "Targets (≤ 20 s, ≤ 2 GB, pair recall and precision ≥ 0.95): not evaluated — scodiff scan did not produce a scored report."
fi
if [ ${#notes[@]} -gt 0 ]; then
    echo
    for n in "${notes[@]}"; do echo "- $n"; done
fi
[ "$trouble" = 0 ] || exit 2
exit 0
