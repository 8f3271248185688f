#!/bin/sh
# Near-duplicates: copies of one story made the ways the web makes them
# join one cluster at ingest, its canonical member the earliest; stories
# on the same topic, short items and items sharing only boilerplate do
# not; ingest in several runs gives the clusters of one; newsctl dups
# lists clusters in every format, filtered as search is, and clusters
# again at another threshold.
. "$(dirname "$0")/lib.sh"

d=$fixtures/dups
base="replace(X, rtrim(X, replace(X, '/', '')), '')"
name() { printf '%s' "$base" | sed "s/X/$1/g"; }

# the file name of the canonical member of FILE's cluster, or "none"
canonical_of() {
	sqlite3 "$NEWSCTL_DB" "SELECT coalesce((SELECT $(name c.origin)
		FROM dup x JOIN articles c ON c.id = x.cluster
		WHERE x.article = a.id), 'none')
		FROM articles a WHERE a.origin LIKE '%/$1'"
}

# every clustered article beside its canonical member, by file name
clusters() {
	sqlite3 "$1" "SELECT $(name a.origin) || ' ' || $(name c.origin)
		FROM dup x JOIN articles a ON a.id = x.article
		JOIN articles c ON c.id = x.cluster ORDER BY 1"
}

run ingest "$d"
expect_code 0 "the fixtures are ingested"
for kind in furniture byline dropped added headline tone encoding.cp1258; do
	is "$(canonical_of $kind.txt)" original.txt \
		"a copy with $kind changed joins the original's cluster"
done
is "$(canonical_of original.txt)" original.txt \
	"the earliest published is the canonical member"
for other in negative-topic negative-other; do
	is "$(canonical_of $other.txt)" none "$other is not a copy"
done
for item in short-1 short-2 notice-1 notice-2; do
	is "$(canonical_of $item.txt)" none \
		"$item (short, or boilerplate alike) is not clustered"
done

# incremental: three runs, in another order, give the same clusters
one=$(clusters "$NEWSCTL_DB")
export NEWSCTL_DB="$tmp/runs.db"
run ingest "$d/tone.txt" "$d/negative-topic.txt" "$d/headline.txt"
run ingest "$d/short-2.txt" "$d/added.txt" "$d/encoding.cp1258.txt" \
	"$d/notice-1.txt"
run ingest "$d"
expect_code 0 "the last run adds the rest"
is "$(clusters "$NEWSCTL_DB")" "$one" "three runs cluster as one run does"
is "$(sqlite3 "$NEWSCTL_DB" 'SELECT count(*) FROM dup')" 8 \
	"the cluster has the original and its seven copies"

orig=$(sqlite3 "$NEWSCTL_DB" "SELECT id FROM articles
	WHERE origin LIKE '%/original.txt'")
run dups
expect_code 0 "dups lists the cluster"
like "$(head -n 1 "$out")" "^$orig  2017-10-12 07:00  Quảng Hòa khởi công" \
	"text: the canonical member first"
like "$(sed -n 2p "$out")" "^    8 articles: $orig( [0-9]+){7}$" \
	"text: the size and the ids"
run dups --format json
jq_is '[.cluster, .size, .id, (.members | length), .members[0]] | @tsv' \
	"$orig	8	$orig	8	$orig" "json: cluster, size, id and members"
run dups --format tsv
is "$(cut -f 1,2,5 "$out")" \
	"$orig	8	Quảng Hòa khởi công cầu vượt sông Thủy Lâm trị giá 1.200 tỷ đồng" \
	"tsv: cluster, size, title"
run dups --format ids
is "$(cat "$out")" "$orig" "ids: the canonical member"
run dups --min-size 9
expect_code 1 "no cluster of nine"
run dups --min-size 1
expect_code 2 "a cluster has two articles or more"
run dups --source 'Tin Nhanh'
is "$(head -c ${#orig} "$out")" "$orig" "a member's source selects the cluster"
run dups --source 'Báo Thể Thao'
expect_code 1 "a source without copies selects none"
run dups bóng đá
expect_code 1 "a query matching no member selects none"
run dups --until 2017-10-11
expect_code 1 "no member published before"
run dups --format ids cầu Thủy Lâm
is "$(cat "$out")" "$orig" "a query matching members selects the cluster"

run show --format json "$orig"
is "$(jq -c '.copies | length' "$out")" 7 "show lists the seven copies"
run show "$orig"
like "$(grep '^copies:' "$out")" '^copies:   ( [0-9]+){7}$' "and as text"
other=$(sqlite3 "$NEWSCTL_DB" "SELECT id FROM articles
	WHERE origin LIKE '%/negative-topic.txt'")
run show --format json "$other"
jq_is '.copies | length' 0 "an article without copies lists none"
run stats --format json
jq_is '[.clusters, .copies] | @tsv' "1	7" "stats counts clusters and copies"

# search shows a cluster once, as its best-ranked member
run search --format json cầu Thủy Lâm
is "$(jq -s -c '[.[].copies]' "$out")" "[7,0]" \
	"json: the story once, standing for seven copies, and the other story"
run search cầu Thủy Lâm
like "$(head -n 1 "$out")" ' \(\+7 copies\)$' "text: (+7 copies)"
is "$(grep -c '^[0-9]' "$out")" 2 "text: two hits"
run search --format tsv cầu Thủy Lâm
is "$(cut -f 9 "$out" | tr '\n' ' ')" "7 0 " "tsv: the copies column"
run search --format ids cầu Thủy Lâm
is "$(wc -l <"$out")" 2 "ids: one line a story"
run search --count cầu Thủy Lâm
is "$(cat "$out")" 2 "--count counts as shown"
run search --no-collapse --count cầu Thủy Lâm
is "$(cat "$out")" 9 "--no-collapse --count counts every copy"
run search --count --since 1900 cầu Thủy Lâm
is "$(cat "$out")" "$(newsctl search --format ids --limit 0 --since 1900 cầu Thủy Lâm | wc -l)" \
	"with a filter too, --count counts as shown"
run search --no-collapse --format json cầu Thủy Lâm
is "$(jq -s -c '[.[].copies] | add' "$out")" 0 "--no-collapse lists every copy"
run search --format ids --sort date --limit 1 --offset 1 Quảng Hòa
is "$(cat "$out")" "$(sqlite3 "$NEWSCTL_DB" "SELECT id FROM articles
	WHERE origin LIKE '%/encoding.cp1258.txt'")" \
	"newest first, the offset counts stories: the newest copy stands"
run search --format ids --limit 1 --offset 1 cầu Thủy Lâm
is "$(cat "$out")" "$other" "ranked, the offset counts stories"

# export --canonical: one article a cluster and every other article
run export --canonical -o "$tmp/canon.tar.gz"
expect_code 0 "export --canonical succeeds"
bsdtar -xOf "$tmp/canon.tar.gz" manifest.jsonl >"$tmp/manifest"
is "$(wc -l <"$tmp/manifest")" 7 "the canonical member and six others"
is "$(jq -r 'select(.id == '"$orig"') | .id' "$tmp/manifest")" "$orig" \
	"the canonical member is exported"
is "$(jq -r 'select(.title | test("Thủy Lâm|Thuỷ Lâm")) | .id' \
	"$tmp/manifest")" "$orig" "its copies are not"
run export -o "$tmp/all.tar.gz"
is "$(bsdtar -xOf "$tmp/all.tar.gz" manifest.jsonl | wc -l)" 14 \
	"without --canonical every copy is exported"

run dups --threshold 0.95 --format json
expect_code 0 "clustering again at 0.95"
like "$(jq -r .size "$out")" '^[2-7]$' "a higher threshold keeps fewer copies"
is "$(sqlite3 "$NEWSCTL_DB" "SELECT value FROM meta
	WHERE key = 'dup_threshold'")" 0.95 "the threshold is recorded"
run dups --threshold 0.6 --format json
jq_is .size 8 "and 0.6 gives the cluster back"
run dups --threshold 1.5
expect_code 2 "a threshold above 1 is refused"

# a database of schema 5 (no signatures) gets them when opened
cp "$fixtures/db/schema-v5.db" "$tmp/v5.db"
export NEWSCTL_DB="$tmp/v5.db"
is "$(sqlite3 "$tmp/v5.db" 'PRAGMA user_version')" 5 "the fixture is at 5"
run dups --format json
expect_code 0 "the old database is migrated and clustered"
is "$(sqlite3 "$tmp/v5.db" 'PRAGMA user_version')" 10 "the schema is now 10"
is "$(clusters "$tmp/v5.db")" "dropped.txt original.txt
headline.txt original.txt
original.txt original.txt" "its copies are clustered, the other story not"
is "$(sqlite3 "$tmp/v5.db" 'SELECT count(DISTINCT article) FROM dup_band')" \
	4 "every stored article is signed"
run ingest "$d/tone.txt"
is "$(canonical_of tone.txt)" original.txt \
	"a later copy joins the migrated cluster"

done_testing
