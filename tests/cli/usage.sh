# --help, --version, stdin, colors.
. "$TESTS/lib.sh"
A=$CORPORA/tianjin-declaration-2025.txt
B=$CORPORA/council-meeting-2025.txt
run 0 --help
expect_in "$W/out" '^usage: scodiff'
expect_in "$W/out" 'exit status'
run 0 diff --help
expect_in "$W/out" '--ignore=KINDS'
run 0 --version
expect_in "$W/out" '^scodiff [0-9]+\.[0-9]+\.[0-9]+$'
run 2
# stdin as either side gives the same report as the file
"$SCODIFF" --json "$A" "$B" >"$W/files.json"
"$SCODIFF" --json - "$B" <"$A" >"$W/stdin.json"
expect_eq "stdin report" "$(jq -c '.blocks, .differences' "$W/stdin.json" | md5sum)" \
	"$(jq -c '.blocks, .differences' "$W/files.json" | md5sum)"
expect_eq "stdin path" "$(jq -r .a.path "$W/stdin.json")" "-"
# colors: never on a pipe by default, always when asked, never with NO_COLOR
run 1 "$A" "$B"
expect_not_in "$W/out" $'\033'
run 1 --color=always --show=all "$A" "$B"
expect_in "$W/out" $'\033\\['
NO_COLOR=1 "$SCODIFF" --color=auto "$A" "$B" >"$W/out" 2>&1
expect_not_in "$W/out" $'\033'
# the explicit subcommand is the same as the default
run 1 diff --json "$A" "$B"
expect_eq "diff subcommand" "$(jqv '.counts.punct')" 5
finish
