#!/bin/sh
# JSON Lines exports: nested keys, arrays, default key names, bad lines
# reported with their line number, idempotent re-ingest.
. "$(dirname "$0")/lib.sh"

jl=$fixtures/exports/tin-mau.jsonl

run ingest "$jl"
expect_code 1 "bad lines fail the run with status 1"
like "$(cat "$errf")" "'$jl' line 4: invalid JSON" "invalid JSON is named by file and line"
like "$(cat "$errf")" "'$jl' line 5: not a JSON object" "an array line is not an object"
like "$(cat "$errf")" "'$jl' line 6: missing body" "a blank body is missing"
like "$(cat "$errf")" "3 added, 0 unchanged, 3 failed" "the good lines land"

run show --json 1
jq_is .title "Mưa lớn kéo dài ở các tỉnh miền Trung" "headline key"
jq_is .external_id j-01 "doc_id key"
jq_is .url https://bao-mau.vn/thoi-tiet/j-01.html "link key"
jq_is .published 2026-02-03T06:15:00+07:00 "a Z time crosses midnight into +07:00"
jq_is .source "Báo Mẫu" "source.name inside an object"
jq_is .section "Thời tiết" "category.primary inside an object"
jq_is .byline "Hải Yến, Quốc Bảo" "an array of authors is joined"
jq_is .lead "Người dân được khuyên hạn chế ra đường." "sapo key"
jq_is .body "$(printf 'Mưa to đến rất to xảy ra từ đêm qua.\n\nNhiều tuyến đường bị ngập sâu.')" \
	"content.text inside an object, one paragraph per line"
jq_is .origin "$jl:1" "origin file:LINE"

run show --json 2
jq_is '.body | split("\n\n") | length' 2 "an array body is one paragraph per item"
jq_is '.body | split("\n\n")[0]' "Thư viện thành phố mở cửa cả ngày mùng một." \
	"the first item is the first paragraph"
jq_is .published 2026-02-01T19:05:00+07:00 "a Vietnamese date in a JSON string"
jq_is .source tin.vi-du.vn "no source key: the URL's host"

run show --json 3
jq_is .origin "$jl:7" "the line after the blank and bad lines is line 7"
jq_is .body "Giá vàng miếng giảm năm trăm nghìn đồng mỗi lượng." "the text key"

run ingest "$jl"
like "$(cat "$errf")" "0 added, 3 unchanged, 3 failed" "ingesting the export again adds nothing"

run_in "$jl" ingest -
like "$(cat "$errf")" "0 added, 3 unchanged, 3 failed" "JSON Lines on standard input is found by its content"

cp "$jl" "$tmp/export.data"
run ingest --format jsonl "$tmp/export.data"
like "$(cat "$errf")" "0 added, 3 unchanged, 3 failed" "--format jsonl"

run ingest --format xml "$jl"
expect_code 2 "an unknown --format is a usage error"

done_testing
