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

if [ -c /dev/full ] && [ -w /dev/full ]; then
	run 2 "$A" "$B" --html /dev/full
	expect_in "$W/err" "^scodiff: '/dev/full': write error: No space left on device$"
	# a failed write never removes what it was writing to
	[ -c /dev/full ] && ok || fail "/dev/full is still a device after a failed write"
fi

# a failed write leaves the file that was there, and no temporary file
echo "the old report" >"$W/keep.html"
chmod 0640 "$W/keep.html"
run 1 "$A" "$B" --html "$W/keep.html"
expect_in "$W/keep.html" '</html>'
expect_eq "mode of a rewritten report" "$(stat -c %a "$W/keep.html")" 640
expect_eq "temporary files left" "$(ls "$W" | grep -c 'keep.html.tmp\|scodiff-')" 0

run 1 scan --html "$W/s.html" "$CORPORA"
expect_eq "stdout of scan with --html" "$(wc -c < "$W/out")" 0
expect_in "$W/s.html" '"page":"scan"'
run 2 scan "$CORPORA" --html "$W/no/s.html"
expect_in "$W/err" "cannot write"
finish
