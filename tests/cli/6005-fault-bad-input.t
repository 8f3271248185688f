#!/bin/sh
# Every fixture of bad or odd input through every command that reads it:
# as an input (ingest, import, verify), as the database (stats, search,
# check), and hostile queries. No crash, no internal error (70), no
# sanitizer report; under make check-valgrind (NEWSCTL is tests/valgrind.sh)
# no memory error or definite leak either (status 99).
. "$(dirname "$0")/lib.sh"

# sane NAME: the last run ended by itself, without an internal error, a
# memory error or a sanitizer report.
sane() {
	if [ $rc -lt 126 ] && [ $rc -ne 70 ] && [ $rc -ne 99 ] &&
		! grep -Eq 'Sanitizer|runtime error|Invalid read|Invalid write' \
			"$errf"; then
		tap_result 0 "$1 (exit $rc)"
	else
		tap_result 1 "$1 (exit $rc)"
		sed 's/^/#   stderr: /' "$errf" | head -8
	fi
}

run ingest "$top/seeds"
expect_code 0 "a database to work on"

for f in "$fixtures"/bad/* "$fixtures"/archives/* "$fixtures"/exports/* \
	"$fixtures"/encodings/* "$fixtures"/db/* "$fixtures"/articles/* \
	"$fixtures"/short/* \
	"$fixtures"/fuzz-regress/*/*; do
	[ -f "$f" ] || continue
	name=${f#"$fixtures"/}
	run ingest "$f"
	sane "ingest $name"
	run import "$f"
	sane "import $name"
	run verify "$f"
	sane "verify $name"
	cp "$f" "$tmp/as.db"
	run --db "$tmp/as.db" stats
	sane "stats with $name as the database"
	run --db "$tmp/as.db" search "dân vận"
	sane "search with $name as the database"
	run --db "$tmp/as.db" check
	sane "check with $name as the database"
done

# Hostile queries, options and ids against the database.
for q in '' '"' '(((' ')' '-' '*' 'NOT' 'a OR' 'title:' 'date:' \
	'date:2017-13-45..x' '"dân vận"*' 'NEAR(a b)' '^a' "$(printf '\001\002')" \
	"$(printf '\377\376')" 'đ' "$(printf 'a%.0s ' $(seq 1 300))"; do
	run search -- "$q"
	sane "search '$(printf '%s' "$q" | cut -c1-20)'"
done
for id in 0 -1 99999999999999999999 x 1e3; do
	run show -- "$id"
	sane "show '$id'"
done
run export -o "$tmp/x.unknown"
sane "export to an unknown format"
run check
expect_code 0 "after all that the database passes check"

done_testing
