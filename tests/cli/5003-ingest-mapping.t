#!/bin/sh
# Field mapping: --field overrides, --source-from url, --source, bad rows of
# every kind in CSV, a row over --max-size.
. "$(dirname "$0")/lib.sh"

own=$fixtures/exports/cot-rieng.csv
bad=$fixtures/exports/hong.csv

run ingest "$own"
expect_code 1 "columns the defaults do not know give no body"
like "$(cat "$errf")" "'$own' line 2: missing body" "the row is named"

run ingest --field id=ma_bai --field title=tieu_de --field date=ngay_dang \
	--field url=duong_dan --field author=tac_gia --field content=noi_dung \
	--field sapo=tom_tat "$own"
expect_code 0 "every field mapped with --field"
like "$(cat "$errf")" "2 added, 0 unchanged, 0 failed" "both rows land"
run show --json 1
jq_is .title "Nông dân thu hoạch lúa sớm" "title=tieu_de"
jq_is .external_id r-01 "id=ma_bai"
jq_is .published 2026-01-15 "date=ngay_dang, a day-first date"
jq_is .byline "Văn Tâm" "author=tac_gia"
jq_is .lead "Cánh đồng vàng rực từ đầu tháng." "sapo=tom_tat (an alias of lead)"
jq_is .body "Vụ đông xuân năm nay lúa chín sớm hơn mọi năm." "content=noi_dung"
jq_is .source nong-nghiep.vi-du.vn "no source column: the URL's host"
run show --json 2
jq_is .lead null "an empty mapped column leaves the field out"

run ingest --field mood=x "$own"
expect_code 2 "an unknown field in --field is a usage error"
like "$(cat "$errf")" "unknown field 'mood'" "the message names the field"
run ingest --field title "$own"
expect_code 2 "--field without '=' is a usage error"
run ingest --source-from mars "$own"
expect_code 2 "an unknown --source-from is a usage error"

csv=$fixtures/exports/tin-mau.csv
run ingest --source-from url "$csv"
run show --json 3
jq_is .source 24h.com.vn "--source-from url: the host without www."
run show --json 4
jq_is .source bao-mau.vn "--source-from url for the next row"
run ingest --source "Báo Mẫu" --field title=url "$csv"
like "$(cat "$errf")" "4 added" "another title mapping makes other articles"
run show --json 7
jq_is .source "Báo Mẫu" "--source wins over the source column"
jq_is .title "https://www.24h.com.vn/giao-thong/xe-buyt-dien-c46a0001.html" "title=url"

run ingest "$bad"
expect_code 1 "bad rows fail the run with status 1"
like "$(cat "$errf")" "'$bad' line 3: 4 fields, the header row has 3" "a row with an extra field"
like "$(cat "$errf")" "'$bad' line 4: unbalanced quote" "text after a closing quote"
like "$(cat "$errf")" "'$bad' line 5: missing body" "an empty body"
like "$(cat "$errf")" "'$bad' line 8: unbalanced quote: the quoted field from line 8 never ends" \
	"a quote that never closes"
like "$(cat "$errf")" "3 added, 0 unchanged, 4 failed" "the three good rows land"
run search "tốt cuối cùng"
like "$(cat "$out")" "Bài tốt cuối cùng" "the row after an unclosed quote is read"
run search "xuống dòng"
like "$(cat "$out")" "Bài tốt thứ hai" "a row with a newline inside a field is read"

run ingest --max-size 100 "$bad"
like "$(cat "$errf")" "'$bad' line 6: row of [0-9]+ bytes, over the size limit of 100" \
	"a row over --max-size is a bad row"
# The file is over --max-size, so it is read row by row: the quote that
# never closes (line 8) makes one row of the rest, over the limit too.
like "$(cat "$errf")" "'$bad' line 8: row of [0-9]+ bytes, over the size" \
	"read row by row, an unclosed quote runs to the end"
like "$(cat "$errf")" "0 added, 1 unchanged, 5 failed" "the small rows are still read"

done_testing
