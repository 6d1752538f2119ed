#!/usr/bin/env bash
# Real OCR confusions: render corpus paragraphs, OCR them with tesseract,
# and see how scodiff classifies the engine's character confusions.
#
#   bench/ocr/tesseract.sh [--scodiff PATH] [--workdir DIR] [--keep] [--json]
#                          [--chars N] [--dpis "100 150 300"] [--size PT]
#                          [--seed N] [--jobs N] [--no-install]
#
# 1. installs what is missing (apt-get: tesseract-ocr tesseract-ocr-chi-sim
#    pango1.0-tools fonts-noto-cjk); without apt-get (or --no-install) and
#    with something missing it prints why it skips and exits 0;
# 2. picks about --chars (default 10000) characters of corpus paragraphs
#    (fixed --seed, bench/ocr/tess.py prepare);
# 3. renders each paragraph with pango-view in Noto Serif CJK SC and Noto
#    Sans CJK SC at --size (default 10) pt, wrap width 360 pt, at each of
#    --dpis (the "scan resolution": 10 pt at 72 dpi is 10 px a character);
# 4. OCRs each font x dpi set of images in one tesseract run
#    (`-l chi_sim --psm 6`, one thread; --jobs runs in parallel, default
#    the number of CPUs);
# 5. scores with `tess.py score`: scodiff --json --show=all on the clean text
#    and the OCR text; prints a markdown table (or JSON with --json), one row
#    per dpi and the total.  The confusions (clean -> OCR, scodiff's kind,
#    reason, suggest) are kept in WORKDIR/confusions.tsv.
# Work files: --workdir DIR (kept), else a temporary directory under $TMPDIR
# (or build/ocr-bench) removed at exit unless --keep.  About 1-2 minutes
# on 2 cores with the defaults.  Exit status 0 (also when skipped), 2 on
# trouble.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../lib.sh"
fonts=("Noto Serif CJK SC" "Noto Sans CJK SC")
json=0
install=1
bench_options --scodiff=scodiff --workdir=workdir --chars=chars=10000 \
    --dpis=dpis="100 150 300" --size=size=10 --seed=seed \
    --jobs=jobs="$(nproc 2>/dev/null || echo 2)" --keep:keep=1 --json:json=1 \
    --no-install:install=0 -- "$@"
for v in "$chars" "$size" "$seed" "$jobs"; do
    [[ "$v" =~ ^[0-9]+$ ]] || bench_die "not a number: $v"
done
for d in $dpis; do [[ "$d" =~ ^[0-9]+$ ]] || bench_die "not a dpi: $d"; done
[ "$jobs" -ge 1 ] || jobs=1

scodiff=$(bench_abs "$scodiff")
{ [ -x "$scodiff" ] && [ -f "$scodiff" ]; } || bench_die "scodiff binary not found: $scodiff (build it, or pass --scodiff PATH)"
command -v python3 >/dev/null 2>&1 || bench_die "python3 not found"

skip() {
    local why="$*"
    echo "tesseract.sh: skipped: $why" >&2
    if [ "$json" = 1 ]; then
        python3 -c 'import json,sys; print(json.dumps({"skipped": sys.argv[1]}))' "$why"
    else
        echo "| tesseract | skipped: $why |"
        echo "|---|---|"
    fi
    exit 0
}

missing() {
    local m=()
    command -v tesseract >/dev/null 2>&1 || m+=(tesseract-ocr)
    if command -v tesseract >/dev/null 2>&1; then
        tesseract --list-langs 2>/dev/null | grep -qx chi_sim || m+=(tesseract-ocr-chi-sim)
    else
        m+=(tesseract-ocr-chi-sim)
    fi
    command -v pango-view >/dev/null 2>&1 || m+=(pango1.0-tools)
    local f
    for f in "${fonts[@]}"; do
        if ! command -v fc-list >/dev/null 2>&1 || ! fc-list : family | grep -qF "$f"; then
            m+=(fonts-noto-cjk)
            break
        fi
    done
    echo "${m[*]:-}"
}

pkgs=$(missing)
if [ -n "$pkgs" ]; then
    [ "$install" = 1 ] || skip "missing $pkgs (--no-install)"
    command -v apt-get >/dev/null 2>&1 || skip "missing $pkgs and apt-get is not available"
    sudo=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
        else skip "missing $pkgs; not root and no password-less sudo"; fi
    fi
    echo "tesseract.sh: installing $pkgs" >&2
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq </dev/null >&2 || skip "apt-get update failed"
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim \
        pango1.0-tools fonts-noto-cjk </dev/null >&2 || skip "apt-get install failed"
    pkgs=$(missing)
    [ -z "$pkgs" ] || skip "still missing after apt-get: $pkgs"
fi

bench_workdir "$workdir" "$root/build/ocr-bench" tesseract
workdir=$work
export PYTHONDONTWRITEBYTECODE=1

python3 "$here/tess.py" prepare --out "$workdir" --chars "$chars" --seed "$seed"
mkdir -p "$workdir/ocr" "$workdir/img"

# one config: render every paragraph, OCR the list in one tesseract run
one_config() {
    local font=$1 dpi=$2 tag=$3
    local dir="$workdir/img/$tag" f png
    mkdir -p "$dir"
    : > "$dir/list.txt"
    for f in "$workdir"/para/*.txt; do
        png="$dir/$(basename "$f" .txt).png"
        pango-view -q --font="$font $size" --dpi="$dpi" --width=360 --wrap=char \
            --margin=12 -o "$png" "$f" </dev/null
        echo "$png" >> "$dir/list.txt"
    done
    OMP_THREAD_LIMIT=1 tesseract "$dir/list.txt" "$workdir/ocr/$tag" -l chi_sim --psm 6 \
        </dev/null >"$dir/tesseract.log" 2>&1 || { echo "tesseract failed for $tag:" >&2; tail -5 "$dir/tesseract.log" >&2; return 1; }
}

t0=$(date +%s)
tags=()
for dpi in $dpis; do
    for font in "${fonts[@]}"; do
        case "$font" in *Serif*) short=serif ;; *Sans*) short=sans ;; *) short=${font// /_} ;; esac
        tags+=("$short-$dpi")
        { one_config "$font" "$dpi" "$short-$dpi" && touch "$workdir/img/$short-$dpi.ok"; } &
        while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
    done
done
wait
for tag in "${tags[@]}"; do
    [ -f "$workdir/img/$tag.ok" ] || bench_die "OCR failed for $tag (work files in $workdir)"
done
echo "tesseract.sh: OCR done in $(( $(date +%s) - t0 )) s ($jobs jobs)" >&2

if [ "$json" = 1 ]; then
    python3 "$here/tess.py" score "$workdir" --scodiff "$scodiff" --json
else
    python3 "$here/tess.py" score "$workdir" --scodiff "$scodiff"
    [ "$keep" = 1 ] && echo "confusions: $workdir/confusions.tsv" >&2
fi
exit 0
