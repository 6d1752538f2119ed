#!/usr/bin/env bash
# --html=FILE on diff and scan: the page is written (and replaces the
# terminal report), options may follow the files, errors writing it are
# one line and exit 2 with no half page left behind.
. "$(dirname "$0")/lib.sh"
A="$CORPORA/tianjin-declaration-2025.txt"
B="$CORPORA/council-meeting-2025.txt"

run 1 "$A" "$B" --html "$W/r.html"
expect_eq "stdout with --html" "$(wc -c < "$W/out")" 0
expect_in "$W/r.html" '^<!DOCTYPE html>'
expect_in "$W/r.html" '"page":"diff"'
expect_eq "scripts in the page" "$(grep -o '<script' "$W/r.html" | wc -l)" 3

run 1 --json "$A" "$B"
cp "$W/out" "$W/plain.json"
run 1 --json --html="$W/r2.html" "$A" "$B"
cmp -s "$W/out" "$W/plain.json" && ok || fail "--json writes the same report with --html"
cmp -s "$W/r.html" "$W/r2.html" && ok || fail "the same page whatever the option order"

run 1 "$A" "$B" --html=-
expect_in "$W/out" '</html>'

run 2 "$A" "$B" --html "$W/no/such/dir/r.html"
expect_eq "error lines" "$(wc -l < "$W/err")" 1
expect_in "$W/err" "^scodiff: '.*/no/such/dir/r.html': cannot write: No such file or directory$"

run 2 --json --html=- "$A" "$B"
expect_in "$W/err" 'both write to standard output'

if [ -w /dev/full ]; then
	run 2 "$A" "$B" --html /dev/full
	expect_in "$W/err" "^scodiff: '/dev/full': write error: No space left on device$"
fi

run 1 scan --html "$W/s.html" "$CORPORA"
expect_eq "stdout of scan with --html" "$(wc -c < "$W/out")" 0
expect_in "$W/s.html" '"page":"scan"'
run 2 scan "$CORPORA" --html "$W/no/s.html"
expect_in "$W/err" "cannot write"
finish
