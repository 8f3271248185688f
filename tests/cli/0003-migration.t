#!/bin/sh
# A database written by an earlier newsctl (schema 2, the unicode61 index)
# is migrated when opened: the index is rebuilt with the Vietnamese
# tokenizer, and nothing stored is lost.
. "$(dirname "$0")/lib.sh"

cp "$fixtures/db/schema-v2.db" "$tmp/old.db"
export NEWSCTL_DB="$tmp/old.db"
is "$(sqlite3 "$tmp/old.db" 'PRAGMA user_version')" 2 "the fixture is at schema 2"

run search --count dang
expect_code 0 "searching the old database succeeds"
is "$(cat "$out")" 1 "dang finds Đảng once the index is rebuilt"
is "$(sqlite3 "$tmp/old.db" 'PRAGMA user_version')" 3 "the schema is now 3"
is "$(sqlite3 "$tmp/old.db" 'PRAGMA journal_mode')" wal "the database is in WAL mode"
run stats --json
jq_is .articles 2 "both articles are still there"
run search --count "Đảng"
is "$(cat "$out")" 1 "an accented query still matches exactly"
run show --raw 1
check "original bytes survive the migration" cmp "$out" "$top/seeds/000_24022134b924370a.txt"
run ingest "$top/seeds/"
like "$(cat "$errf")" "0 added, 1 unchanged" "the migrated database still knows the article"

done_testing
