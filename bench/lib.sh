# Shell helpers shared by the benchmark scripts; sourced, not run:
#
#   here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
#   . "$here/lib.sh"            (or "$here/../lib.sh" one folder down)
#
# Messages name the script that sourced this file (its base name, or
# $bench_prog when set before sourcing).  The help text of a script is its
# header comment: from line 2 to the line before the first `set `.

bench_script=$0
bench_prog=${bench_prog:-$(basename "$0")}

# What every script starts from: the checkout's root, the binary under
# test, and the defaults of the options they all have.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scodiff=$root/build/scodiff
workdir=""
keep=0
seed=1

# bench_die MSG...: MSG on stderr, exit status 2 (usage error or trouble).
bench_die() {
	echo "$bench_prog: $*" >&2
	exit 2
}

# bench_usage: the header comment of the script, without its '# '.
bench_usage() {
	sed -n '2,/^set /p' "$bench_script" | sed '$d; s/^# \{0,1\}//'
}

# bench_options SPEC... -- ARG...: parse the command line by a table.
# A SPEC is "--name=var" or "--name=var=default" for an option with a
# value, given as --name VALUE or --name=VALUE, stored in $var (set to
# default first when one is given); or "--name:var=value", a flag that sets
# $var to value.  -h and --help print bench_usage and exit 0; any other
# argument is a usage error (exit 2).
bench_options() {
	local specs=() spec name var
	while [ "$1" != -- ]; do
		case ${1%%=*} in
		*:*) ;;
		*) spec=${1#*=}
		   [ "$spec" = "${spec#*=}" ] || printf -v "${spec%%=*}" '%s' "${spec#*=}" ;;
		esac
		specs+=("$1")
		shift
	done
	shift
	while [ $# -gt 0 ]; do
		case $1 in -h | --help) bench_usage; exit 0 ;; esac
		for spec in "${specs[@]}"; do
			name=${spec%%=*} var=${spec#*=}
			case $name in
			*:*)
				[ "$1" = "${name%%:*}" ] || continue
				printf -v "${name#*:}" '%s' "$var"
				shift
				continue 2 ;;
			esac
			var=${var%%=*}
			if [ "$1" = "$name" ]; then
				[ $# -ge 2 ] || bench_die "$1 needs a value (see --help)"
				printf -v "$var" '%s' "$2"
				shift 2
				continue 2
			elif [ "${1%%=*}" = "$name" ] && [ "$1" != "$name" ]; then
				printf -v "$var" '%s' "${1#*=}"
				shift
				continue 2
			fi
		done
		bench_die "unknown argument: $1 (see --help)"
	done
}

# bench_abs PATH: PATH made absolute against the current directory.
bench_abs() {
	case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac
}

# bench_workdir DIR BASE NAME [SAY]: the work directory, absolute, in $work.
# DIR when given (created, kept); else a new NAME.XXXXXX under $TMPDIR, or
# BASE when TMPDIR is unset, removed at exit unless $keep is 1.  With SAY =
# say, a kept directory is named on stderr at exit.
bench_workdir() {
	local dir=$1 base=${TMPDIR:-$2} name=$3
	bench_say_kept=${4:-}
	bench_remove=""
	if [ -n "$dir" ]; then
		mkdir -p "$dir" || bench_die "cannot create $dir"
		work=$(cd "$dir" && pwd)
	else
		mkdir -p "$base" || bench_die "cannot create $base"
		work=$(mktemp -d "$base/$name.XXXXXX") || bench_die "mktemp failed"
		[ "${keep:-0}" = 1 ] || bench_remove=$work
	fi
	trap bench_cleanup EXIT
}

bench_cleanup() {
	if [ -n "$bench_remove" ]; then
		rm -rf -- "$bench_remove"
	elif [ "$bench_say_kept" = say ]; then
		echo "$bench_prog: files kept in $work" >&2
	fi
}
