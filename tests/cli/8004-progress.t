#!/bin/sh
# --progress json: JSON Lines on stderr for scripts (ingest, export), the
# last line with the final counts; nothing of it without the option.
. "$(dirname "$0")/lib.sh"

mkdir "$tmp/in"
awk -v dir="$tmp/in" 'BEGIN {
	for (i = 1; i <= 300; i++) {
		f = sprintf("%s/t%d.txt", dir, i)
		printf "Tin %d về mùa màng\n\nBài %d kể chuyện mùa màng.\n", \
			i, i > f
		close(f)
	}
}'
: >"$tmp/in/zz-empty.txt"

run ingest --progress json "$tmp/in"
json() { grep '^{' "$errf"; }
is "$(json | jq -s 'length > 0 and all(.command == "ingest")')" true \
	"ingest: JSON lines named by the command"
is "$(json | tail -1 | jq -c '[.done, .ok, .added, .unchanged, .failed]')" \
	"[true,true,300,0,$(grep -c 'newsctl: ingest: .*zz-' "$errf")]" \
	"the last line: done, ok and the counts of the summary"
is "$(json | jq -s '[.[].added] | . == sort')" true "counts only grow"
is "$(grep -v '^{' "$errf" | grep -vc '^newsctl: ')" 0 \
	"every other line is a message"
like "$(grep '^newsctl: ingest: [0-9]' "$errf")" "300 added" \
	"the summary line stays"

run ingest -q --progress json "$tmp/in"
is "$(json | tail -1 | jq -c '[.added, .unchanged]')" "[0,300]" \
	"-q keeps the JSON progress, drops the summary"
is "$(grep -c '^newsctl: ingest: [0-9]' "$errf")" 0 "(no summary)"
run ingest "$tmp/in"
is "$(grep -c '^{' "$errf")" 0 "no JSON without --progress json"
rc=0
script -qec "$NEWSCTL ingest --progress json $tmp/in" /dev/null \
	>"$out" 2>&1 || rc=$?
like "$(grep '^{' "$out" | tail -1)" '"done":true' \
	"on a terminal too, --progress json is JSON"
is "$(grep -c "$(printf '\033')" "$out")" 0 "and draws no terminal line"

run export -q --progress json -o "$tmp/a.tar.zst" --query "mùa màng"
is "$(json | tail -1 | jq -c '[.command, .done, .ok, .articles, .total]')" \
	'["export",true,true,300,300]' "export: the last line"
run export -q --progress json -o - --format jsonl --query "Tin 7*"
is "$(json | tail -1 | jq -c '[.articles, .total]')" \
	"[$(wc -l <"$out" | tr -d ' '),$(wc -l <"$out" | tr -d ' ')]" \
	"a data export counts its records"
run export -q --progress json -o "$tmp/no/such/dir/a.csv"
is "$(json | tail -1 | jq -c '[.done, .ok]')" "[true,false]" \
	"a failed export ends with ok false"
run ingest --progress sometimes "$tmp/in"
expect_code 2 "an unknown mode is refused"

done_testing
