#!/bin/sh
# watch: a kept search prints only what was added since its last
# successful run, in every format; a failed run (a full standard output)
# leaves the watermark where it was; runs from cron while ingest writes
# neither skip nor repeat an article.
. "$(dirname "$0")/lib.sh"

art() { printf 'Tin %s về %s\n\nBài số %s kể chuyện %s ở đồng bằng.\n' \
	"$1" "$2" "$1" "$2"; }

art 1 "mùa nước nổi" | run_in /dev/stdin ingest -
art 2 "giá lúa" | run_in /dev/stdin ingest -
run watch run
expect_code 1 "no watches: nothing new"
like "$(cat "$errf")" "no watches yet" "and it says so"
run watch add nuoc nước nổi
expect_code 0 "watch add"
run watch add --source 'Báo X' lua giá lúa
expect_code 0 "watch add with a filter"
run watch add nuoc lũ
expect_code 2 "a name is added once"
like "$(cat "$errf")" "watch named 'nuoc' exists" "and the message says so"
run watch add 'bad/name' lũ
expect_code 2 "a name is letters, digits, '.', '_', '-'"
run watch add q1 '"unclosed'
expect_code 2 "a query search cannot read is refused when added"
run watch add q1 lũ
run watch list --format json
is "$(jq -r '[.name, .query, .source] | @tsv' "$out" | tr '\t\n' ',;')" \
	"lua,giá lúa,Báo X;nuoc,nước nổi,;q1,lũ,;" "watch list"
run watch rm q1
expect_code 0 "watch rm"
run watch rm q1
expect_code 1 "watch rm of a missing watch"

run watch run nuoc --format ids
expect_code 0 "a first run prints every match"
is "$(cat "$out")" "1" "the one matching article"
run watch run nuoc --format ids
expect_code 1 "nothing new: exit 1"
is "$(cat "$out")" "" "and nothing printed"

art 3 "mùa nước nổi năm nay" | run_in /dev/stdin ingest -
art 4 "giá lúa" | run_in /dev/stdin ingest -
rc=0
"$NEWSCTL" watch run nuoc --format ids >/dev/full 2>"$errf" || rc=$?
is "$rc" 74 "a run whose output fails exits 74"
like "$(cat "$errf")" "stays where it was" "and says the watch did not move"
run watch run nuoc --format json
expect_code 0 "the next run"
jq_is '[.id, .watch] | @tsv' "$(printf '3\tnuoc')" \
	"shows again what the failed run could not"
run watch run nuoc --format tsv
expect_code 1 "then nothing"

# every format, and the one filter (source)
art 5 "mùa nước nổi" | run_in /dev/stdin ingest -
for fmt in text json tsv csv ids; do
	"$NEWSCTL" watch run --wait 5 nuoc --format $fmt >"$tmp/f.$fmt" 2>&1 || :
	"$NEWSCTL" watch rm nuoc
	"$NEWSCTL" watch add nuoc nước nổi
done
like "$(cat "$tmp/f.text")" "^== nuoc ==" "text: the watch's name, then the hits"
like "$(cat "$tmp/f.text")" "Tin 5 về" "text: the new article"
is "$(grep -c 'Tin [13] về' "$tmp/f.text")" 0 "text: not the old ones"
# a watch added again starts afresh: every match, newest first
is "$(jq -r .id "$tmp/f.json" | tr '\n' ' ')" "5 3 1 " "json"
is "$(cut -f1,9 "$tmp/f.tsv")" "$(printf '5\tnuoc\n3\tnuoc\n1\tnuoc')" \
	"tsv: id first, the watch last"
is "$(python3 -c 'import csv,sys
print(" ".join(r["id"] for r in csv.DictReader(open(sys.argv[1]))))' \
	"$tmp/f.csv")" "5 3 1" "csv: read back by a parser"
is "$(cat "$tmp/f.ids" | tr '\n' ' ')" "5 3 1 " "ids"
run watch run lua --format ids
expect_code 1 "a watch's source filter holds (no 'Báo X' article)"

# cron: runs while two ingests write; each matching article once
run watch run nuoc
run watch add dong đồng bằng
run watch run dong
mkdir "$tmp/w1" "$tmp/w2"
awk -v dir="$tmp" 'BEGIN {
	for (w = 1; w <= 2; w++) for (i = 1; i <= 600; i++) {
		f = sprintf("%s/w%d/t%d.txt", dir, w, i)
		printf "Tin %d luồng %d\n\nChuyện %d ở đồng bằng, luồng %d.\n", \
			i, w, i, w > f
		close(f)
	}
}'
"$NEWSCTL" ingest -q "$tmp/w1" 2>"$tmp/w1.err" &
w1=$!
(for f in "$tmp"/w2/t*.txt; do "$NEWSCTL" ingest -q "$f" || exit $?; done) \
	2>"$tmp/w2.err" &
w2=$!
runs=0 bad=0
: >"$tmp/seen"
while kill -0 $w1 2>/dev/null || kill -0 $w2 2>/dev/null; do
	rc=0
	"$NEWSCTL" watch run --wait 30 dong --format ids >>"$tmp/seen" \
		2>"$tmp/r.err" || rc=$?
	[ $rc -gt 1 ] && { bad=$((bad + 1)); sed 's/^/# /' "$tmp/r.err"; }
	runs=$((runs + 1))
done
r1=0; wait $w1 || r1=$?
r2=0; wait $w2 || r2=$?
"$NEWSCTL" watch run dong --format ids >>"$tmp/seen" || :
echo "# $runs runs while ingesting"
is "$r1 $r2" "0 0" "both ingests succeed"
is "$bad" 0 "no run failed while ingest wrote"
check "several runs overlapped the ingests ($runs)" test "$runs" -ge 3
is "$(wc -l <"$tmp/seen" | tr -d ' ')" 1200 "every new article printed"
is "$(sort -u "$tmp/seen" | wc -l | tr -d ' ')" 1200 "and none twice"
run search --ids --limit 0 luồng
is "$(sort "$out" | tr '\n' ' ')" "$(sort "$tmp/seen" | tr '\n' ' ')" \
	"the same articles as search"

run watch bogus
expect_code 2 "an unknown subcommand"
run watch --help
expect_code 0 "watch --help"

done_testing
