# The option table of every command (src/cli/cli_opt.c): --help of each
# command and subcommand, and the exact error and exit status 2 for an
# unknown option, a missing value, a bad number, fraction, choice or list,
# an option after the operands, and "--".
. "$TESTS/lib.sh"
export SCODIFF_STORE="$W/no-store"
cd "$W" || exit 1
printf 'x\n' >a.txt

# fails MESSAGE ARGS... : exit 2 and exactly "scodiff: MESSAGE" on stderr
fails() {
	local want="scodiff: $1"
	shift
	run 2 "$@"
	expect_eq "scodiff $* says" "$(cat "$W/err")" "$want"
}

# --help: the command's own usage on stdout, exit 0, from anywhere in argv
for c in diff check collate scan clean store; do
	run 0 $c --help
	expect_in "$W/out" "^usage: scodiff (\[diff\]|$c|store init)"
	expect_in "$W/out" '^  -h, --help            this help$'
	expect_in "$W/out" '^exit status: '
	run 0 $c -h
done
for s in init add log show canon trace verify; do
	run 0 store $s --help
	expect_in "$W/out" '^usage: scodiff store init \[DIR\]$'
	expect_in "$W/out" '^  -v, --verbose         log: whole commit messages$'
done
run 0 diff a.txt --help
run 0 --he
expect_in "$W/out" '^usage: scodiff \[diff\]'
run 2 store
expect_in "$W/err" '^usage: scodiff store init'
# the rows of the table, as the help lists them
run 0 diff --help
expect_in "$W/out" '^  --k=N --w=N           shingle length and winnowing window \(8, 8\)$'
expect_in "$W/out" '^tuning \(docs/parameters.md says how the defaults were measured\):$'
run 0 clean --help
expect_in "$W/out" '^      --min-confidence=X  0 to 1 \(0.9\); slips below it are only listed$'
expect_in "$W/out" '^  -o, --output=OUT      write the cleaned text to OUT$'
run 0 store --help
expect_not_in "$W/out" '--all  '
expect_not_in "$W/out" 'colour'

# unknown options and values where none is taken
fails "unknown option '--bogus' (see --help)" --bogus a.txt a.txt
fails "unknown option '--bogus' (see --help)" diff a.txt a.txt --bogus
fails "unknown option '-x' (see --help)" check -x a.txt
fails "unknown option '--json=1' (see --help)" diff --json=1 a.txt a.txt
fails "unknown option '--help=1' (see --help)" collate --help=1
fails "unknown option '--co=x' (see --help)" diff --co=x a.txt a.txt
fails "unknown option '-x' (see --help)" clean -x a.txt
fails "unknown option '--bogus' (see --help)" scan a.txt --bogus
fails "unknown option '--bogus' (see scodiff store --help)" store log --bogus
fails "unknown option '-x' (see scodiff store --help)" store show 1 -x
fails "store: unknown command 'bogus' (init, add, log, show, canon, trace, verify; see scodiff store --help)" store bogus
# a value missing at the end of the line (getopt calls it unknown)
fails "unknown option '--html' (see --help)" diff --html
fails "unknown option '--min-confidence' (see --help)" check --min-confidence
fails "unknown option '-o' (see --help)" collate -o
fails "unknown option '--wait' (see scodiff store --help)" store add --wait
# a unique prefix is the option; --col is --color or --colour, one option
fails "--color takes auto, always or never, not 'x'" diff --col=x a.txt a.txt
fails "--color takes auto, always or never, not 'x'" check --colour=x a.txt
fails "--threshold takes a number from 0 to 1, not '2'" store add --thresh=2 a.txt

# whole numbers
fails "--context takes a whole number from 0 to 1000, not '1001'" diff --context=1001 a.txt a.txt
fails "--context takes a whole number from 0 to 1000, not '-1'" check --context=-1 a.txt
fails "--k takes a whole number from 1 to 64, not '0'" --k=0 a.txt a.txt
fails "--w takes a whole number from 1 to 1000, not 'x'" diff --w x a.txt a.txt
fails "--max-gap takes a whole number from 0 to 100000, not ''" diff --max-gap= a.txt a.txt
fails "--pivot takes a whole number from 1 to 1000000, not '0'" collate --pivot=0 a.txt a.txt
fails "--min-length takes a whole number from 16 to 1000000, not '15'" scan --min-length=15 a.txt
fails "--boilerplate-docs takes a whole number from 2 to 100000000, not '1'" scan --boilerplate-docs=1 a.txt
fails "--min-length takes a whole number from 16 to 100000, not '100001'" store add --min-length=100001 a.txt
fails "--wait takes a whole number from 0 to 86400, not '86401'" store add --wait=86401 a.txt
# fractions from 0 to 1
fails "--min-confidence takes a number from 0 to 1, not 'x'" check --min-confidence=x a.txt
fails "--min-confidence takes a number from 0 to 1, not '-0.1'" clean --min-confidence=-0.1 a.txt
fails "--threshold takes a number from 0 to 1, not '1.5'" scan --threshold=1.5 a.txt
fails "--threshold takes a number from 0 to 1, not 'nan'" scan --threshold=nan a.txt
fails "--threshold takes a number from 0 to 1, not 'nan'" store trace --threshold=nan --text=x
fails "--threshold takes a number from 0 to 1, not ''" store trace --threshold= --text=x
# choices and lists
fails "--color takes auto, always or never, not 'x'" diff --color=x a.txt a.txt
fails "--color takes auto, always or never, not 'x'" store log --color=x
fails "--fix takes ocr or none, not 'all'" clean --fix=all a.txt
fails "--punct takes fullwidth or keep, not 'x'" clean --punct=x a.txt
fails "--rules: bad list 'bogus' (rules: reflow, space, punct, variant, ocr)" clean --rules=bogus a.txt
fails "--backup takes a file name suffix, not 'a/b'" clean --backup=a/b a.txt
fails "--show: unknown kind 'bogus' (kinds: layout, width, punct, variant, ocr, edit, or all)" diff --show=bogus a.txt a.txt
fails "--ignore: bad list 'edit,,' (kinds: layout, width, punct, variant, ocr, edit, or all)" diff --ignore=edit,, a.txt a.txt
# the first bad value stops the parse; --help before it wins
fails "--min-confidence takes a number from 0 to 1, not 'x'" check --min-confidence=x --help
run 0 check --help --min-confidence=x
# --color is checked after the operands are counted
fails "expected two files to compare, got 1 (see --help)" diff --color=x a.txt

# operands: counted, and options after them
fails "expected two files to compare, got 3 (see --help)" diff a.txt a.txt a.txt
fails "check: expected at least one file (see scodiff check --help)" check
fails "collate: expected at least two files, got 1 (see scodiff collate --help)" collate a.txt
fails "scan: expected at least one file or folder (see scodiff scan --help)" scan --within
fails "clean: expected one file (see scodiff clean --help)" clean a.txt a.txt
# diff, scan and store take options after the operands; check, collate
# and clean stop at the first operand
fails "'nofile': no such file" check nofile --bogus
fails "'nofile': no such file" collate nofile a.txt --bogus
fails "clean: expected one file (see scodiff clean --help)" clean a.txt --patch
# "--" ends the options
fails "'--json': no such file" diff -- --json a.txt
fails "'--json': no such file" check -- --json
fails "'--json': no such file" clean -- --json
fails "'--json' is not a statement number (1 to 999999)" store show -- --json
run 2 scan -- --json
expect_in "$W/err" "^scodiff: '--json': no such file \(skipped\)$"
# options that conflict
fails "--json and --html=- both write to standard output: give one" --json --html=- a.txt a.txt
fails "--json and --canon are two different outputs: give one" collate --json --canon a.txt a.txt
fails "--patch and --report both write to standard output: choose one" clean --patch --report a.txt
fails "--html is an option of store trace only" store show --html=x 1
fails "--json and --html=- both write to standard output: give one" store trace --html=- --json --text=x
finish
