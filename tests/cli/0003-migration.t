#!/bin/sh
# A database written by an earlier newsctl (schema 2, the unicode61 index)
# is migrated when opened: the index is rebuilt with the Vietnamese
# tokenizer (3), bodies and original bytes are compressed (4), the source
# credit gets its column (5), articles get an insertion sequence that
# watermarks count in (6), the fetch date of a web archive's page gets its
# column (7), watches get their table (8), near-duplicate tables appear
# (9), the filter columns get an index of their own (10), and nothing
# stored is lost.
. "$(dirname "$0")/lib.sh"

cp "$fixtures/db/schema-v2.db" "$tmp/old.db"
export NEWSCTL_DB="$tmp/old.db"
is "$(sqlite3 "$tmp/old.db" 'PRAGMA user_version')" 2 "the fixture is at schema 2"
sqlite3 "$tmp/old.db" "INSERT INTO export_marks VALUES ('n', 1, 0)"

run search --count dang
expect_code 0 "searching the old database succeeds"
is "$(cat "$out")" 1 "dang finds Đảng once the index is rebuilt"
is "$(sqlite3 "$tmp/old.db" 'PRAGMA user_version')" 10 "the schema is now 10"
is "$(sqlite3 "$tmp/old.db" 'SELECT count(*) FROM articles WHERE credit IS NULL')" 2 \
	"articles stored before have no credit"
is "$(sqlite3 "$tmp/old.db" 'SELECT DISTINCT typeof(body_z) FROM articles')" blob "bodies are stored compressed"
is "$(sqlite3 "$tmp/old.db" 'PRAGMA journal_mode')" wal "the database is in WAL mode"
is "$(sqlite3 "$tmp/old.db" 'SELECT group_concat(seq) FROM articles')" \
	"1,2" "articles are numbered in id order (6)"
run export --incremental n -o "$tmp/n.tar"
is "$(bsdtar -xOf "$tmp/n.tar" manifest.jsonl | jq -r .id)" 2 \
	"a watermark set before the migration still covers its articles"
run stats --json
jq_is .articles 2 "both articles are still there"
run watch add dang dang
expect_code 0 "the migrated database keeps watches"
run search --count "Đảng"
is "$(cat "$out")" 1 "an accented query still matches exactly"
run show --raw 1
check "original bytes survive the migration" cmp "$out" "$top/seeds/000_24022134b924370a.txt"
printf 'Giá vàng tăng mạnh\n\nGiá vàng trong nước hôm nay tăng thêm.\n' >"$tmp/new.txt"
run ingest "$tmp/new.txt"
expect_code 0 "the migrated database takes new articles"
printf 'Mưa lớn ở miền Trung\n\nMưa lớn kéo dài ba ngày.\n\nNhật Linh\n\nTheo TTXVN\n' >"$tmp/credit.txt"
run ingest "$tmp/credit.txt"
is "$(sqlite3 "$tmp/old.db" "SELECT byline || '|' || credit FROM articles WHERE title LIKE 'Mưa%'")" \
	"Nhật Linh|Theo TTXVN" "and keeps their credit in its column"
run search --count 'author:TTXVN'
is "$(cat "$out")" 1 "the credit is searched with the byline"
run check
expect_code 0 "the index agrees with the migrated tables"
run search --count gia vang
is "$(cat "$out")" 1 "and finds them through folding"

done_testing
