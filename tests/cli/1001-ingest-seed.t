#!/bin/sh
# The sample article: every field recovered, stored once.
. "$(dirname "$0")/lib.sh"

run ingest "$top/seeds/"
expect_code 0 "ingesting seeds/ succeeds"
like "$(cat "$errf")" "1 added, 0 unchanged, 0 failed" "the summary counts one article"

run show --json 1
expect_code 0 "show --json succeeds"
check "show --json prints valid JSON" jq -e . "$out"
jq_is .section "Các đơn vị thuộc thành phố" "section from the 'title' line"
jq_is .title "Đẩy mạnh phong trào thi đua dân vận khéo sâu rộng và thiết thực hơn" "headline"
jq_is .published "2017-10-12T04:18:00+07:00" "published, SA read as a.m., UTC+7"
jq_is .byline "Minh Hải" "byline"
jq_is .views 1728 "view count"
jq_is '.captions | length' 1 "one caption"
like "$(jq -r '.captions[0]' "$out")" "Ảnh: Long Hồ$" "the caption keeps its credit"
like "$(jq -r .lead "$out")" "^Sáng 12-10-2017, .*năm 2017\.$" "the opening paragraph is the lead"
like "$(jq -r .body "$out")" "^Đến dự " "the body starts after the lead"
like "$(jq -r .body "$out")" "năm 2017\.$" "the body ends at the last paragraph"
body=$(jq -r .body "$out")
for chrome in "Cỡ chữ" "Màu chữ" "Số lượng lượt xem" "Bình chọn" "Tin mới hơn" "Tin đã đưa" "Ảnh: Long Hồ" "Minh Hải"; do
	case $body in
	*"$chrome"*) tap_result 1 "the body has no '$chrome'" ;;
	*) tap_result 0 "the body has no '$chrome'" ;;
	esac
done
jq_is .encoding "UTF-8" "encoding recorded"
like "$(jq -r .hash "$out")" "^[0-9a-f]{64}$" "hash is a hex SHA-256"
jq_is .origin "$top/seeds/000_24022134b924370a.txt" "origin is the file path"

run search --count 'lead:"truyền thống công tác dân vận"'
is "$(cat "$out")" 1 "lead: searches the lead"
run search --count 'lead:"Tất Thành Cang"'
is "$(cat "$out")" 0 "and not the body"

run show --raw 1
check "show --raw gives back the original bytes" cmp "$out" "$top/seeds/000_24022134b924370a.txt"

run ingest "$top/seeds/"
expect_code 0 "re-ingesting succeeds"
like "$(cat "$errf")" "0 added, 1 unchanged, 0 failed" "re-ingesting reports unchanged"
run stats --json
jq_is .articles 1 "the article is stored once"

run_in "$top/seeds/000_24022134b924370a.txt" ingest -
like "$(cat "$errf")" "0 added, 1 unchanged" "the same article on standard input is unchanged"

run search "dân vận khéo"
expect_code 0 "the seed is found"
like "$(cat "$out")" "^1 +2017-10-12 04:18 +Đẩy mạnh phong trào" "the hit shows id, date and headline"

done_testing
