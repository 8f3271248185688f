#!/bin/sh
# Fields recovered from the end and the top of an article: the byline
# apart from the source credit, the lead of a page dump, a date line with
# a spaced zone, and a warning naming the file whose weekday is wrong.
. "$(dirname "$0")/lib.sh"

credit=$fixtures/articles/credit.txt
weekday=$fixtures/articles/pm-wrong-weekday.txt

run ingest "$credit" "$weekday"
expect_code 0 "a wrong weekday does not fail the ingest"
like "$(cat "$errf")" "2 added, 0 unchanged, 0 failed" "both articles are stored"
like "$(cat "$errf")" "^newsctl: ingest: '$weekday': the weekday in 'Thứ sáu, 12/10/2017, 03:45 CH' is not that of 2017-10-12" \
	"the warning names the file and the date line"
is "$(grep -c weekday "$errf")" 1 "one warning"

run show --json 1
jq_is .byline "Lan Anh" "the author's name is the byline"
jq_is .credit "Theo TTXVN" "the agency is the credit"
jq_is .published "2019-01-24T00:46:33+07:00" "a date line with \"GMT +7\""
like "$(jq -r .lead "$out")" "^Cơn mưa kéo dài suốt đêm qua" "the opening paragraph is the lead"
is "$(jq -r .body "$out" | grep -c .)" 2 "the body holds two paragraphs"
like "$(jq -r .body "$out" | tail -1)" "hạn chế ra đường\.$" \
	"and neither the byline nor the credit"
run show 1
like "$(cat "$out")" "^credit: +Theo TTXVN$" "show prints the credit"

run search --count 'author:"Lan Anh"'
is "$(cat "$out")" 1 "author: finds the author"
run search --count 'author:TTXVN'
is "$(cat "$out")" 1 "author: finds the credit too"
run search --count TTXVN
is "$(cat "$out")" 0 "plain words do not look at it (nor at the byline)"
run check
expect_code 0 "the index agrees with the stored byline and credit"
run search --count 'lead:"cơn mưa"'
is "$(cat "$out")" 1 "lead: finds the lead of a page dump"

run ingest "$weekday"
expect_code 0 "an unchanged article"
like "$(cat "$errf")" "0 added, 1 unchanged" "is counted unchanged"

# the credit goes through an export and back
run export -o "$tmp/out.tar.zst"
expect_code 0 "export"
NEWSCTL_DB=$tmp/copy.db run import "$tmp/out.tar.zst"
expect_code 0 "import into a new database"
NEWSCTL_DB=$tmp/copy.db run show --json 1
jq_is .credit "Theo TTXVN" "the credit survives export and import"

done_testing
