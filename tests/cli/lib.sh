# Shared helpers for the CLI tests.  Each test is a bash script run by
# ctest with SCODIFF (the binary), CORPORA, TESTS and WORK set.
set -u
export LC_ALL=C.UTF-8
: "${SCODIFF:?}" "${CORPORA:?}" "${WORK:?}"
T=$(basename "$0" .sh)
W="$WORK/$T"
rm -rf "$W" && mkdir -p "$W"
failures=0
checks=0

fail() { echo "FAIL [$T]: $*" >&2; failures=$((failures + 1)); }
ok() { checks=$((checks + 1)); }

# run EXPECTED_STATUS ARGS... : run scodiff, keep stdout/stderr in $W
run() {
	local want=$1; shift
	"$SCODIFF" "$@" >"$W/out" 2>"$W/err" </dev/null
	local got=$?
	if [ "$got" != "$want" ]; then
		fail "scodiff $* exited $got, wanted $want; stderr: $(head -c 400 "$W/err")"
	else
		ok
	fi
	return 0
}

# expect_in FILE PATTERN : grep -E PATTERN in FILE
expect_in() {
	if grep -Eq -- "$2" "$1"; then ok; else fail "'$2' not in $(basename "$1"): $(head -c 400 "$1")"; fi
}
expect_not_in() {
	if grep -Eq -- "$2" "$1"; then fail "'$2' unexpectedly in $(basename "$1")"; else ok; fi
}
# expect_eq WHAT GOT WANT
expect_eq() {
	if [ "$2" == "$3" ]; then ok; else fail "$1: got '$2', wanted '$3'"; fi
}
# jqv FILTER : evaluate jq on the last JSON output
jqv() { jq -r "$1" "$W/out"; }

finish() {
	echo "$T: $checks checks, $failures failed"
	[ "$failures" -eq 0 ]
	exit $?
}
