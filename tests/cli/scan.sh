# scodiff scan: repeated passages in a collection, within and across
# documents, clustered; boilerplate apart; positions in the original files.
. "$TESTS/lib.sh"
C=$CORPORA

run 1 scan --json "$C"
expect_eq "json version" "$(jqv .version)" 1
# the Tianjin Declaration, printed in two texts with other wraps and
# dashes: one cluster, its members spanning the whole declaration
decl='.clusters[] | select(any(.members[]; (.path | endswith("council-meeting-2025.txt")) and .lines[0] <= 320 and .lines[1] >= 628))'
expect_eq "declaration: one cluster" "$(jqv "[$decl] | length")" 1
expect_eq "declaration: its members" "$(jqv "[$decl | .members[] | \"\(.path | sub(\".*/\"; \"\")):\(.lines[0])\"] | sort | join(\" \")")" \
	"council-meeting-2025.txt:319 tianjin-declaration-2025.txt:1"
expect_eq "declaration: punct only" "$(jqv "$decl | .counts.edit + .counts.ocr")" 0
# the 成果六 paragraph, printed twice in one text: lines 35 and 133
six='.clusters[] | select(any(.members[]; (.path | endswith("tianjin-eight-outcomes-2025.txt")) and .lines[0] <= 35 and .lines[1] >= 35))'
expect_eq "成果六: repeated inside its text" \
	"$(jqv "[$six | .members[] | select((.path | endswith(\"tianjin-eight-outcomes-2025.txt\")) and .lines[0] <= 133 and .lines[1] >= 133)] | length")" 1
# the statements of sco-plus and the declaration page, in another order
expect_in "$W/out" 'sco-plus-meeting-2025.txt'
# every member's span holds its text: the canonical member's bytes,
# closed up, are the canonical text
n=$(jqv '.clusters | length')
bad=0
for i in $(seq 0 $((n - 1))); do
	p=$(jqv ".clusters[$i] | .members[] | select(.canonical) | .path")
	s=$(jqv ".clusters[$i] | .members[] | select(.canonical) | .span[0]")
	e=$(jqv ".clusters[$i] | .members[] | select(.canonical) | .span[1]")
	got=$(tail -c +$((s + 1)) "$p" | head -c $((e - s)) | tr -d ' \n\t')
	[ "$got" == "$(jqv ".clusters[$i].canonical" | tr -d ' ')" ] || bad=$((bad + 1))
done
expect_eq "canonical text = bytes at the canonical member's span" "$bad" 0
# the share of repeated text per document
expect_eq "documents listed" "$(jqv '.documents | length')" 6
expect_eq "declaration page mostly repeated" \
	"$(jqv '.documents[] | select(.path | endswith("tianjin-declaration-2025.txt")) | (.repeated_bytes / .bytes > 0.8)')" true

# --within / --across
run 1 scan --json --within "$C"/*.txt
expect_eq "--within: one document per cluster" "$(jqv '[.clusters[] | select(.documents > 1)] | length')" 0
run 1 scan --json --across "$C"/*.txt
expect_eq "--across: every cluster across documents" "$(jqv '[.clusters[] | select(.documents < 2)] | length')" 0

# the terminal report
run 1 scan --color=never "$C"/*.txt
expect_in "$W/out" '^cluster 1: 2 renderings in 2 documents, 3896 characters'
expect_in "$W/out" 'council-meeting-2025.txt:319-629'
expect_in "$W/out" '^ +[0-9.]+%  .*tianjin-declaration-2025.txt'
expect_in "$W/out" '^[0-9]+ clusters, 0 boilerplate formulae in 5 files$'

# paths from standard input, a GB18030 copy: offsets into its own bytes
mkdir -p "$W/in/sub"
iconv -f UTF-8 -t GB18030 "$C/tianjin-declaration-2025.txt" >"$W/in/sub/decl-gb.txt"
cp "$C/council-meeting-2025.txt" "$W/in/"
printf '%s\n' "$W/in/sub/decl-gb.txt" "$W/in/council-meeting-2025.txt" |
	"$SCODIFF" scan --json - >"$W/out" 2>"$W/err"
expect_eq "list on stdin: exit" "$?" 1
m='.clusters[0].members[] | select(.path | endswith("decl-gb.txt"))'
s=$(jqv "$m | .span[0]"); e=$(jqv "$m | .span[1]")
expect_eq "GB18030 member starts at the declaration" \
	"$(tail -c +$((s + 1)) "$W/in/sub/decl-gb.txt" | head -c $((e - s)) | iconv -f GB18030 -t UTF-8 | tr -d ' \n' | head -c 18)" \
	"$(tr -d ' \n' <"$C/tianjin-declaration-2025.txt" | head -c 18)"

# a folder with an undecodable file: reported, the scan goes on, exit 2
head -c 3000 /dev/urandom >"$W/in/junk.txt"
run 2 scan --json "$W/in"
expect_in "$W/err" "junk.txt.*skipped"
expect_eq "the rest still scanned" "$(jqv '.clusters | length > 0')" true
expect_eq "the skipped file listed with its error" "$(jqv '[.documents[] | select(.error)] | length')" 1
# hidden files inside folders are left out
rm "$W/in/junk.txt"
head -c 3000 /dev/urandom >"$W/in/.hidden"
run 1 scan "$W/in"

# boilerplate: a dateline and a slogan in 12 files of otherwise unrelated
# text (lines of the Astana text, hardly repeated in it) are formulae,
# collapsed apart; nothing else repeats
mkdir -p "$W/bp"
for i in $(seq 1 12); do
	{ printf '新华社天津9月1日电（记者张三）\n'
	  sed -n "$((i * 4 + 40)),$((i * 4 + 43))p" "$C/astana-summit-2024.txt"
	  printf '\n坚持正确舆论导向，讲好中国故事，传播好中国声音。\n'; } >"$W/bp/$i.txt"
done
run 0 scan --json "$W/bp"
expect_eq "formulae are not clusters" "$(jqv '.clusters | length')" 0
expect_eq "the dateline is boilerplate" "$(jqv '[.boilerplate[] | select(.canonical | contains("9月1日电")) | .documents] | max')" 12
expect_eq "the slogan is boilerplate" "$(jqv '[.boilerplate[] | select(.canonical | contains("讲好中国故事")) | .documents] | max')" 12
run 0 scan "$W/bp"
expect_in "$W/out" 'boilerplate: [0-9]+ formulae? found in 10 or more documents'

# nothing repeated: exit 0
printf '上海合作组织成员国领导人出席会议。\n' >"$W/one.txt"
run 0 scan "$W/one.txt"

# folder links: two links to '..' and a loop back to the top used to make
# the walk branch without end (issue "Reliability"); a folder is read
# once, and links to folders are followed only with --follow
mkdir -p "$W/links/sub"
cp "$C"/*.txt "$W/links/"
ln -s .. "$W/links/sub/up1"
ln -s .. "$W/links/sub/up2"
ln -s "$W/links" "$W/links/loop"
run 1 scan --json "$C"
jq '[.clusters[] | .members | length]' "$W/out" >"$W/plain.members"
timeout 60 "$SCODIFF" scan --json "$W/links" >"$W/out" 2>"$W/err" </dev/null
expect_eq "exit status with folder links" "$?" 1
expect_eq "documents read with folder links" "$(jq '.documents | length' "$W/out")" \
	"$(ls "$C"/*.txt | wc -l)"
jq '[.clusters[] | .members | length]' "$W/out" >"$W/links.members"
cmp -s "$W/plain.members" "$W/links.members" && ok || fail "clusters differ with folder links"
timeout 60 "$SCODIFF" scan --follow --json "$W/links" >"$W/out" 2>"$W/err" </dev/null
expect_eq "exit status with --follow" "$?" 1
expect_eq "documents read with --follow" "$(jq '.documents | length' "$W/out")" \
	"$(ls "$C"/*.txt | wc -l)"

# trouble
run 2 scan
expect_in "$W/err" 'expected at least one file'
run 2 scan --min-length=3 "$C"
expect_in "$W/err" 'min-length'
run 2 scan --threshold=2 "$C"
expect_in "$W/err" 'threshold'
run 2 scan "$W/missing.txt"
expect_in "$W/err" "missing.txt"
run 0 scan --help
expect_in "$W/out" '^usage: scodiff scan'
finish
