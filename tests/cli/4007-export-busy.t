#!/bin/sh
# An incremental export whose watermark cannot be stored (another writer
# holds the database past the busy timeout) leaves no archive behind: the
# next run exports the same articles once, none skipped, none repeated.
. "$(dirname "$0")/lib.sh"

art() { printf 'Tin số %s về mùa nước nổi\n\nBà con vùng đồng bằng chuẩn bị đón mùa nước nổi lần thứ %s trong năm.\n' "$1" "$1"; }
ids() { bsdtar -xOf "$1" manifest.jsonl | jq -r .id | sort -n | tr '\n' ' '; }

art 1 | run_in /dev/stdin ingest -
run export --incremental nightly -o "$tmp/n1.tar"
is "$(ids "$tmp/n1.tar")" "1 " "the first night"
art 2 | run_in /dev/stdin ingest -

# A writer holds the database for longer than newsctl waits (10 s).
{ echo 'BEGIN IMMEDIATE;'; sleep 13; echo 'COMMIT;'; } |
	sqlite3 "$NEWSCTL_DB" &
holder=$!
sleep 1
run export --incremental nightly -o "$tmp/n2.tar"
expect_code 75 "a busy database: EX_TEMPFAIL"
like "$(cat "$errf")" "busy" "the message says why"
check "no archive is left whose articles the next run repeats" \
	test ! -e "$tmp/n2.tar"
is "$(ls -A "$tmp" | grep -c '^\.n2\.tar\.')" "0" "nor a temporary file"
wait $holder

art 3 | run_in /dev/stdin ingest -
run export --incremental nightly -o "$tmp/n3.tar"
expect_code 0 "the next night runs"
is "$(ids "$tmp/n3.tar")" "2 3 " "and takes what the busy night missed, once"

done_testing
