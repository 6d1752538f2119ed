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
finish
