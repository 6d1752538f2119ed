#!/usr/bin/env bash
# Run one browser test (tests/html/NAME.js) with node; ctest reads exit
# status 77 as "skipped", given only when node or chromium is missing or
# chromium cannot start (cdp.js says which).
set -u
node=$(command -v node || command -v nodejs || true)
if [ -z "$node" ]; then
	echo "SKIP: node not found (Debian package nodejs; scripts/deps installs it)"
	exit 77
fi
exec "$node" "$(dirname "$0")/$1.js"
