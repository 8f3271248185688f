#!/bin/sh
# show and stats: fields, JSON, raw bytes, exit codes.
. "$(dirname "$0")/lib.sh"

seed=$top/seeds/000_24022134b924370a.txt
newsctl ingest --quiet --source "Báo Mẫu" "$seed" "$fixtures/articles/plain.txt"

run show 1
expect_code 0 "show prints an article"
like "$(head -1 "$out")" "^id: +1$" "the first line is the id"
like "$(cat "$out")" "^title: +Đẩy mạnh phong trào" "the title line"
like "$(cat "$out")" "^published: +2017-10-12T04:18:00\+07:00" "the date line"
like "$(cat "$out")" "^caption: .*Ảnh: Long Hồ" "the caption line"
like "$(cat "$out")" "^Sáng 12-10-2017, Ban Dân vận" "the body follows"

run show --json 2
check "show --json is valid JSON" jq -e . "$out"
jq_is .source "Báo Mẫu" "the source given at ingest"
jq_is '.captions | type' array "captions is an array"
jq_is '.views' null "unknown views are null"

run show --raw 2
check "show --raw gives back the original bytes" cmp "$out" "$fixtures/articles/plain.txt"

run show 99
expect_code 1 "a missing id exits 1"
like "$(cat "$errf")" "no article with id 99" "the error says so"
run show abc
expect_code 2 "a bad id is a usage error"
run show
expect_code 2 "no id is a usage error"
run show --json --raw 1
expect_code 2 "--json and --raw go alone"

run stats
expect_code 0 "stats succeeds"
like "$(cat "$out")" "^articles: +2$" "stats counts the articles"
run stats --json
check "stats --json is valid JSON" jq -e . "$out"
jq_is .articles 2 "articles"
jq_is .first "2017-10-12T04:18:00+07:00" "first is the earliest date"
jq_is .last "2018-03-05T14:20:00+07:00" "last is the latest date"
jq_is '.sources[0].source' "Báo Mẫu" "sources are listed"
jq_is '.sources[0].articles' 2 "with their counts"
jq_is '.db_bytes > 0' true "db_bytes"
run stats extra
expect_code 2 "stats takes no arguments"

done_testing
