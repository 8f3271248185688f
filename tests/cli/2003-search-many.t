#!/bin/sh
# A query that matches many articles (over 5,000) is ranked in two tiers:
# the articles that match it in the headline or lead first, then the
# others. Paging through the whole list gives every match exactly once.
. "$(dirname "$0")/lib.sh"

# 5,010 rows: 6 with the word in the headline, the rest in the body only,
# with a different number of repeats so that their scores differ.
awk 'BEGIN {
	print "id,title,content"
	for (i = 1; i <= 5010; i++) {
		if (i % 835 == 0)
			printf "r%d,Mưa lớn ở vùng %d,Tin số %d về thời tiết.\n", i, i, i
		else {
			body = ""
			for (j = 0; j <= i % 7; j++)
				body = body " mưa rào"
			printf "r%d,Thời tiết vùng %d,Bản tin %d:%s.\n", i, i, i, body
		}
	}
}' >"$tmp/many.csv"
run ingest --quiet "$tmp/many.csv"
expect_code 0 "ingest 5,010 rows"

run search --count mưa
is "$(cat "$out")" 5010 "--count counts every match"
run search --ids --limit 6 mưa
is "$(sort "$out" | tr '\n' ' ')" "$(newsctl search --ids --limit 100 title:mưa | sort | tr '\n' ' ')" \
	"the six headline matches come first"
run search --ids --limit 3 --offset 4 mưa
is "$(head -n 2 "$out" | sort | tr '\n' ' ')" \
	"$(newsctl search --ids --limit 2 --offset 4 title:mưa | sort | tr '\n' ' ')" \
	"a page across the tiers starts with the end of the first"

: >"$tmp/all"
for off in 0 1000 2000 3000 4000 5000; do
	newsctl search --ids --limit 1000 --offset $off mưa >>"$tmp/all"
done
is "$(wc -l <"$tmp/all" | tr -d ' ')" 5010 "pages of 1,000 give 5,010 ids"
is "$(sort -u "$tmp/all" | wc -l | tr -d ' ')" 5010 "each once"
run search --ids --limit 20 --offset 5000 mưa
is "$(wc -l <"$out" | tr -d ' ')" 10 "the last page holds the last ten"

# the order within the second tier is the score's: the best body match
# on the first page after the headlines is the one search ranks first
# among body matches alone
run search --ids --limit 1 --offset 6 mưa
is "$(cat "$out")" "$(newsctl search --ids --limit 1 'mưa -title:mưa')" \
	"the second tier is ranked by score"

# Split, the first tier is read headline first: six articles hold "mây"
# once in a long headline, fifty many times in the lead only (whose
# score alone would rank them above the headlines), the rest in the body.
# (Three headlines have "giông" in the body, for the NOT below; 590 more
# articles hold "mây" in the body only.)
awk 'BEGIN {
	print "id,source.name,title,lead,content"
	for (i = 1; i <= 5600; i++) {
		if (i % 1670 == 0)
			printf "m%d,Tin,Tin dự báo thời tiết hôm nay ở vùng núi số %d có mây,Tin vắn %d.,Bản tin %d: có giông.\n", i, i, i, i
		else if (i % 835 == 0)
			printf "m%d,Tin,Tin dự báo thời tiết hôm nay ở vùng núi số %d có mây,Tin vắn %d.,Bản tin %d.\n", i, i, i, i
		else if (i % 100 == 0 && i <= 5010)
			printf "m%d,Tin,Thời tiết vùng %d,Mây mây mây mây kéo đến %d.,Bản tin %d.\n", i, i, i, i
		else
			printf "m%d,Tin,Thời tiết vùng %d,Tin vắn %d.,Bản tin %d: trời có mây.\n", i, i, i, i
	}
}' >"$tmp/clouds.csv"
run --db "$tmp/clouds.db" ingest --quiet "$tmp/clouds.csv"
run --db "$tmp/clouds.db" search --ids --no-collapse --limit 56 mây
head -n 6 "$out" | sort >"$tmp/first"
newsctl --db "$tmp/clouds.db" search --ids --no-collapse --limit 0 title:mây |
	sort >"$tmp/titles"
check "the six headlines come first" cmp -s "$tmp/first" "$tmp/titles"
sed -n '7,56p' "$out" | sort >"$tmp/next"
newsctl --db "$tmp/clouds.db" search --ids --no-collapse --limit 0 lead:mây |
	sort >"$tmp/leads"
check "then the fifty leads" cmp -s "$tmp/next" "$tmp/leads"
cp "$out" "$tmp/unfiltered"
run --db "$tmp/clouds.db" search --ids --no-collapse --limit 56 --source Tin mây
check "a filter splits the same way" cmp -s "$out" "$tmp/unfiltered"
run --db "$tmp/clouds.db" search --json --no-collapse --limit 60 mây
check "shown scores fall with the rank across the parts" sh -c \
	"jq -r .score '$out' | sort -g -r -c"
# NOT is split too, and excludes what the body holds in every part
newsctl --db "$tmp/clouds.db" search --ids --no-collapse --limit 0 mây |
	sort >"$tmp/may"
newsctl --db "$tmp/clouds.db" search --ids --no-collapse --limit 0 giông |
	sort >"$tmp/giong"
run --db "$tmp/clouds.db" search --ids --no-collapse --limit 0 'mây -giông'
is "$(sort "$out" | tr '\n' ' ')" "$(comm -23 "$tmp/may" "$tmp/giong" | tr '\n' ' ')" \
	"mây -giông: every article with mây but none with giông"
is "$(wc -l <"$out" | tr -d ' ')" 5597 "5,597 of them"
is "$(head -n 3 "$out" | sort | tr '\n' ' ')" \
	"$(comm -23 "$tmp/titles" "$tmp/giong" | tr '\n' ' ')" \
	"the three headlines without giông first"

# a prefix query reads a page of up to 1,000 hits in one pass over its
# matches, a longer one hit by hit: both give the same hits, fields and
# snippets in the same order
newsctl search --json --limit 1001 'mư*' | head -n 30 >"$tmp/long"
run search --json --limit 30 'mư*'
is "$(cat "$out")" "$(cat "$tmp/long")" "a prefix page in one pass"
newsctl search --json --limit 1001 'mư*' | sed -n '13,17p' >"$tmp/long"
run search --json --limit 5 --offset 12 'mư*'
is "$(cat "$out")" "$(cat "$tmp/long")" "a later prefix page"
like "$(sed -n 1p "$out")" '"snippet"' "with its snippet"

done_testing
