#!/bin/sh
# CSV exports: quoted fields, "" escapes, embedded newlines, LF and CRLF
# row ends in one file, one article per row with its fields, origin
# file:LINE, site chrome removed, idempotent re-ingest.
. "$(dirname "$0")/lib.sh"

csv=$fixtures/exports/tin-mau.csv

run ingest "$csv"
expect_code 1 "a row without a body fails the run with status 1"
like "$(cat "$errf")" "'$csv' line 6: missing body" "the bad row is named by file and line"
like "$(cat "$errf")" "4 added, 0 unchanged, 1 failed" "the other four rows land"

run show --json 1
jq_is .title "Hà Nội mở thêm tuyến xe buýt điện" "title from the title column"
jq_is .external_id a001 "the id column is the external id"
jq_is .published 2026-01-15T08:30:00+07:00 "an ISO 8601 UTC date becomes +07:00"
jq_is .section giao-thong "section from category.primary"
jq_is .source "Minh An" "source from source.name"
jq_is .origin "$csv:2" "the origin is file:LINE"
jq_is .body "Sở Giao thông cho biết tuyến mới chạy từ sáng thứ hai." \
	"the 24h save notice is cut from the start of the body"

run show --json 2
jq_is .title "Giá rau tăng, chợ vẫn đông" "a quoted field keeps its comma"
jq_is .body "$(printf 'Người bán nói "giá rau muống" đã lên gấp đôi.\n\nDù vậy, chợ sáng vẫn đông khách.')" \
	"\"\" is a quote and a newline in a field starts a paragraph"
jq_is .origin "$csv:3" "the row spanning lines 3-4 starts on line 3"

run show --json 3
jq_is .origin "$csv:5" "the first CRLF row is on line 5"
jq_is .published 2026-01-17 "a YYYYMMDD date"
jq_is .body "Các cô gái ghi hai bàn, trong đó có một bàn, từ chấm phạt đền." \
	"a CRLF row's quoted field"

run show --json 4
jq_is .origin "$csv:7" "the last row, after the bad one, is on line 7"
jq_is .published 2026-01-19T08:00:00+07:00 "a Vietnamese date with weekday and zone"
jq_is .source bao-mau.vn "no source column value: the URL's host"

run search "Lưu bài viết"
expect_code 1 "the chrome is not in the index"

run ingest "$csv"
like "$(cat "$errf")" "0 added, 4 unchanged, 1 failed" "ingesting the export again adds nothing"

run ingest --source-from url "$csv"
like "$(cat "$errf")" "0 added, 4 unchanged" "nor does --source-from url"

run ingest --format text "$csv"
expect_code 0 "--format text reads the CSV as one article"
like "$(cat "$errf")" "1 added" "the whole file is one article"

run_in "$csv" ingest -
like "$(cat "$errf")" "'-' line 6: missing body" "CSV on standard input is found by its header row"
like "$(cat "$errf")" "0 added, 4 unchanged, 1 failed" "and its rows are the ones stored already"

done_testing
