#!/bin/sh
# export --format jsonl and csv: the articles as data, read back by a
# parser (jq, Python's csv module) and compared with show and search;
# the same selection as search; a file appears whole or not at all.
. "$(dirname "$0")/lib.sh"

run ingest "$fixtures/search" "$fixtures/articles"
expect_code 0 "ingest the fixtures"
# a field that needs CSV quoting: a comma, a quote, a line break
printf 'Tiêu đề: Giá "vàng", bạc\nNgày: 12/10/2017\n\nDòng một, có dấu phẩy.\n\nDòng "hai".\n' |
	run_in /dev/stdin ingest -

run export -o "$tmp/all.jsonl"
expect_code 0 "export to a .jsonl file"
is "$(jq -r .id "$tmp/all.jsonl" | sort -n | tr '\n' ' ')" \
	"$(sqlite3 "$NEWSCTL_DB" 'SELECT id FROM articles ORDER BY id' |
		tr '\n' ' ')" \
	"every article, one a line"
bad=0
for id in $(jq -r .id "$tmp/all.jsonl"); do
	"$NEWSCTL" show --format json "$id" | jq -c 'del(.copies)' \
		>"$tmp/show.json"
	jq -c "select(.id == $id)" "$tmp/all.jsonl" >"$tmp/exp.json"
	cmp -s "$tmp/show.json" "$tmp/exp.json" || bad=$((bad + 1))
done
is "$bad" 0 "each line is show --format json of its article (keys, body; not copies)"

run export -o - --format jsonl --query "dan van" --source "Báo Phường Xanh"
expect_code 0 "-o - writes to standard output"
is "$(jq -r .id "$out" | sort -n | tr '\n' ' ')" \
	"$("$NEWSCTL" search --ids --limit 0 --source "Báo Phường Xanh" \
		dan van | sort -n | tr '\n' ' ')" \
	"--query and --source select what search does"
like "$(cat "$errf")" "exported [0-9]+ articles to 'standard output'" \
	"the count goes to stderr"

run export -o "$tmp/all.csv"
expect_code 0 "export to a .csv file"
python3 - "$tmp/all.csv" "$tmp/all.jsonl" >"$tmp/cmp" <<'PY'
import csv, json, sys
cols = ("id hash source origin url external_id section title lead "
        "published fetched byline credit encoding views ingested body").split()
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    raw = f.read()
rows = list(csv.DictReader(raw.splitlines(keepends=True)))
want = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
print(rows[0] and list(rows[0].keys()) == cols)
bad = 0
for r, w in zip(rows, want):
    for c in cols:
        v = "" if w[c] is None else str(w[c])
        if r[c] != v:
            bad += 1
            print("#", w["id"], c, repr(r[c])[:60], repr(v)[:60])
print(len(rows) == len(want), bad)
print(raw.startswith("id,hash,") and raw.endswith("\r\n"))
PY
is "$(cat "$tmp/cmp")" "$(printf 'True\nTrue 0\nTrue')" \
	"the CSV read back: header, every row, every field as the JSON"
like "$(cat "$tmp/all.csv")" '"Giá ""vàng"", bạc"' \
	"a quote is doubled inside a quoted field"

run export -o - --format csv --since 2017-10-01 --until 2017-10-31
n=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(sys.stdin)))' <"$out")
is "$n" "$(sqlite3 "$NEWSCTL_DB" "SELECT count(*) FROM articles
	WHERE published >= '2017-10-01' AND published < '2017-10-32'")" \
	"--since and --until select what search does"

# incremental, as archives do
run export --incremental d -o "$tmp/d1.jsonl"
run export --incremental d -o - --format jsonl
expect_code 0 "an incremental data export"
is "$(cat "$out")" "" "nothing new: nothing written"

# the file appears whole or not at all
cp "$tmp/all.csv" "$tmp/keep.csv"
rc=0
(ulimit -f 2; "$NEWSCTL" export -o "$tmp/keep.csv") >"$out" 2>"$errf" || rc=$?
like "$rc" '^7[0-9]$' "a write that fails is an error (exit $rc)"
check "the previous file is left as it was" cmp "$tmp/all.csv" "$tmp/keep.csv"
is "$(ls -A "$tmp" | grep -c '^\.keep\.csv\.')" 0 "no temporary file left"
rc=0
"$NEWSCTL" export -o - --format jsonl >/dev/full 2>"$errf" || rc=$?
is "$rc" 74 "a full standard output is exit 74"
rc=0
"$NEWSCTL" export --incremental o -o - --format csv >/dev/full 2>"$errf" ||
	rc=$?
is "$rc" 74 "an incremental export to a full standard output fails"
run export -q --incremental o -o - --format jsonl
is "$(wc -l <"$out" | tr -d ' ')" "$(sqlite3 "$NEWSCTL_DB" \
	'SELECT count(*) FROM articles')" "and its watermark did not move"
run export -o - --format tar.zst
expect_code 2 "archives are not written to standard output"
run export -o "$tmp/x.data"
expect_code 2 "a name that says no format"

done_testing
