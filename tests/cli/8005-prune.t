#!/bin/sh
# prune: deletes only what an incremental export of every article holds,
# lists without --yes, keeps the index consistent, gives the space back,
# and survives a kill in the middle (check passes, the counts add up).
. "$(dirname "$0")/lib.sh"

# 20000 articles published in 2016 and 2018, as one JSON Lines export
# (many small files would take longer to write than to ingest)
awk 'BEGIN {
	for (i = 1; i <= 20000; i++) {
		y = i % 2 ? 2016 : 2018
		printf "{\"title\":\"Tin %d năm %d về mùa gặt\",", i, y
		printf "\"published\":\"%d-03-12\",\"body\":\"", y
		for (j = 0; j < 8; j++)
			printf "Đoạn %d của tin %d: bà con gặt lúa sớm. ", j, i
		print "\"}"
	}
}' >"$tmp/in.jsonl"
run ingest -q "$tmp/in.jsonl"
expect_code 0 "ingest 20000 articles"
total=20000
count() { sqlite3 "$NEWSCTL_DB" "SELECT count(*) FROM articles ${1-}"; }

run prune --before 2017
expect_code 2 "--exported is required"
run prune --before 2017 --exported nightly
expect_code 1 "no such export: nothing is pruned"
run export -q --incremental topic --query "mùa gặt" -o "$tmp/t.tar"
run prune --before 2017 --exported topic
expect_code 1 "an export of a query does not count"
like "$(cat "$errf")" "selected --query 'mùa gặt'" "and prune says why"

run export -q --incremental nightly -o "$tmp/n1.tar.zst"
printf 'Tiêu đề: Tin mới năm 2016\nNgày: 01/01/2016\n\nChưa xuất.\n' |
	run_in /dev/stdin ingest -q -
new=$(count "WHERE title = 'Tin mới năm 2016'")
is "$new" 1 "an article from 2016 that no export holds yet"

run prune --before 2017 --exported nightly --format ids
expect_code 0 "a dry run"
is "$(wc -l <"$out" | tr -d ' ')" 10000 \
	"lists the 10000 exported 2016 articles"
is "$(count)" "$((total + 1))" "and deletes nothing"
is "$(sort -n "$out" | tr '\n' ' ')" \
	"$(sqlite3 "$NEWSCTL_DB" "SELECT id FROM articles WHERE published <
		'2017' AND title <> 'Tin mới năm 2016' ORDER BY id" |
		tr '\n' ' ')" "exactly the exported ones before the date"

# a kill in the middle: each batch is one transaction. The kill comes
# as soon as a reader sees the first batches gone.
cp "$NEWSCTL_DB" "$tmp/copy.db"
mid=0
for try in 1 2 3; do
	cp "$tmp/copy.db" "$NEWSCTL_DB"
	rm -f "$NEWSCTL_DB-wal" "$NEWSCTL_DB-shm"
	"$NEWSCTL" prune -q --before 2017 --exported nightly --yes \
		2>/dev/null &
	pid=$!
	while kill -0 $pid 2>/dev/null &&
		[ "$(count "WHERE published < '2017'")" -eq 10001 ]; do
		:
	done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	left=$(count "WHERE published < '2017'")
	if [ "$left" -gt 1 ] && [ "$left" -lt 10001 ]; then
		mid=1
		break
	fi
done
echo "# killed at try $try: $left of 10001 articles of 2016 left"
is "$mid" 1 "a prune was killed between batches"
run check
expect_code 0 "the database passes check after the kill"
is "$(count)" "$((total + 1 - 10001 + left))" "the counts add up"
run search --count "mùa gặt"
is "$(cat "$out")" "$(count "WHERE title LIKE '%mùa gặt'")" \
	"the index holds exactly the rows left"

run prune -q --before 2017 --exported nightly --yes --progress json
expect_code 0 "a second run finishes"
is "$(grep '^{' "$errf" | tail -1 | jq -c '[.done, .ok, .deleted]')" \
	"[true,true,$((left - 1))]" "progress as JSON Lines"
is "$(count "WHERE published < '2017'")" 1 \
	"only the article no export holds is left of 2016"
is "$(count "WHERE published >= '2018'")" 10000 "2018 untouched"
run check
expect_code 0 "check passes"
run search --count '"năm 2016"'
is "$(cat "$out")" 1 "search finds no deleted article"
run search --count '"năm 2018"'
is "$(cat "$out")" 10000 "and every kept one"

# space: a new database vacuums incrementally
is "$(sqlite3 "$NEWSCTL_DB" 'PRAGMA auto_vacuum')" 2 \
	"new databases use incremental vacuum"
is "$(sqlite3 "$NEWSCTL_DB" 'PRAGMA freelist_count')" 0 \
	"no free pages are left inside the file"
run prune --before 2019 --exported nightly --yes --source nowhere
expect_code 1 "--source narrows (nothing from 'nowhere')"
run prune --before notadate --exported nightly
expect_code 2 "a bad date is refused"

done_testing
