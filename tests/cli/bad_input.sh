# Bad input: a one-line error naming the file, exit 2, never a crash.
. "$TESTS/lib.sh"
A=$CORPORA/astana-summit-2024.txt

one_line() { expect_eq "stderr lines" "$(wc -l <"$W/err")" 1; }

run 2 "$W/missing.txt" "$A"
expect_in "$W/err" "^scodiff: '.*missing.txt': no such file$"; one_line
run 2 "$W" "$A"
expect_in "$W/err" "is a directory"; one_line

printf 'abc\0def' >"$W/nul.txt"
run 2 "$W/nul.txt" "$A"
expect_in "$W/err" "'.*nul.txt': binary file \(NUL byte at 3\)"; one_line

head -c 100 "$A" >"$W/bad.txt"; printf '\xff\xfe\xfd' >>"$W/bad.txt"; head -c 50 "$A" >>"$W/bad.txt"
run 2 "$A" "$W/bad.txt"
expect_in "$W/err" "'.*bad.txt': invalid UTF-8 at byte 100"; one_line

# a file cut in the middle of a character
head -c 101 "$A" >"$W/cut.txt"
run 2 "$W/cut.txt" "$A"
expect_in "$W/err" "invalid UTF-8 at byte 100 \(truncated"; one_line

# overlong encoding of '/' inside UTF-8 Chinese text (byte 97 starts a
# character): damaged UTF-8, not another charset
{ head -c 97 "$A"; printf '\xc0\xaf'; tail -c +98 "$A"; } >"$W/overlong.txt"
run 2 "$W/overlong.txt" "$A"
expect_in "$W/err" "'.*overlong.txt': invalid UTF-8 at byte 97$"

# UTF-16 with a lone surrogate, and with an odd number of bytes
printf '\xff\xfea\x00\x00\xd8b\x00' >"$W/surrogate.txt"
run 2 "$W/surrogate.txt" "$A"
expect_in "$W/err" "'.*surrogate.txt': invalid UTF-16"; one_line
printf '\xff\xfea\x00b' >"$W/odd.txt"
run 2 "$W/odd.txt" "$A"
expect_in "$W/err" "'.*odd.txt': invalid UTF-16LE at byte 4 \(truncated"; one_line

# random binary
head -c 4096 /dev/urandom >"$W/random.bin"
run 2 "$W/random.bin" "$A"
one_line
expect_in "$W/err" "random.bin"

# unknown forced encoding
run 2 --encoding=NOPE-42 "$A" "$A"
expect_in "$W/err" "unknown encoding 'NOPE-42'"

# unreadable file (skipped as root, who can read anything)
if [ "$(id -u)" != 0 ]; then
	cp "$A" "$W/secret.txt"; chmod 000 "$W/secret.txt"
	run 2 "$W/secret.txt" "$A"
	expect_in "$W/err" "Permission denied"
fi

# usage errors
run 2 "$A"
expect_in "$W/err" "expected two files"
run 2 "$A" "$A" "$A"
run 2 --show=nonsense "$A" "$A"
expect_in "$W/err" "unknown kind 'nonsense'"
run 2 --color=sometimes "$A" "$A"
run 2 --frobnicate "$A" "$A"
expect_in "$W/err" "unknown option '--frobnicate'"
run 2 --k=0 "$A" "$A"
run 2 - -

# empty files are normal input
: >"$W/empty1.txt"; : >"$W/empty2.txt"
run 0 "$W/empty1.txt" "$W/empty2.txt"
run 1 --json "$W/empty1.txt" "$A"
expect_eq "empty vs text: unmatched_b" "$(jqv '.unmatched_b | length')" 1
expect_eq "empty vs text: similarity" "$(jqv '.similarity')" 0
# a name with a newline, ESC and a C1 control (CSI) stays one line of
# error and cannot drive the terminal
bad=$(printf '%s/x\nscodiff: fake\033[31m\302\233.txt' "$W")
run 2 "$bad" "$A"
expect_eq "error lines for a hostile name" "$(wc -l <"$W/err")" 1
expect_in "$W/err" 'x\\x0ascodiff: fake\\x1b\[31m\\u009b\.txt'
if grep -q "$(printf '\033')" "$W/err"; then fail "ESC reached the terminal"; else ok; fi
# ---- files cut short while they are read (they were mapped: SIGBUS, exit
# 135, no message): an answer for the bytes read, or a one-line error
# naming the file, never a signal
python3 -c "import sys; open(sys.argv[1], 'w').write(('测试文本' * 20 + '\n') * 200000)" "$W/big.orig"
# race DELAY ARGS... : scodiff ARGS while big.txt is cut to 1000 bytes
# (on a character boundary) after DELAY seconds
race() {
	local d=$1 got; shift
	cp "$W/big.orig" "$W/big.txt"
	(sleep "$d"; truncate -s 1000 "$W/big.txt") &
	timeout 60 "$SCODIFF" "$@" >"$W/out" 2>"$W/err" </dev/null
	got=$?
	wait
	case $got in
	0|1) ok ;;
	2) one_line; expect_in "$W/err" "^scodiff: '.*big.txt': " ;;
	*) fail "scodiff $* with big.txt cut after ${d}s exited $got: $(head -c 200 "$W/err")" ;;
	esac
}
for d in 0.01 0.03 0.06; do
	race $d diff "$W/big.txt" "$A"
	race $d scan "$W/big.txt" "$A"
done
race 0.01 clean "$W/big.txt"
rm -f "$W/big.orig" "$W/big.txt"

# ---- endless devices and standard input are refused on their first
# bytes (they were read up to 4 GiB: 12-40 s, then "file too large")
# limited CMD... : scodiff CMD with stdin from $IN, at most 20 s
limited() {
	timeout 20 "$SCODIFF" "$@" <"$IN" >"$W/out" 2>"$W/err"
	expect_eq "scodiff $* <$IN: status" $? 2
	one_line
}
IN=/dev/null
limited diff /dev/zero "$A"
expect_in "$W/err" "^scodiff: '/dev/zero': binary file \(NUL byte at 0\)$"
# (random bytes may begin with a BOM: then they are invalid UTF-16)
limited diff /dev/urandom "$A"
expect_in "$W/err" "^scodiff: '/dev/urandom': (binary file|invalid)"
limited diff --encoding=UTF-16LE /dev/zero "$A"
expect_in "$W/err" "^scodiff: '/dev/zero': binary file \(NUL character at byte 0\)$"
limited scan /dev/zero "$A"
expect_in "$W/err" "^scodiff: '/dev/zero': binary file \(NUL byte at 0\) \(skipped\)$"
IN=/dev/zero
for cmd in diff clean check; do
	if [ $cmd = diff ]; then limited diff - "$A"; else limited $cmd -; fi
	expect_in "$W/err" "^scodiff: '-': binary file \(NUL byte at 0\)$"
done

# ---- procfs files say they are 0 bytes long (they read as empty): read
# to their end; pipes and stdin beyond one 64 KiB buffer
cat /proc/version >"$W/version.txt"
run 0 --json /proc/version "$W/version.txt"
expect_eq "/proc/version: bytes" "$(jqv .a.bytes)" "$(wc -c <"$W/version.txt")"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$A"; done >"$W/ten.txt"
"$SCODIFF" diff <(cat "$W/ten.txt") "$W/ten.txt" >"$W/out" 2>"$W/err"
expect_eq "process substitution: status" $? 0
"$SCODIFF" diff --json - "$W/ten.txt" <"$W/ten.txt" >"$W/out" 2>"$W/err"
expect_eq "stdin: status" $? 0
expect_eq "stdin: bytes" "$(jqv .a.bytes)" "$(wc -c <"$W/ten.txt")"
cat "$W/ten.txt" | "$SCODIFF" diff - "$W/ten.txt" >"$W/out" 2>"$W/err"
expect_eq "pipe: status" $? 0
finish
