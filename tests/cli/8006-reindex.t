#!/bin/sh
# reindex in batches: killed in the middle, the next run continues and the
# index ends whole; articles ingested during a rebuild are indexed once;
# --progress json; prune waits for a whole index.
. "$(dirname "$0")/lib.sh"

awk 'BEGIN {
	for (i = 1; i <= 20000; i++) {
		printf "{\"title\":\"Tin %d về mùa gặt\",", i
		printf "\"published\":\"2016-03-12\",\"body\":\""
		for (j = 0; j < 6; j++)
			printf "Đoạn %d của tin %d: bà con gặt lúa sớm. ", j, i
		print "\"}"
	}
}' >"$tmp/in.jsonl"
run ingest -q "$tmp/in.jsonl"
expect_code 0 "ingest 20000 articles"
meta() { sqlite3 "$NEWSCTL_DB" "SELECT value FROM meta WHERE key='$1'"; }
docs() { sqlite3 "$NEWSCTL_DB" 'SELECT count(*) FROM articles_fts_docsize'; }

run reindex -q --progress json
expect_code 0 "reindex"
is "$(grep '^{' "$errf" | tail -1 | jq -c '[.command, .done, .ok, .indexed, .total]')" \
	'["reindex",true,true,20000,20000]' "progress as JSON Lines"
is "$(meta reindex)" "" "no rebuild is left under way"

# killed as soon as a reader sees the first batches indexed
mid=0
for try in 1 2 3; do
	"$NEWSCTL" reindex -q 2>/dev/null &
	pid=$!
	while kill -0 $pid 2>/dev/null &&
		[ "$(meta reindex_next)" = "" -o "$(meta reindex_next)" = 0 ]
	do
		:
	done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	n=$(docs)
	if [ "$n" -gt 0 ] && [ "$n" -lt 20000 ]; then
		mid=1
		break
	fi
done
echo "# killed at try $try with $n of 20000 articles indexed"
is "$mid" 1 "a rebuild was killed between batches"
run search --count '"mùa gặt"'
like "$(cat "$errf")" "newsctl reindex" \
	"search on the partial index says to run reindex"

# an ingest while the rebuild is stopped: indexed by the ingest, once
printf 'Tin mới về mùa gặt\n\nBà con gặt xong.\n' |
	run_in /dev/stdin ingest -q -
run reindex
expect_code 0 "the next run finishes"
# the ingested article was indexed by its ingest: one more done
like "$(cat "$errf")" "stopped \\($((n + 1)) of 20001 articles indexed" \
	"it continues where the killed one stopped"
is "$(docs)" 20001 "every article indexed once"
run search --count '"mùa gặt"'
is "$(cat "$out")" 20001 "search finds them all"
is "$(cat "$errf")" "" "and the rules are this newsctl's again"
run check
expect_code 0 "check passes (FTS5 integrity-check)"

# prune refuses a partial index: its deletes need the indexed tokens
run export -q --incremental n -o "$tmp/n.tar"
sqlite3 "$NEWSCTL_DB" "UPDATE meta SET value='rebuilding' WHERE key='index_rules'"
run prune --before 2017 --exported n --yes
expect_code 65 "prune refuses an index built with other rules"
like "$(cat "$errf")" "newsctl reindex" "and names the fix"
is "$(sqlite3 "$NEWSCTL_DB" 'SELECT count(*) FROM articles')" 20001 \
	"nothing was deleted"

done_testing
