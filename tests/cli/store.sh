# scodiff store: init, add (one commit, nothing twice), trace, show,
# canon, verify; concurrent adds; kill -9 during an add; hand-edited
# metadata.  Every part ends with git fsck --strict on the store.
. "$TESTS/lib.sh"
C=$CORPORA
ST="$W/store"
g() { git -C "$ST" "$@"; }
fsck() {
	if git -C "$ST" fsck --strict --no-progress >"$W/fsck" 2>&1; then ok; else
		fail "git fsck --strict ($1): $(head -c 400 "$W/fsck")"; fi
}
commits() { git -C "$ST" rev-list --count main; }

# ---- init and its errors
run 0 store init "$ST"
expect_in "$W/out" "created an empty store"
fsck init
run 2 store init "$ST"
expect_in "$W/err" "not empty"
run 2 store log --store "$W/nowhere"
expect_in "$W/err" "not a scodiff store"
mkdir -p "$W/plain" && git init -q "$W/plain"
run 2 store log --store "$W/plain"
expect_in "$W/err" "not a scodiff store"
# the default store comes from SCODIFF_STORE
SCODIFF_STORE="$ST" "$SCODIFF" store log >"$W/out" 2>"$W/err"
expect_eq "SCODIFF_STORE" "$?" 0
expect_in "$W/out" "Create an empty scodiff store"

# ---- add the corpus: one commit
run 0 store add --store "$ST" "$C"/*.txt
expect_eq "commits after add" "$(commits)" 2
expect_in "$W/out" "Add 5 witnesses"
expect_eq "witnesses in the tree" "$(g ls-tree --name-only main witnesses/ | wc -l)" 5
expect_eq "format" "$(g show main:FORMAT)" "scodiff-store 1"
decl_id=$(g hash-object "$C/tianjin-declaration-2025.txt" | cut -c1-12)
expect_in "$W/out" "\\+ $decl_id .*tianjin-declaration-2025.txt \\(22715 bytes, UTF-8\\)"
g show "main:witnesses/$decl_id/meta" >"$W/meta"
expect_in "$W/meta" "^path .*corpora/tianjin-declaration-2025.txt$"
expect_in "$W/meta" "^bytes 22715$"
expect_eq "original bytes kept" "$(g cat-file blob "main:witnesses/$decl_id/original" | cmp - "$C/tianjin-declaration-2025.txt" && echo same)" same
first=$(g rev-parse main)
fsck add

# the same bytes again: nothing recorded, and said
run 0 store add --store "$ST" "$C/tianjin-declaration-2025.txt"
expect_in "$W/out" "already recorded as witness $decl_id"
expect_in "$W/out" "nothing new"
expect_eq "no new commit" "$(commits)" 2
# a file that cannot be read fails the whole add: nothing recorded
printf 'abc\0\1\2\3binary' >"$W/binary.bin"
cp "$C/astana-summit-2024.txt" "$W/astana-copy.txt"
echo "新增一行。" >>"$W/astana-copy.txt"
run 2 store add --store "$ST" "$W/astana-copy.txt" "$W/binary.bin"
expect_in "$W/err" "binary.bin"
expect_in "$W/err" "nothing recorded"
expect_eq "failed add: no commit" "$(commits)" 2
run 2 store add --store "$ST" "$W/missing.txt"
expect_in "$W/err" "missing.txt"

# ---- trace the council text: its declaration paragraphs come from the
# declaration, in its statement, first recorded by the first add
run 0 store trace --json --store "$ST" "$C/council-meeting-2025.txt"
expect_eq "trace version" "$(jqv .version)" 1
# (headings of one character, 一 二 三, have no fingerprint to be found by)
decl_par='[.paragraphs[] | select(.lines[0] >= 319 and .lines[1] <= 629 and .span[1] - .span[0] >= 30)]'
n=$(jqv "$decl_par | length")
[ "$n" -ge 50 ] && ok || fail "declaration paragraphs of the council text: $n"
expect_eq "each declaration paragraph traced to the declaration" \
	"$(jqv "$decl_par | map(select(any(.sources[]; (.path | endswith(\"tianjin-declaration-2025.txt\")) and .similarity >= 0.9))) | length")" "$n"
expect_eq "their first commit" "$(jqv "[$decl_par[] | .sources[] | select(.path | endswith(\"tianjin-declaration-2025.txt\")) | .first_commit] | unique | join(\" \")")" "$first"
stmt=$(jqv "$decl_par[0].sources[] | select(.path | endswith(\"tianjin-declaration-2025.txt\")) | .statement")
[ "$stmt" != null ] && ok || fail "declaration paragraph not in a statement"
# a source span holds the paragraph's text: the declaration's opening
s=$(jqv "$decl_par[0].sources[] | select(.path | endswith(\"tianjin-declaration-2025.txt\")) | .span[0]")
e=$(jqv "$decl_par[0].sources[] | select(.path | endswith(\"tianjin-declaration-2025.txt\")) | .span[1]")
expect_eq "source span" "$(tail -c +$((s + 1)) "$C/tianjin-declaration-2025.txt" | head -c $((e - s)) | tr -d ' \n' | head -c 48)" "上海合作组织（以下称“上合组织”"
# a paragraph span is the council file's own bytes
s=$(jqv "$decl_par[0].span[0]")
expect_eq "paragraph span" "$(tail -c +$((s + 1)) "$C/council-meeting-2025.txt" | head -c 18)" "上海合作组织"
# --text traces a quotation; the terminal report names the file
run 0 store trace --store "$ST" --text "世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变革。国际体系朝着更加公正、平等、更具代表性的多极化方向演进"
expect_in "$W/out" "tianjin-declaration-2025.txt:8-1[0-9]"
expect_in "$W/out" "1 of 1 paragraphs have a recorded source"
# unrelated text has no source
run 0 store trace --store "$ST" --text "The quick brown fox jumps over the lazy dog, again and again."
expect_in "$W/out" "0 of 1 paragraphs"

# ---- trace --html (the page itself: tests/html/trace.js): it replaces
# the terminal report, --json still goes to standard output
run 0 store trace --store "$ST" --html "$W/trace.html" "$C/council-meeting-2025.txt"
expect_eq "stdout of trace with --html" "$(wc -c < "$W/out")" 0
expect_in "$W/trace.html" '"page":"trace"'
expect_in "$W/trace.html" '</html>$'
run 0 store trace --store "$ST" --json --html="$W/trace2.html" "$C/council-meeting-2025.txt"
expect_eq "--json beside --html" "$(jqv .version)" 1
expect_eq "the same page" "$(cmp "$W/trace.html" "$W/trace2.html" && echo same)" same
run 0 store trace --store "$ST" --html=- --text "世界政治、经济形势及国际关系的其他各领域正经历深刻历史性变革。"
expect_in "$W/out" '^<!DOCTYPE html>'
run 2 store trace --store "$ST" --json --html=- "$C/council-meeting-2025.txt"
expect_in "$W/err" 'both write to standard output'
run 2 store trace --store "$ST" --html "$W/no/t.html" "$C/council-meeting-2025.txt"
expect_eq "error lines" "$(wc -l < "$W/err")" 1
expect_in "$W/err" "^scodiff: '.*/no/t.html': cannot write: No such file or directory$"
# a write error (here the file size limit): one line, no partial page
(trap '' XFSZ; ulimit -f 8; exec "$SCODIFF" store trace --store "$ST" --html "$W/big.html" \
	"$C/council-meeting-2025.txt") >"$W/out" 2>"$W/err" </dev/null
expect_eq "trace --html, write error: status" "$?" 2
expect_eq "error lines" "$(wc -l < "$W/err")" 1
expect_in "$W/err" "^scodiff: '.*/big.html': write error: File too large$"
expect_eq "partial page removed" "$([ -e "$W/big.html" ] && echo kept || echo removed)" removed
run 2 store log --store "$ST" --html "$W/log.html"
expect_in "$W/err" "option of store trace only"

# ---- show and canon
run 0 store show --store "$ST" "$stmt"
expect_in "$W/out" "^statement $stmt: 2 witnesses"
expect_in "$W/out" "$decl_id .*tianjin-declaration-2025.txt:1-"
run 0 store show --json --store "$ST" "$stmt"
expect_eq "show json witnesses" "$(jqv '[.witnesses[].path | sub(".*/"; "")] | join(" ")')" \
	"council-meeting-2025.txt tianjin-declaration-2025.txt"
expect_eq "show json: a member's bytes" "$(jqv '.witnesses[1].span[0]')" 1
run 0 store canon --store "$ST" "$stmt"
expect_in "$W/out" "成员国领导人"
run 0 store canon --all --store "$ST"
expect_in "$W/out" "^== statement $stmt "
run 2 store show --store "$ST" 999
expect_in "$W/err" "no statement 999"
run 2 store show --store "$ST" abc
expect_in "$W/err" "not a statement number"

# ---- a new rendering with a slip, twice: the majority changes the
# canonical text, and the commit message says how
sed 's/多极化方向演进/多极化方向演近/' "$C/council-meeting-2025.txt" >"$W/council-b.txt"
sed 's/多极化方向演进/多极化方向演近/' "$C/tianjin-declaration-2025.txt" >"$W/decl-b.txt"
run 0 store add --store "$ST" "$W/council-b.txt" "$W/decl-b.txt"
expect_in "$W/out" "~ 0*$stmt: 4 witnesses"
# two against two: the earliest witness's reading stands
run 0 store canon --store "$ST" "$stmt"
expect_in "$W/out" "方向演进"
echo "新的一行。" >>"$W/council-b.txt"
cp "$W/council-b.txt" "$W/council-c.txt"; echo "又一行。" >>"$W/council-c.txt"
run 0 store add --store "$ST" "$W/council-b.txt" "$W/council-c.txt"
run 0 store canon --store "$ST" "$stmt"
expect_in "$W/out" "方向演近"
g log -1 --format=%B main >"$W/msg"
expect_in "$W/msg" "canonical text changed"
expect_in "$W/msg" "«进» → «近»"
run 0 store verify --store "$ST"
expect_in "$W/out" "sound"
fsck majority

# ---- two adds at once both land, nothing lost or doubled
for i in $(seq 1 12); do
	{ echo "副本 $i"; cat "$C/sco-plus-meeting-2025.txt"; } >"$W/a$i.txt"
	{ echo "副本 $i"; cat "$C/tianjin-eight-outcomes-2025.txt"; } >"$W/b$i.txt"
done
before=$(commits)
nw=$(g ls-tree --name-only main witnesses/ | wc -l)
"$SCODIFF" store add --store "$ST" "$W"/a[0-9]*.txt >"$W/c1" 2>&1 &
p1=$!
"$SCODIFF" store add --store "$ST" "$W"/b[0-9]*.txt >"$W/c2" 2>&1 &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
expect_eq "concurrent add 1" "$r1" 0
expect_eq "concurrent add 2" "$r2" 0
expect_eq "two commits" "$(commits)" $((before + 2))
expect_eq "all witnesses, once" "$(g ls-tree --name-only main witnesses/ | wc -l)" $((nw + 24))
run 0 store verify --store "$ST"
fsck concurrent

# ---- kill -9 during an add: the previous commit stays, fsck is clean,
# and the next add works
for i in $(seq 1 30); do
	{ echo "第 $i 份"; cat "$C/council-meeting-2025.txt" "$C/astana-summit-2024.txt"; } >"$W/k$i.txt"
done
for delay in 0.05 0.15 0.3 0.5 0.8; do
	head_before=$(g rev-parse main)
	"$SCODIFF" store add --store "$ST" "$W"/k*.txt >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	head_after=$(g rev-parse main)
	if [ "$head_after" != "$head_before" ]; then
		# the add finished before the kill: then it is whole
		expect_eq "finished add's parent" "$(g rev-parse main^)" "$head_before"
	else
		ok
	fi
	fsck "kill -9 after $delay s"
	"$SCODIFF" store verify --store "$ST" >"$W/v" 2>&1
	expect_eq "verify after kill -9 ($delay s): $(head -c 300 "$W/v")" "$?" 0
	[ "$head_after" != "$head_before" ] && break
done
run 0 store add --store "$ST" "$W"/k*.txt
run 0 store verify --store "$ST"
fsck "after the kills"

# ---- hand-edited metadata: a clear error naming the file, and verify
# finds it; the index is derived and rebuilt
good=$(g rev-parse main)
edit() { # edit PATH CONTENT: commit CONTENT at PATH on main, as a person would
	local blob tree c
	blob=$(printf '%b' "$2" | git -C "$ST" hash-object -w --stdin)
	GIT_INDEX_FILE="$W/index" git -C "$ST" read-tree main
	GIT_INDEX_FILE="$W/index" git -C "$ST" update-index --cacheinfo "100644,$blob,$1"
	tree=$(GIT_INDEX_FILE="$W/index" git -C "$ST" write-tree)
	c=$(git -C "$ST" commit-tree "$tree" -p main -m "hand edit of $1")
	git -C "$ST" update-ref refs/heads/main "$c"
}
edit "statements/000001/members" 'scodiff-statement 1\nmember 12345 0 10 1 1 1.000\n'
run 2 store show --store "$ST" 1
expect_in "$W/err" "statements/000001/members line 2: witness id '12345'"
run 2 store trace --store "$ST" "$C/council-meeting-2025.txt"
expect_in "$W/err" "statements/000001/members line 2"
run 2 store verify --store "$ST"
expect_in "$W/out" "statements/000001/members line 2"
fsck "bad members"
g update-ref refs/heads/main "$good"
edit "witnesses/$decl_id/meta" "scodiff-witness 1\nblob $(g rev-parse "main:witnesses/$decl_id/original")\nbytes 22715\n"
run 2 store verify --store "$ST"
expect_in "$W/out" "witnesses/$decl_id/meta.*'xxh128' missing"
g update-ref refs/heads/main "$good"
edit "statements/000001/canonical.txt" 'a text typed by hand\n'
run 2 store verify --store "$ST"
expect_in "$W/out" "statements/000001/canonical.txt: not the consensus"
g update-ref refs/heads/main "$good"
edit "FORMAT" 'scodiff-store 9\n'
run 2 store log --store "$ST"
expect_in "$W/err" "FORMAT says 'scodiff-store 9'"
g update-ref refs/heads/main "$good"
# a damaged index is rebuilt by the next trace; verify sees it until then
echo "garbage" >"$ST/scodiff-index/manifest"
run 2 store verify --store "$ST"
expect_in "$W/out" "scodiff-index/manifest line 1: not a scodiff-index file"
run 0 store trace --json --store "$ST" "$C/council-meeting-2025.txt"
expect_eq "trace after index rebuild" "$(jqv "$decl_par | length")" "$n"
expect_in "$W/err" "note: index rebuilt: .*scodiff-index/manifest line 1"
run 0 store verify --store "$ST"
fsck "end"

# ---- clean --store: a slip of a recorded statement takes its canonical
# reading (the rendering is otherwise the council text)
S2="$W/store2"
run 0 store init "$S2"
run 0 store add --store "$S2" "$C"/*.txt
sed 's/多极化方向演进/多极化方向演近/' "$C/council-meeting-2025.txt" >"$W/council-slip.txt"
run 1 clean --store "$S2" --report "$W/council-slip.txt"
expect_in "$W/out" "council-slip.txt:329:8 reading 近 → 进  canonical text of statement [0-9]+"
run 1 clean --store "$S2" "$W/council-slip.txt"
expect_in "$W/out" "多极化方向演进"
expect_not_in "$W/out" "方向演近"
run 2 clean --store "$W/nowhere" "$W/council-slip.txt"
expect_in "$W/err" "not a scodiff store"
git -C "$S2" fsck --strict --no-progress >/dev/null 2>&1 && ok || fail "fsck store2"

# ---- log
run 0 store log --store "$ST"
expect_eq "log lines" "$(wc -l <"$W/out")" "$(commits)"
expect_in "$W/out" "Create an empty scodiff store"
# ---- links planted inside a store are not written through
PL="$W/planted"
run 0 store init "$PL"
run 0 store add --store "$PL" "$CORPORA/tianjin-declaration-2025.txt"
echo "outside" >"$W/outside.txt"
ln -s "$W/outside.txt" "$PL/scodiff-index/manifest.tmp"
ln -s "$W/outside.txt" "$PL/scodiff-index/seg-000002.tmp"
run 0 store add --store "$PL" "$CORPORA/council-meeting-2025.txt"
expect_eq "a file behind planted temp links" "$(cat "$W/outside.txt")" "outside"
rm -f "$PL/scodiff.lock"
ln -s "$W/lock-target" "$PL/scodiff.lock"
run 2 store add --store "$PL" "$CORPORA/tianjin-eight-outcomes-2025.txt"
expect_in "$W/err" "scodiff.lock: is a link"
[ ! -e "$W/lock-target" ] && ok || fail "the lock was created through a link"
rm -f "$PL/scodiff.lock"
# the index is derived data: the add is recorded, the index is not
# written through the link (and will be rebuilt), and the user is told
mv "$PL/scodiff-index" "$W/index-elsewhere"
ln -s "$W/index-elsewhere" "$PL/scodiff-index"
before=$(ls -l --time-style=+%s.%N "$W/index-elsewhere" | md5sum)
run 0 store add --store "$PL" "$CORPORA/tianjin-eight-outcomes-2025.txt"
expect_in "$W/err" "not a folder of this store"
expect_eq "the folder behind a linked index" "$(ls -l --time-style=+%s.%N "$W/index-elsewhere" | md5sum)" "$before"
finish
