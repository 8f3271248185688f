#!/bin/sh
# export under cron: incremental runs neither skip nor repeat across a
# failed run, a full disk leaves the previous archive alone, concurrent
# exports do not collide, a held lock gives EX_TEMPFAIL (75).
. "$(dirname "$0")/lib.sh"

art() { printf 'Tin số %s về mùa nước nổi\n\nBà con vùng đồng bằng chuẩn bị đón mùa nước nổi lần thứ %s trong năm.\n' "$1" "$1"; }
ids() { bsdtar -xOf "$1" manifest.jsonl | jq -r .id | tr '\n' ' '; }

art 1 | run_in /dev/stdin ingest -
art 2 | run_in /dev/stdin ingest -
run export --incremental dem -o "$tmp/n1.tar.zst"
expect_code 0 "first incremental export"
is "$(ids "$tmp/n1.tar.zst")" "1 2 " "it holds everything so far"

art 3 | run_in /dev/stdin ingest -
run export --incremental dem -o "$tmp/missing-dir/n2.tar.zst"
like "$rc" '^(73|74)$' "an export that cannot write fails (exit $rc)"
like "$(cat "$errf")" "missing-dir/n2.tar.zst" "the message names the file"
is "$(wc -l <"$errf" | tr -d ' ')" "1" "one line per error"

art 4 | run_in /dev/stdin ingest -
run export --incremental dem -o "$tmp/n3.tar.zst"
is "$(ids "$tmp/n3.tar.zst")" "3 4 " "the next run takes what the failed run missed"
run export --incremental dem -o "$tmp/n4.tar.zst"
is "$(ids "$tmp/n4.tar.zst")" "" "nothing new: an empty archive"
run export --incremental dem2 -o "$tmp/m1.tar.zst"
is "$(ids "$tmp/m1.tar.zst")" "1 2 3 4 " "each name has its own watermark"

# A full disk: ulimit -f makes write() fail with EFBIG.
run export -o "$tmp/full.tar"
cp "$tmp/full.tar" "$tmp/before.tar"
i=5
while [ $i -le 40 ]; do
	{ art $i; j=0; while [ $j -lt 60 ]; do
		printf '\nĐoạn %s của bài %s kể chuyện mùa màng.\n' $j $i
		j=$((j + 1)); done; } >"$tmp/a$i.txt"
	i=$((i + 1))
done
run ingest "$tmp"/a*.txt
rc=0
(ulimit -f 200; "$NEWSCTL" export -o "$tmp/full.tar") >"$out" 2>"$errf" || rc=$?
like "$rc" '^7[0-9]$' "export on a full disk fails (exit $rc)"
like "$(cat "$errf")" "full.tar.*(too large|No space|cannot write)" "and says why"
check "the previous archive is left intact" cmp "$tmp/full.tar" "$tmp/before.tar"
is "$(ls -A "$tmp" | grep -c '^\.full\.tar\.')" "0" "no temporary file is left behind"

# Two exports of one name at once: both finish, nothing is repeated.
run export --incremental par -o "$tmp/p0.tar.zst"
art 41 | run_in /dev/stdin ingest -
art 42 | run_in /dev/stdin ingest -
"$NEWSCTL" export -q --incremental par --wait 30 -o "$tmp/p1.tar.zst" 2>"$tmp/e1" &
p1=$!
"$NEWSCTL" export -q --incremental par --wait 30 -o "$tmp/p2.tar.zst" 2>"$tmp/e2" &
p2=$!
r1=0; wait $p1 || r1=$?
r2=0; wait $p2 || r2=$?
is "$r1 $r2" "0 0" "two concurrent exports of one name both succeed"
is "$( (ids "$tmp/p1.tar.zst"; ids "$tmp/p2.tar.zst") | tr ' ' '\n' | grep . | sort -n | tr '\n' ' ')" \
	"41 42 " "between them each new article once"

# Two plain exports to one file: the file is one complete archive.
"$NEWSCTL" export -q -o "$tmp/same.tar.gz" & p1=$!
"$NEWSCTL" export -q -o "$tmp/same.tar.gz" & p2=$!
r1=0; wait $p1 || r1=$?
r2=0; wait $p2 || r2=$?
is "$r1 $r2" "0 0" "two exports to one file both succeed"
run verify "$tmp/same.tar.gz"
expect_code 0 "and the file is a complete archive"

# A held lock: --wait 0 gives up at once with 75.
flock "$(realpath "$NEWSCTL_DB").export-held.lock" sleep 3 &
holder=$!
sleep 1
run export --incremental held -o "$tmp/h.tar.zst"
expect_code 75 "a running export of that name: EX_TEMPFAIL"
like "$(cat "$errf")" "another export named 'held'" "the message says why"
# a wait too long to count in polls waits, not gives up
run export --incremental held --wait 922337203685477581 -o "$tmp/h0.tar.zst"
expect_code 0 "a huge --wait waits for the lock"
wait $holder
run export --incremental held --wait 5 -o "$tmp/h.tar.zst"
expect_code 0 "once the lock is free it runs"

# A lock file that cannot be opened: 73, as newsctl(1) lists.
mkdir "$(realpath "$NEWSCTL_DB").export-dir.lock"
run export --incremental dir -o "$tmp/d.tar.zst"
expect_code 73 "a lock that cannot be taken: EX_CANTCREAT"

done_testing
