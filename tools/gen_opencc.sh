#!/bin/sh
# Build-time step behind src/text/opencc.c: dump the OpenCC dictionaries
# that the named configurations use to text (opencc_dict, Debian package
# opencc), flatten each configuration's JSON (jq) to one line, and run
# tools/gen_opencc.c over them.
#
#   gen_opencc.sh OPENCC_DICT JQ GEN_OPENCC DATADIR WORKDIR OUT CONFIG...
set -eu
dict=$1 jq=$2 gen=$3 data=$4 work=$5 out=$6
shift 6
mkdir -p "$work"
specs=
for c in "$@"; do
	f=$data/$c.json
	[ -r "$f" ] || { echo "gen_opencc.sh: $f not found: install the Debian package libopencc-data" >&2; exit 1; }
	# NAME SEGDICTS STEP...: each a group of dictionaries joined by '+'
	line=$("$jq" -r --arg name "$c" '
		def group: if .type == "group" then [.dicts[].file] else [.file] end
			| map(sub("\\.ocd2$"; "")) | join("+");
		[$name, (.segmentation.dict | group), (.conversion_chain[].dict | group)]
		| join(" ")' "$f")
	for d in $(echo "$line" | cut -d' ' -f2- | tr ' +' '\n\n' | sort -u); do
		"$dict" -i "$data/$d.ocd2" -o "$work/$d.txt.tmp" -f ocd2 -t text
		mv "$work/$d.txt.tmp" "$work/$d.txt"
	done
	specs="$specs$line
"
done
# one argument per configuration
printf '%s' "$specs" | tr '\n' '\0' | xargs -0 "$gen" "$work" > "$out.tmp"
# which data made the keys: the store's index holds fingerprints of keys,
# and an index made with other tables is rebuilt (store_index.c)
sum=$(cksum < "$out.tmp" | cut -d' ' -f1)
printf 'const uint32_t scd_opencc__tables_id = %su;\n' "$sum" >> "$out.tmp"
mv "$out.tmp" "$out"
