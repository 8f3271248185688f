#!/bin/sh
# valgrind.sh - run newsctl under valgrind, for `make check-valgrind`,
# which points NEWSCTL at this script so that every command-line test
# runs through it.
#
#   NEWSCTL_VALGRIND_BIN   the newsctl to run (default: build/newsctl)
#   NEWSCTL_VALGRIND_LOGS  a folder for one report per run (else stderr)
#
# A memory error or a definite leak makes the run exit with status 99
# (known leaks of the libraries are in valgrind.supp).
# `valgrind.sh --summary` lists the reports that hold errors and exits 1
# if there are any.
here=$(cd "$(dirname "$0")" && pwd)
bin=${NEWSCTL_VALGRIND_BIN:-$here/../build/newsctl}
logs=${NEWSCTL_VALGRIND_LOGS:-}

if [ "${1:-}" = --summary ]; then
	[ -n "$logs" ] || exit 0
	n=$(ls "$logs" | wc -l | tr -d ' ')
	bad=$(grep -l 'ERROR SUMMARY: [1-9]' "$logs"/* 2>/dev/null)
	if [ -n "$bad" ]; then
		echo "valgrind: errors in $(echo "$bad" | wc -l) of $n runs:" >&2
		for f in $bad; do
			grep -m1 '^==[0-9]*== Command:' "$f" >&2
			grep -E -m8 '^==[0-9]*== (Invalid|Conditional|Use of|[0-9,]+ bytes in .* definitely|   (at|by) )' "$f" >&2
		done
		exit 1
	fi
	echo "valgrind: $n runs of newsctl, no errors"
	exit 0
fi

log=--log-fd=2
[ -n "$logs" ] && log=--log-file=$logs/vg.%p.log
exec valgrind "$log" --suppressions="$here/valgrind.supp" \
	--error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--num-callers=30 "$bin" "$@"
