#!/bin/sh
# Search: the query language, filters, ranking and hostile strings.
. "$(dirname "$0")/lib.sh"

run ingest "$fixtures/search/"
expect_code 0 "the search fixtures are ingested"

# ids: the hits in rank order; hits: the hits sorted (membership only).
# Article ids follow the file names of fixtures/search (01 .. 07).
# Both also check that export --query selects the same articles.
ids() {
	same_selection "$@"
	run search --ids --limit 0 "$@"
	tr '\n' ' ' <"$out" | sed 's/ $//'
}
hits() {
	same_selection "$@"
	run search --ids --limit 0 "$@"
	sort -n "$out" | tr '\n' ' ' | sed 's/ $//'
}

# export --query Q must write exactly the articles search --ids --limit 0
# Q prints, and refuse what search refuses. ids and hits run in command
# substitutions, so each query and mismatch is appended to a file.
: >"$tmp/sel.queries"
: >"$tmp/sel.mismatch"
same_selection() {
	q="$*"
	echo "$q" >>"$tmp/sel.queries"
	src=0
	"$NEWSCTL" search --ids --limit 0 -- "$q" >"$tmp/sel.out" 2>/dev/null ||
		src=$?
	sort -n "$tmp/sel.out" >"$tmp/sel.search"
	erc=0
	rm -f "$tmp/sel.tar"
	"$NEWSCTL" export -q -o "$tmp/sel.tar" --query="$q" 2>/dev/null || erc=$?
	: >"$tmp/sel.export"
	if [ -f "$tmp/sel.tar" ]; then
		bsdtar -xOf "$tmp/sel.tar" manifest.jsonl | jq -r .id |
			sort -n >"$tmp/sel.export"
	fi
	case $src in 0|1) want=0 ;; *) want=$src ;; esac
	if [ "$erc" != "$want" ] || ! cmp -s "$tmp/sel.search" "$tmp/sel.export"
	then
		echo "$q: search $src, export $erc" >>"$tmp/sel.mismatch"
	fi
}

is "$(hits "dân vận khéo")" "1 5" "plain words: every word must match"
is "$(hits "dân" "vận" "khéo")" "1 5" "words may come as separate arguments"
is "$(ids '"dân vận khéo"')" "1" "a quoted phrase matches words in order"
is "$(ids "vàng")" "2" "one word"
is "$(hits "vàng OR lũ")" "2 3" "a OR b"
is "$(ids "giá vàng OR lũ")" "2" "OR binds tighter than the words around it"
is "$(ids "dân -khéo")" "3" "-word excludes"
is "$(ids "dân NOT khéo")" "3" "NOT word excludes"
is "$(ids "(vàng OR bạc) -lũ")" "2" "parentheses group"
is "$(hits "dân AND vận AND khéo")" "1 5" "AND is allowed between words"
is "$(ids "thàn*")" "4" "word* matches a prefix"
is "$(hits "khéo")" "1 5" "khéo is in two articles"
is "$(hits "title:khéo")" "1" "title: looks in the headline only"
is "$(ids 'title:"dân vận"')" "1" "title: takes a phrase"
is "$(hits "author:Hà")" "1 5" "author: looks in the byline"
is "$(ids "section:chính")" "1" "section: looks in the section"
is "$(hits 'source:"tin kinh tế"')" "2 4" "source: looks in the source"
is "$(hits "lead:khu")" "1" "lead: looks in the lead"
is "$(hits "date:2017-10 dân")" "1 5" "date:YYYY-MM narrows to a month"
is "$(ids "date:2017-10-05..2017-10-31 dân")" "1" "date:A..B is a range"
is "$(ids "date:..2017-10-05 dân")" "5" "date:..B is open at the start"
is "$(ids "date:2017-10")" "2 1 7 6 5" "date: alone lists the month, newest first"
is "$(ids -- "-dân")" "2 7 6 4" "exclusions alone are allowed"
is "$(hits --since 2017-10-05 dân)" "1 3" "--since"
is "$(hits --until 2017-10 dân)" "1 5" "--until takes the whole month"
is "$(ids --since 12/10/2017 --until 2017-10-12 dân)" "1" \
	"--since and --until read Vietnamese dates; until is inclusive"
is "$(ids --since 2017-10-05 date:..2017-10-31 dân)" "1" \
	"--since and date: narrow together"
is "$(ids --source "Tin Kinh Tế" hòa)" "4" "--source is exact"
is "$(ids --source "Tin Kinh" hòa)" "" "--source does not take a part"
is "$(hits --section "Xã hội" dân)" "3 5" "--section is exact"
is "$(ids "Đảng")" "1" "a word with diacritics does not match other tones"
is "$(ids "TP.HCM")" "1 4" "TP.HCM finds thành phố Hồ Chí Minh as well"
is "$(ids --no-expand "TP.HCM")" "1" "--no-expand: TP.HCM is searched as written"
is "$(ids "5,5%")" "2" "5,5% is searched as written"

# ranking
run search --ids "dân vận khéo"
is "$(head -1 "$out")" "1" "the phrase ranks above scattered words"
run search --json "dân vận khéo"
check "the phrase scores higher" sh -c "jq -s -e '.[0].score > .[1].score' '$out'"
is "$(ids "cắt điện")" "7 6" "equal scores: the newer article first"
is "$(ids --sort date dân)" "3 1 5" "--sort date: newest first"
is "$(ids --limit 1 dân)" "5" "--limit"
is "$(ids --limit 1 --offset 1 dân)" "1" "--offset"

# unaccented queries match through the tokenizer's folding
is "$(hits "dan van kheo")" "1 5" "unaccented words match accented text"
is "$(hits "hoà bình")" "3 4" "tone placement: hoà matches hòa"
is "$(hits "dang")" "1 2" "dang matches both Đảng and đang"
is "$(hits "Dan Van")" "1 5" "unaccented capitals"

# hostile strings: results, no results or one clear message, never FTS5's
n=0
for q in "COVID-19" "TP.HCM" "5,5%" '"unbalanced' "-" "*" "AND" "OR" "NOT" \
	"NEAR(" "NEAR" "near" "title:" "author:" "date:" "date:x" "^" "(" ")" \
	'"' '""' "😀" "🇻🇳 dân" "a:b" "{title}: dân" "dân ^" "+" "and or not" \
	"dân OR" "OR dân" "AND dân" "-(" "-\"" "title:(" "((dân)" "dân))" \
	"*dân" "dân*" "**" "'" "\\" "dân;DROP TABLE articles" "%" "_" \
	"NEAR(dân vận, 2)" "dân + vận" "col:dân" "rank:1"; do
	n=$((n + 1))
	run search -- "$q"
	case $rc in 0|1|2) ok=0 ;; *) ok=1 ;; esac
	if grep -qiE "fts5|syntax error|sqlite" "$errf"; then ok=1; fi
	if [ "$rc" -eq 2 ] && [ "$(wc -l <"$errf")" -ne 1 ]; then ok=1; fi
	tap_result $ok "hostile query '$q' (exit $rc)" ||
		sed 's/^/#   /' "$errf"
done
big=$(awk 'BEGIN { for (i = 0; i < 2000; i++) printf "dân ( "; }')
run search -- "$big"
expect_code 2 "a 10,000-character query is refused with one message"
like "$(cat "$errf")" "too long|parenthes" "saying why"
big=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "x"; }')
run search -- "$big"
expect_code 1 "a 10,000-character word is searched"
run search '"dân vận'
like "$(cat "$errf")" "unbalanced quote at column 1" "a lone quote: the column"
run search "dân (vận"
like "$(cat "$errf")" "unbalanced parenthesis at column 5" \
	"a lone parenthesis: the column"
run search "and"
expect_code 1 "an FTS5 keyword in lower case is a word"
run search "AND"
expect_code 1 "an FTS5 keyword in capitals alone is a word"

# the database still answers after all of that
is "$(hits "dân vận khéo")" "1 5" "the database is unharmed"

is "$(cat "$tmp/sel.mismatch")" "" \
	"export --query selects what search --ids --limit 0 prints, query by query"
check "for every query above" test "$(wc -l <"$tmp/sel.queries")" -ge 30
run export -q -o "$tmp/d.tar" --query "dân date:2017-10-05..2017-10-31"
is "$(bsdtar -xOf "$tmp/d.tar" manifest.jsonl | jq -r .id | tr '\n' ' ')" "1 " \
	"export --query honours date: beside words"
run export -q -o "$tmp/m.tar" --query date:2017-10
expect_code 0 "export --query date:2017-10 (no words) works"
is "$(bsdtar -xOf "$tmp/m.tar" manifest.jsonl | jq -r .id | sort -n | tr '\n' ' ')" "1 2 5 6 7 " \
	"and selects that month"
run export -q -o "$tmp/u.tar" --query date:2017-10 --until 2017-10-05
is "$(bsdtar -xOf "$tmp/u.tar" manifest.jsonl | jq -r .id | sort -n | tr '\n' ' ')" "5 6 " \
	"--until narrows a date: term"

done_testing
