#!/bin/sh
# Search: output formats, colour, exit status.
. "$(dirname "$0")/lib.sh"

run ingest "$fixtures/search/"
expect_code 0 "the search fixtures are ingested"

run search "dân vận khéo"
expect_code 0 "exit 0 when something matches"
like "$(head -1 "$out")" \
	"^1  2017-10-12 08:00  Đảng bộ phường mở hội nghị về công tác dân vận khéo \(Báo Phường Xanh\)$" \
	"text: id, date (UTC+7), headline and source"
like "$(sed -n 2p "$out")" "^    .*dân vận khéo" "text: the snippet on the next line"
check "text: no escape codes when not a terminal" sh -c "! grep -q \"$(printf '\033')\" '$out'"

run search --color=always "dân vận khéo"
like "$(head -1 "$out")" "$(printf '\033\\[1m')dân$(printf '\033\\[0m')" \
	"--color=always: matched words in bold (headline)"
like "$(sed -n 2p "$out")" "$(printf '\033\\[1m')khéo$(printf '\033\\[0m')" \
	"--color=always: matched words in bold (snippet)"
run search --color=never "dân vận khéo"
check "--color=never: no escape codes" sh -c "! grep -q \"$(printf '\033')\" '$out'"
NO_COLOR=1 run search "dân vận khéo"
check "NO_COLOR: no escape codes" sh -c "! grep -q \"$(printf '\033')\" '$out'"
NO_COLOR=1 script -qec "$NEWSCTL search dân" /dev/null >"$out" 2>&1
check "NO_COLOR on a terminal: no bold" sh -c "! grep -q \"$(printf '\033')\\[1m\" '$out'"
script -qec "$NEWSCTL search dân" /dev/null >"$out" 2>&1
check "a terminal: bold" grep -q "$(printf '\033')\\[1m" "$out"
run search --color=sometimes dân
expect_code 2 "--color with an unknown value is a usage error"

run search --json "dân vận khéo"
expect_code 0 "--json succeeds"
check "--json: every line is JSON" jq -e . "$out"
is "$(wc -l <"$out" | tr -d ' ')" 2 "--json: one line per hit"
jq -s . "$out" >"$tmp/all.json"
is "$(jq -r '.[0] | [.id, .published, .source, .section, .byline] | @tsv' "$tmp/all.json")" \
	"$(printf '1\t2017-10-12T08:00:00+07:00\tBáo Phường Xanh\tChính trị\tLê Thu Hà')" \
	"--json: id, published, source, section, byline"
is "$(jq -r '.[0].title' "$tmp/all.json")" \
	"Đảng bộ phường mở hội nghị về công tác dân vận khéo" "--json: title"
like "$(jq -r '.[0].snippet' "$tmp/all.json")" "<mark>dân</mark> <mark>vận</mark> <mark>khéo</mark>" \
	"--json: matched words in <mark>"
check "--json: score is a number" jq -e '.score | type == "number"' "$out"
check "--json: keys in order" sh -c \
	"jq -e -s '.[0] | keys_unsorted == [\"id\",\"source\",\"origin\",\"url\",\"external_id\",\"section\",\"title\",\"published\",\"byline\",\"score\",\"snippet\",\"copies\"]' '$out'"
run search --json "date:2017-09"
check "--json: a date-only search still prints valid JSON" jq -e .id "$out"

run search --tsv "dân vận khéo"
expect_code 0 "--tsv succeeds"
is "$(awk -F '\t' '{ print NF }' "$out" | sort -u)" 9 "--tsv: nine fields a line"
is "$(head -1 "$out" | cut -f1,3-7)" \
	"$(printf '1\t2017-10-12T08:00:00+07:00\tBáo Phường Xanh\tChính trị\tĐảng bộ phường mở hội nghị về công tác dân vận khéo\tLê Thu Hà')" \
	"--tsv: id, score, published, source, section, title, byline, snippet"
check "--tsv: the snippet has no marks" sh -c "! grep -q '<mark>' '$out'"
run search --tsv "cắt điện"
is "$(cut -f4 "$out" | sort -u)" "Điện Lực Quận" "--tsv: fields as stored"
is "$(cut -f7 "$out" | sort -u)" "" "--tsv: a missing byline is an empty field"

run search --ids dân
is "$(tr '\n' ' ' <"$out")" "5 1 3 " "--ids: ids one a line"
run search --count dân
expect_code 0 "--count succeeds"
is "$(cat "$out")" 3 "--count: the number of matches"
run search --count --limit 1 dân
is "$(cat "$out")" 3 "--count ignores --limit"
run search --count zzzz
expect_code 1 "--count: exit 1 when nothing matches"
is "$(cat "$out")" 0 "--count prints 0"

run search zzzz
expect_code 1 "exit 1 when nothing matches"
is "$(cat "$out")" "" "nothing printed"
run search
expect_code 2 "no query: usage error"
run search --json --ids dân
expect_code 2 "two formats: usage error"
run search --limit x dân
expect_code 2 "a bad number: usage error"
run search --since yesterday dân
expect_code 2 "a bad date: usage error"
run search "(dân"
expect_code 2 "a bad query: usage error"
is "$(wc -l <"$errf" | tr -d ' ')" 1 "one line of error"

run --db "$tmp/none.db" search dân
expect_code 66 "no database: exit 66 (EX_NOINPUT)"
printf 'not a database at all, just text\n%.0s' 1 2 3 4 5 6 7 8 >"$tmp/bad.db"
run --db "$tmp/bad.db" search dân
expect_code 65 "not a database: exit 65 (EX_DATAERR)"

done_testing
