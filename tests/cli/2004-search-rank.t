#!/bin/sh
# Search ranking: the query as typed before its words apart, with and
# without diacritics; a sequence broken by a clause after a clean one;
# ordered neighbours before reversed ones (fixtures/rank).
. "$(dirname "$0")/lib.sh"

# Articles that hold none of the query words, so that the words are rare
# enough in the collection for bm25 to weigh them.
mkdir -p "$tmp/other"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf 'Title: Giá cà phê tuần %s\nDate: %02d/02/2018 08:00\n\n%s\n' \
		"$i" "$i" "Thị trường cà phê tuần thứ $i tăng nhẹ so với tuần trước." \
		>"$tmp/other/$i.txt"
done
run ingest "$fixtures/rank/"
expect_code 0 "the ranking fixtures are ingested"
run ingest "$tmp/other/"
expect_code 0 "other articles are ingested"

# ids: the hits in rank order. Ids follow the fixture names (1 .. 8).
ids() {
	run search --ids "$@"
	tr '\n' ' ' <"$out" | sed 's/ $//'
}
first() {
	run search --ids "$@"
	head -1 "$out"
}

is "$(first "dân vận khéo")" "2" \
	"the phrase in the body ranks above its words in the headline"
is "$(first "dan van kheo")" "2" "... typed without diacritics as well"
is "$(first "Dân Vận Khéo")" "2" "... in any case"
is "$(first --limit 0 "dân vận khéo")" "2" "... with --limit 0"
is "$(first --since 2018 "dân vận khéo")" "2" "... with a filter"
is "$(ids --limit 0 "dân vận khéo" | tr ' ' '\n' | grep -n '^[56]$' |
	cut -d: -f2 | tr '\n' ' ' | sed 's/ $//')" "5 6" \
	"neighbours in the order typed rank above them reversed"

is "$(ids "dân vận" | cut -d' ' -f4-)" "3 1 6" \
	"a sequence across a comma ranks after clean ones, before words apart"
is "$(ids "dan van" | cut -d' ' -f4-)" "3 1 6" "... typed without diacritics"
is "$(ids --since 2018 "dân vận" | cut -d' ' -f4-)" "3 1 6" \
	"... with a filter"
is "$(ids "dân vận" | cut -d' ' -f1-3 | tr ' ' '\n' | sort | tr '\n' ' ' |
	sed 's/ $//')" "2 4 5" "the clean sequences come first"
is "$(ids --limit 2 --offset 2 "dân vận")" \
	"$(ids --limit 0 "dân vận" | cut -d' ' -f3-4)" \
	"pages are cut from the same order"

is "$(ids "đội hình siêu")" "8 7" \
	"a sequence into a quotation ranks after a plain one, title or not"
is "$(ids "doi hinh sieu")" "8 7" "... typed without diacritics"

run search --json "dân vận"
check "scores fall in rank order" sh -c \
	"jq -s -e '[.[].score] as \$s | \$s == (\$s | sort | reverse)' '$out'"
done_testing
