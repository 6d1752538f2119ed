# Memcheck on the real binary: diff, scan, check and collate over corpora/
# and over random text, and the error path, with no invalid access, no use
# of uninitialised memory and no leak (--error-exitcode).  Skipped in the
# sanitizer build, whose binary valgrind cannot run; the normal build is
# what is checked here.  To cover a new command, add a line to the list.
. "$TESTS/lib.sh"
if ldd "$SCODIFF" 2>/dev/null | grep -q libasan; then
	echo "valgrind: skipped in the sanitizer build"
	exit 77
fi
command -v valgrind >/dev/null || { fail "valgrind not installed (scripts/deps)"; finish; }
C=$CORPORA

# random text with a slip every 2,000 characters, and its original
perl -CO -e 'srand(3); print chr(0x4E00 + int(rand(20000))) for 1..6000; print "\n"' >"$W/random-a.txt"
perl -CIO -pe 's/(.{1999})./$1\x{3005}/g' "$W/random-a.txt" >"$W/random-b.txt"
printf 'abc\xff' >"$W/bad.txt"
perl -e 'srand(5); print chr(int(rand(256))) for 1..20000' >"$W/junk.bin"

# WANTED_STATUS ARGS... (one run each)
cases=(
	"1 --json $C/tianjin-declaration-2025.txt $C/council-meeting-2025.txt"
	"1 --color=always --show=all $C/tianjin-declaration-2025.txt $C/council-meeting-2025.txt"
	"1 --json $W/random-a.txt $W/random-b.txt"
	"1 scan $C/tianjin-declaration-2025.txt $C/council-meeting-2025.txt $C/tianjin-eight-outcomes-2025.txt"
	"1 check $C/tianjin-eight-outcomes-2025.txt"
	"0 check --json $W/random-b.txt"
	"1 collate $C/tianjin-declaration-2025.txt $C/council-meeting-2025.txt $W/random-a.txt"
	"2 $W/bad.txt $C/tianjin-declaration-2025.txt"
	"2 $W/junk.bin $C/tianjin-declaration-2025.txt"
	"2 --encoding=GB18030 $W/junk.bin $W/bad.txt"
	"0 store init $W/vstore"
	"0 store add --store $W/vstore $C/tianjin-declaration-2025.txt $C/council-meeting-2025.txt $W/random-a.txt"
	"0 store add --store $W/vstore $C/sco-plus-meeting-2025.txt"
	"0 store trace --json --store $W/vstore $C/council-meeting-2025.txt"
	"0 store show --store $W/vstore 1"
	"0 store verify --store $W/vstore"
	"2 store add --store $W/vstore $W/junk.bin"
	"1 clean --store $W/vstore --report $C/council-meeting-2025.txt"
)
for c in "${cases[@]}"; do
	read -r -a args <<<"$c"
	want=${args[0]}
	got=0
	valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		"$SCODIFF" "${args[@]:1}" >"$W/out" 2>"$W/err" </dev/null || got=$?
	if [ "$got" = "$want" ]; then
		ok
	else
		fail "valgrind scodiff ${args[*]:1}: exit $got, wanted $want: $(grep -m 20 '==' "$W/err")"
	fi
done
finish
