#!/bin/sh
# Ingest and search at the same time (WAL): searches, stats and show keep
# answering while batches are written, and no "database is locked" or
# "busy" error reaches the user.
. "$(dirname "$0")/lib.sh"

# Writer w's 1200 articles in folders of 100 under $tmp/ww, written by
# awk (a shell loop is slow), and one more article in $tmp/first.txt.
for w in 1 2; do
	i=0
	while [ $i -le 12 ]; do mkdir -p "$tmp/w$w/b$i"; i=$((i + 1)); done
done
awk -v dir="$tmp" 'BEGIN {
	for (w = 1; w <= 2; w++) for (i = 1; i <= 1200; i++) {
		f = sprintf("%s/w%d/b%d/t%d.txt", dir, w, int(i / 100), i)
		printf "Tiêu đề: Tin %d của luồng %d về giá vàng hôm nay\n" \
			"Ngày: 12/10/2017\n\n" \
			"Giá vàng trong nước tăng mạnh, phiên %d luồng %d.\n" \
			"Người dân xếp hàng mua vàng miếng ở TP.HCM.\n", \
			i, w, i, w > f
		close(f)
	}
	f = dir "/first.txt"
	print "Tiêu đề: Tin đầu tiên\nNgày: 12/10/2017\n\n" \
		"Dân vận khéo thì việc gì cũng xong." > f
}'
run ingest "$tmp/first.txt"
expect_code 0 "a first article"

# Two writers: one ingests its 1200 articles in one transaction, the
# other in runs of 100, while the readers loop.
"$NEWSCTL" ingest -q "$tmp/w1" 2>"$tmp/w1.err" &
w1=$!
(for b in "$tmp"/w2/b*; do "$NEWSCTL" ingest -q "$b" || exit $?; done) \
	2>"$tmp/w2.err" &
w2=$!

n=0 during=0 bad=0 locked=0
while kill -0 $w1 2>/dev/null || kill -0 $w2 2>/dev/null || [ $n -lt 20 ]
do
	if kill -0 $w1 2>/dev/null || kill -0 $w2 2>/dev/null; then
		during=$((during + 4))
	fi
	for cmd in "search giá vàng" "search --json dan van" "stats --json" \
		"show 1"; do
		rc=0
		# shellcheck disable=SC2086
		"$NEWSCTL" $cmd >/dev/null 2>"$tmp/r.err" || rc=$?
		n=$((n + 1))
		if [ $rc -gt 1 ]; then
			bad=$((bad + 1))
			echo "# $cmd: exit $rc: $(head -1 "$tmp/r.err")"
		fi
		if grep -Eqi 'locked|busy' "$tmp/r.err"; then
			locked=$((locked + 1))
		fi
	done
	[ $n -gt 4000 ] && break
done
r1=0; wait $w1 || r1=$?
r2=0; wait $w2 || r2=$?
echo "# $n reads, $during of them while writing"
is "$r1 $r2" "0 0" "both writers succeed"
is "$(cat "$tmp/w1.err" "$tmp/w2.err")" "" "the writers report nothing"
is "$bad" 0 "every read answered (exit 0 or 1) while ingest ran"
is "$locked" 0 "no read saw 'database is locked' or 'busy'"
check "reads ran while ingest was writing ($during)" test "$during" -ge 8
run stats --json
jq_is .articles 2401 "all articles are stored"
run search --limit 0 --tsv '"luồng 2"'
is "$(wc -l <"$out" | tr -d ' ')" 1200 "and indexed"
run check
expect_code 0 "the database passes check"

done_testing
