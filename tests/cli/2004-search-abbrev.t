#!/bin/sh
# Search: how people type queries. Curly quotes, abbreviations and their
# spelling variants and long forms, --no-expand, the index rules.
. "$(dirname "$0")/lib.sh"

mkdir "$tmp/in"
doc() {
	printf 'Title: %s\n\n%s\n' "$2" "$3" >"$tmp/in/$1.txt"
}
doc 01 "Cử tri TP HCM đi bầu" "Hàng nghìn người đi bầu sớm."
doc 02 "Giá nhà ở TPHCM tăng" "Nhiều dự án mở bán."
doc 03 "Mưa lớn ở TP.HCM" "Nhiều tuyến đường ngập."
doc 04 "Thành phố Hồ Chí Minh mở rộng đường" "Dự án khởi công."
doc 05 "Ủy ban nhân dân tỉnh họp" "Bàn kế hoạch năm tới."
doc 06 "UBND huyện và Ủy ban nhân dân xã họp" "Cấp đất cho người dân."
doc 07 "Số ca Covid19 giảm" "Tin y tế."
doc 08 "Vắc xin COVID 19 về" "Tin y tế khác."
doc 09 "HĐND tỉnh họp" "Kỳ họp thứ năm."
doc 10 "Hội đồng nhân dân thành phố" "Bầu chủ tịch."
doc 11 "Dân vận khéo ở vùng cao" "Cán bộ làm công tác."
doc 12 "Khéo léo vận động người dân" "Cán bộ xã."
doc 13 "Thi THPT quốc gia" "Thí sinh dự thi trung học phổ thông."
doc 14 "CSGT xử phạt" "Lực lượng cảnh sát giao thông làm nhiệm vụ."
doc 15 "Phỏng vấn ĐBQH" "Đại biểu Quốc hội trả lời."
doc 16 "Theo TTXVN" "Thông tấn xã Việt Nam đưa tin."
run ingest "$tmp/in"
expect_code 0 "the abbreviation fixtures are ingested"

hits() {
	run search --ids --limit 0 "$@"
	sort -n "$out" | tr '\n' ' ' | sed 's/ $//'
}

is "$(hits TPHCM)" "1 2 3 4" "TPHCM finds TP HCM, TP.HCM and the long form"
is "$(hits TP.HCM)" "1 2 3 4" "TP.HCM finds the same"
is "$(hits '"TP HCM"')" "1 2 3 4" "\"TP HCM\" finds the same"
is "$(hits '"Tp. HCM"')" "1 2 3 4" "\"Tp. HCM\" finds the same"
is "$(hits '"thành phố Hồ Chí Minh"')" "1 2 3 4" \
	"the long form finds the abbreviations"
is "$(hits --no-expand TPHCM)" "1 2 3" \
	"--no-expand: the spelling variants still, the long form not"
is "$(hits UBND)" "5 6" "UBND finds Ủy ban nhân dân"
is "$(hits '"Uỷ ban nhân dân"')" "5 6" "Ủy ban nhân dân finds UBND"
is "$(hits --no-expand UBND)" "6" "--no-expand: UBND as typed"
is "$(hits covid19)" "7 8" "covid19 finds Covid19 and COVID 19"
is "$(hits Covid-19)" "7 8" "Covid-19 finds both"
is "$(hits HĐND)" "9 10" "HĐND finds Hội đồng nhân dân"
is "$(hits HDND)" "9 10" "HDND typed without diacritics as well"
is "$(hits THPT)" "13" "THPT"
is "$(hits '"trung học phổ thông"')" "13" "trung học phổ thông"
is "$(hits '"cảnh sát giao thông"')" "14" "CSGT"
is "$(hits '"đại biểu quốc hội"')" "15" "ĐBQH"
is "$(hits TTXVN --no-expand)" "16" "TTXVN"
is "$(hits '"thông tấn xã việt nam"')" "16" "TTXVN's long form"

run search --json UBND
jq -r 'select(.id == 6) | .title + " " + .snippet' "$out" >"$tmp/hl"
like "$(cat "$tmp/hl")" "<mark>UBND</mark>" "the abbreviation is highlighted"
like "$(cat "$tmp/hl")" "<mark>Ủy ban nhân dân</mark>" \
	"and the long form as well"

run search --json TPHCM
is "$(jq -r 'select(.id == 1) | .title' "$out")" "Cử tri TP HCM đi bầu" \
	"TPHCM finds the variant TP HCM"
run search --json '"thành phố hồ chí minh"'
like "$(jq -r 'select(.id == 3) | .snippet' "$out")" \
	"^Mưa lớn ở (TP\.)?<mark>(TP\.)?HCM</mark>" \
	"a long form highlights the abbreviation found"

# curly quotes and guillemets make a phrase
is "$(hits '“dân vận khéo”')" "11" "“…” is a phrase"
is "$(hits '‘dân vận khéo’')" "11" "‘…’ is a phrase"
is "$(hits '«dân vận khéo»')" "11" "«…» is a phrase"
is "$(hits 'dân vận khéo')" "11 12" "without quotes the words may be apart"

# the rules the index was built with
run search UBND
is "$(cat "$errf")" "" "a new database has this newsctl's index rules"
sqlite3 "$NEWSCTL_DB" "UPDATE meta SET value='older' WHERE key='index_rules'"
run search UBND
expect_code 0 "a database indexed with other rules is still searched"
like "$(cat "$errf")" "other text rules.*newsctl reindex" \
	"search says so and names the command that rebuilds"
run reindex
expect_code 0 "reindex rebuilds the index"
run search --ids --limit 0 TPHCM
is "$(cat "$errf")" "" "then the database has this newsctl's rules"
is "$(sort -n "$out" | tr '\n' ' ')" "1 2 3 4 " "and finds what it found"
# empty the index through the extension (whose sanitizer runtime, in an
# asan build, the sqlite3 shell must load first)
ext=${NEWSCTL_EXT:-$top/build/newsctl.so}
asan=$(ldd "$ext" 2>/dev/null | awk '/libasan/ { print $3 }')
LD_PRELOAD=${asan:+$asan} ASAN_OPTIONS=detect_leaks=0 sqlite3 "$NEWSCTL_DB" \
	".load ${ext%.so}" \
	"INSERT INTO articles_fts(articles_fts) VALUES('delete-all')"
is "$(hits TPHCM)" "" "an emptied index finds nothing"
run reindex --quiet
is "$(hits TPHCM)" "1 2 3 4" "reindex restores a damaged index"
rm -f "$tmp/none.db"
run --db "$tmp/none.db" reindex
expect_code 66 "reindex: no database is an error"

done_testing
