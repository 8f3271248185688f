#!/bin/sh
# search --facet and stats --by: counts over every match, not the page,
# checked against counts made another way (jq over the JSON of every hit,
# and sqlite3 over the database).
. "$(dirname "$0")/lib.sh"

run ingest "$fixtures/search" "$fixtures/articles"
expect_code 0 "ingest the fixtures"

# jq's counts of FIELD over search --format json --limit 0 QUERY, as
# "value count" lines sorted; null as (none).
jq_counts() {
	field=$1
	shift
	"$NEWSCTL" search --format json --limit 0 "$@" |
		jq -r "$field // \"(none)\"" | sort | uniq -c |
		awk '{ n = $1; $1 = ""; sub(/^ /, ""); print $0 "\t" n }' | sort
}
facet_counts() {
	"$NEWSCTL" search --format json --limit 2 --facet "$@" |
		jq -r '[(.value // "(none)"), .articles] | @tsv' | sort
}

for q in "dan van" "giá vàng" "vàng OR điện"; do
	is "$(facet_counts source $q)" "$(jq_counts .source $q)" \
		"--facet source '$q' counts every match, not the page of 2"
	is "$(facet_counts section $q)" "$(jq_counts .section $q)" \
		"--facet section '$q'"
	is "$(facet_counts byline $q)" "$(jq_counts .byline $q)" \
		"--facet byline '$q'"
	is "$(facet_counts year $q)" \
		"$(jq_counts '(.published // "" | select(test("^[0-9]{4}"))
			| .[0:4])' $q)" "--facet year '$q'"
	is "$(facet_counts month $q)" \
		"$(jq_counts '(.published // "" | select(test("^[0-9]{4}-[0-9]{2}"))
			| .[0:7])' $q)" "--facet month '$q'"
done

run search --facet source --since 2017-10-01 --until 2017-10-31 dan van
expect_code 0 "facets take the filters"
is "$(awk '{ s += $1 } END { print s }' "$out")" \
	"$("$NEWSCTL" search --count --since 2017-10-01 --until 2017-10-31 \
		dan van)" "and count the filtered matches"
run search --facet source --format tsv dan van
like "$(head -1 "$out")" "^source	[^	]*	[0-9]+$" "TSV: facet, value, articles"
run search --facet source --format csv dan van
is "$(head -1 "$out" | tr -d '\r')" "facet,value,articles" "CSV header"
run search --facet year zzzkhongco
expect_code 1 "no match: exit 1"
run search --facet source --count dan
expect_code 2 "--facet with --count is refused"

db=$NEWSCTL_DB
sq() { sqlite3 -separator '	' "$db" "$1" | sort; }
run stats --by source --format tsv
is "$(cut -f2,3 "$out" | sort)" \
	"$(sq "SELECT coalesce(source, ''), count(*) FROM articles
		GROUP BY source")" "stats --by source as sqlite3 counts"
run stats --by section --format tsv
is "$(cut -f2,3 "$out" | sort)" \
	"$(sq "SELECT coalesce(section, ''), count(*) FROM articles
		GROUP BY section")" "stats --by section"
run stats --by month --format json
is "$(jq -r '[(.value // ""), .articles] | @tsv' "$out" | sort)" \
	"$(sq "SELECT CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
		THEN substr(published, 1, 7) ELSE '' END AS m, count(*)
		FROM articles GROUP BY m")" "stats --by month"
run stats --by year
like "$(head -1 "$out")" "^ +[0-9]+  [0-9]{4}$" "text: count, then year"
run stats --by year --format json
is "$(jq -r .value "$out" | grep -v null | sort -c && echo sorted)" \
	"sorted" "years in date order"
run stats --by weekday
expect_code 2 "an unknown field is refused"

done_testing
