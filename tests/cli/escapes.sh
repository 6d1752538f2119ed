# No raw control character from a file's name or text reaches a terminal
# (issue "Reliability and security"): names with ESC, BEL, a newline, a
# C1 control (U+009B, the CSI, and the lone byte 0x9b) or a right-to-left
# override, and texts holding them, through every command's terminal
# report, JSON, errors, the store's commit messages and log.  Names are
# quoted as git quotes paths; a patch's quoted names read back in git apply.
. "$TESTS/lib.sh"
C=$CORPORA
cd "$W" || exit 1

# raw W OUT... : no control character but newline in the files (a stray
# byte that is not UTF-8 counts as raw too)
raw() {
	local what=$1; shift
	if python3 - "$@" <<'PY'; then ok; else fail "$what: raw control characters: $(head -c 300 "$1" | od -c | head -5)"; fi
import sys, re
bad = re.compile('[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\udc80-\udcff]')
for p in sys.argv[1:]:
    t = open(p, 'rb').read().decode('utf-8', 'surrogateescape')
    m = bad.search(t)
    if m:
        print(p, repr(m.group()), file=sys.stderr)
        sys.exit(1)
PY
}
# run_clean W STATUS ARGS... : run, then check stdout and stderr
run_clean() {
	local what=$1; shift
	run "$@"
	raw "$what" "$W/out" "$W/err"
}

evil=$'e\e[31mvil\a\nname\xc2\x9b\x9b\u202etxt.txt'
csi=$'\xc2\x9b'
# the declaration with control characters planted in its text
python3 - "$C/tianjin-declaration-2025.txt" "$evil" <<'PY'
import sys
t = open(sys.argv[1], encoding='utf-8').read()
i = t.index('。', 2000)
t = t[:i] + '\x1b]0;pwned\x07\x1b[2J\u009b6n\u202e' + t[i:]
open(sys.argv[2].encode('utf-8', 'surrogateescape'), 'w', encoding='utf-8').write(t)
PY
cp "$C/tianjin-declaration-2025.txt" plain.txt

run_clean "diff" 1 diff plain.txt "$evil"
expect_in "$W/out" '^\+\+\+ "e\\033\[31mvil\\a\\nname\\302\\233\\233\\342\\200\\256txt\.txt"'
# the planted text shows as escapes, not dropped: the difference is visible
# (the override U+202E is format, not text: a layout difference)
expect_in "$W/out" '\\x1b\]0;pwned\\x07\\x1b\[2J\\u009b6n'
run_clean "diff --show=all" 1 diff --show=all "$evil" plain.txt
run_clean "diff --json" 1 diff --json plain.txt "$evil"
jqv '.b.path' >"$W/path" && ok
expect_in "$W/out" '\\u001b\[2J\\u009b6n'
run_clean "check" 0 check "$evil"
run_clean "collate" 1 collate plain.txt "$evil"
run_clean "scan" 1 scan plain.txt "$evil"
run_clean "scan --json" 1 scan --json plain.txt "$evil"
run_clean "clean --report" 1 clean --report "$evil"
run_clean "clean -o" 1 clean -o "$W/cleaned.txt" "$evil"

# errors: one line, the name escaped
run_clean "error" 2 diff $'no\nsuch\e[2J' plain.txt
expect_eq "error lines" "$(wc -l <"$W/err")" 1
expect_in "$W/err" 'no\\x0asuch\\x1b\[2J'
run_clean "error (C1)" 2 diff "no$csi" plain.txt
expect_in "$W/err" 'no\\u009b'

# a patch names the file as git does, and git apply reads it back
mkdir -p p && printf '上 海 合 作 组 织\n' >$'p/a\tb "c".txt'
(cd p && "$SCODIFF" clean --patch $'a\tb "c".txt' >../patch 2>../err)
expect_in patch '^--- "a/a\\tb \\"c\\"\.txt"$'
if (cd p && git apply --unsafe-paths ../patch) 2>"$W/apply"; then ok; else
	fail "git apply of a quoted name: $(cat "$W/apply")"; fi
expect_eq "patched" "$(cat $'p/a\tb "c".txt')" "上海合作组织"

# the store: messages, log, show, trace, verify
ST="$W/store"
run_clean "store init" 0 store init "$ST"
run_clean "store add" 0 store add --store="$ST" "$evil" plain.txt
run_clean "store log" 0 store log --store="$ST"
run_clean "store log -v" 0 store log -v --store="$ST"
# the commit message itself: one witness line per file, name quoted
git -C "$ST" log -1 --format=%B >"$W/msg"
raw "commit message" "$W/msg"
expect_eq "witness lines" "$(grep -Ec '^  \+ [0-9a-f]{12} ' "$W/msg")" 2
run_clean "store show" 0 store show --store="$ST" 1
run_clean "store trace" 0 store trace --store="$ST" "$evil"
run_clean "store trace --json" 0 store trace --json --store="$ST" "$evil"
run_clean "store verify" 0 store verify --store="$ST"
# a commit with control characters in its message, made by another
# writer of the repository: store log shows it escaped
c=$(git -C "$ST" -c user.name=x -c user.email=x@x commit-tree -p main \
	-m $'evil\e]0;x\a title' 'main^{tree}') && git -C "$ST" update-ref refs/heads/main "$c" && ok
run_clean "store log (foreign commit)" 0 store log --store="$ST"
expect_in "$W/out" 'evil\\x1b\]0;x\\x07 title'
finish
