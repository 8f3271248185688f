#!/bin/sh
# Filters and newest-first pages as a large archive needs them: each match
# is checked against its date, source and section in the index
# articles_keys (schema 10), and the newest matches of a common word are
# found by walking the dates and asking the index about each article.
# Both ways must give what the table holds: after ingest, after prune, and
# after an ingest killed half way.
. "$(dirname "$0")/lib.sh"

db=$NEWSCTL_DB
# rows FIRST LAST: CSV rows over 20 years and two sources; "nắng" in
# nine headlines of ten (common: the walk), "bão" in one of 97 (rare).
rows() {
	awk -v first="$1" -v last="$2" 'BEGIN {
		print "id,title,published_at,source.name,content.text"
		for (i = first; i <= last; i++) {
			w = i % 10 ? "Trời nắng" : "Trời mưa"
			if (i % 97 == 0)
				w = w " có bão"
			printf "r%d,%s ở xã %d,%04d-%02d-%02d,%s,", i, w, i,
				2000 + i % 20, 1 + i % 12, 1 + i % 28,
				i % 3 ? "Tin A" : "Tin B"
			printf "Bản tin số %d kể chuyện xã %d vào mùa %d.\n", i, i * 7, i % 5
		}
	}'
}

# agree WHEN: every way of reading a filtered page gives the table's answer
agree() {
	for q in nắng bão; do
		like=$( [ $q = nắng ] && echo "Trời nắng%" || echo "%bão%")
		run search --ids --no-collapse --limit 30 --sort date "$q"
		is "$(tr '\n' ' ' <"$out")" "$(sqlite3 "$db" "SELECT id FROM articles
			WHERE title LIKE '$like' ORDER BY published DESC, id DESC
			LIMIT 30" | tr '\n' ' ')" "$1: newest 30 of $q"
		run search --ids --no-collapse --limit 10 --offset 40 --sort date \
			"date:2003..2011 $q"
		is "$(tr '\n' ' ' <"$out")" "$(sqlite3 "$db" "SELECT id FROM articles
			WHERE title LIKE '$like' AND published >= '2003'
			AND published < '2012' ORDER BY published DESC, id DESC
			LIMIT 10 OFFSET 40" | tr '\n' ' ')" \
			"$1: a later page of $q newest first within dates"
		run search --ids --no-collapse --limit 30 --sort date \
			--source "Tin B" "$q"
		is "$(tr '\n' ' ' <"$out")" "$(sqlite3 "$db" "SELECT id FROM articles
			WHERE title LIKE '$like' AND source = 'Tin B'
			ORDER BY published DESC, id DESC LIMIT 30" | tr '\n' ' ')" \
			"$1: newest 30 of $q from one source"
		run search --ids --no-collapse --limit 0 "date:2005 $q"
		is "$(sort -n "$out" | tr '\n' ' ')" "$(sqlite3 "$db" "SELECT id
			FROM articles WHERE title LIKE '$like'
			AND published LIKE '2005%' ORDER BY id" | tr '\n' ' ')" \
			"$1: every match of $q in 2005, ranked"
		run search --count --source "Tin A" "$q"
		is "$(cat "$out")" "$(sqlite3 "$db" "SELECT count(*) FROM articles
			WHERE title LIKE '$like' AND source = 'Tin A'")" \
			"$1: the count of $q from one source"
	done
	check "$1: the index agrees with the table" \
		test "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok
	run check
	expect_code 0 "$1: newsctl check finds nothing wrong"
}

rows 1 3000 >"$tmp/a.csv"
run ingest --quiet "$tmp/a.csv"
expect_code 0 "3,000 rows are ingested"
check "the filter index is there" \
	test "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master
		WHERE name = 'articles_keys'")" = 1
agree "after ingest"
# A filter keeps the order of the hits it lets through: the sequence's
# tier first, each ranked as without the filter (under 5,000 matches,
# neither is split by headline and lead).
for q in "trời nắng" "nắng ở xã" "có bão"; do
	newsctl search --ids --no-collapse --limit 0 "$q" >"$tmp/all"
	sqlite3 "$db" "SELECT id FROM articles WHERE source = 'Tin B'" |
		sort >"$tmp/b-ids"
	awk 'NR == FNR { b[$1] = 1; next } $1 in b' "$tmp/b-ids" "$tmp/all" \
		>"$tmp/want"
	run search --ids --no-collapse --limit 0 --source "Tin B" "$q"
	check "'$q' from one source: the unfiltered order, filtered" \
		cmp -s "$out" "$tmp/want"
done
# The sequence's tier is ranked by the sequence: twice in one article
# beats once among many of its words apart, with a filter too.
{ echo "id,title,published_at,source.name,content.text"
  echo "p1,Tin một,2020-01-01,S,Hôm qua nắng ở xã Đông. Nắng gắt. Trời nắng. Nắng to. Nắng vàng. Xã vắng. Xã nhỏ. Xã xa. Xã đẹp. Ở nhà. Ở quê. Ở đây. Ở đó."
  echo "p2,Tin hai,2020-01-01,S,Chiều nay nắng ở xã Tây. Mai lại nắng ở xã Tây."
} >"$tmp/two.csv"
run --db "$tmp/two.db" ingest --quiet "$tmp/two.csv"
run --db "$tmp/two.db" search --ids --no-collapse --limit 0 "nắng ở xã"
is "$(tr '\n' ' ' <"$out")" "2 1 " "the sequence twice ranks first"
run --db "$tmp/two.db" search --ids --no-collapse --limit 0 --source S \
	"nắng ở xã"
is "$(tr '\n' ' ' <"$out")" "2 1 " "and so with a filter"

run export --incremental n -o "$tmp/n.tar"
run prune --before 2004 --exported n --yes
expect_code 0 "prune deletes the articles before 2004"
is "$(sqlite3 "$db" "SELECT count(*) FROM articles WHERE published < '2004'")" 0 \
	"none is left"
agree "after prune"

# A kill during ingest leaves the articles committed so far, each with
# its keys, or none; ingesting again completes them. A fast machine may
# end an ingest before its kill: then a new file, killed sooner.
landed=0 first=3001
for delay in 0.5 0.2 0.1 0.05 0.02 0.01; do
	rows $first $((first + 39999)) >"$tmp/b.csv"
	before=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
	"$NEWSCTL" ingest --quiet "$tmp/b.csv" 2>/dev/null &
	pid=$!
	sleep $delay
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	n=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
	if [ "$n" -lt $((before + 40000)) ]; then
		landed=1
		break
	fi
	first=$((first + 40000))
done
check "a kill landed during ingest ($((n - before)) of 40,000 stored)" \
	test $landed = 1
agree "after a kill during ingest"
run ingest --quiet "$tmp/b.csv"
expect_code 0 "ingesting again completes the file"
is "$(sqlite3 "$db" 'SELECT count(*) FROM articles')" $((before + 40000)) \
	"every row is stored once"
agree "after ingesting again"

# An old database gets the index when opened (0003 migrates from 2).
sqlite3 "$db" "DROP INDEX articles_keys; PRAGMA user_version=9"
run search --count nắng
expect_code 0 "a database at schema 9 is searched"
is "$(sqlite3 "$db" 'PRAGMA user_version')" 10 "and is now at 10"
agree "after the migration"

done_testing
