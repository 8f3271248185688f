#!/bin/sh
# After an ingest that adds a large share of the database, the full-text
# index is merged into one segment; a small ingest into a larger database
# leaves it to FTS5. Either way searches find the same articles, and the
# index agrees with its rows.
. "$(dirname "$0")/lib.sh"

db=$NEWSCTL_DB
segments() { sqlite3 "$db" 'SELECT count(DISTINCT segid) FROM articles_fts_idx'; }
ids() { newsctl --db "$1" search --ids --limit 100 "$2" | sort | tr '\n' ' '; }

# one article at a time: each of the first four is a quarter or more of
# the database and is merged in; the next three are not
for f in "$fixtures"/search/*.txt; do
	newsctl ingest --quiet "$f"
done
is "$(segments)" 4 "small ingests into a larger database leave segments"
newsctl ingest --quiet "$fixtures/search/" "$fixtures/rank/"
n=$(ls "$fixtures/search/" "$fixtures/rank/" | grep -c '\.txt$')
is "$(newsctl stats --json | jq .articles)" "$n" "every article stored"
is "$(segments)" 1 "an ingest of half the database merges the index"

# the same articles in one ingest: the same hits
newsctl --db "$tmp/one.db" ingest --quiet "$fixtures/search/" "$fixtures/rank/"
for q in 'dân vận' 'gia vang' 'cắt điện' 'hòa bình'; do
	is "$(ids "$db" "$q")" "$(ids "$tmp/one.db" "$q")" "merged index: $q"
done
like "$(ids "$db" 'dân vận')" '[0-9]' "the merged index finds articles"
run check
expect_code 0 "the merged index agrees with its rows"

# a small ingest leaves a segment; reindex rebuilds and merges the index
newsctl ingest --quiet "$fixtures/articles/plain.txt"
is "$(segments)" 2 "a small ingest adds a segment"
newsctl reindex --quiet
is "$(segments)" 1 "reindex leaves one segment"
is "$(ids "$db" 'gia vang')" "$(ids "$tmp/one.db" 'gia vang')" "reindexed: the same hits"

done_testing
