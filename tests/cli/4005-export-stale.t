#!/bin/sh
# A temporary file left beside the target by an export that was killed
# (SIGKILL leaves ".NAME.XXXXXX") is removed by the next export to that
# target; one a running export still holds is not.
. "$(dirname "$0")/lib.sh"

newsctl ingest --quiet "$top/seeds/"
old=$(date -d '1 hour ago' '+%Y%m%d%H%M.%S')

# what a killed export leaves: a temporary file nobody holds
printf 'half an archive' >"$tmp/.news.tar.zst.Ab12Cd"
touch -t "$old" "$tmp/.news.tar.zst.Ab12Cd"
# another target's, and a file of another shape, are not ours to remove
printf 'x' >"$tmp/.other.tar.zst.Ab12Cd"
printf 'x' >"$tmp/.news.tar.zst.keep"
touch -t "$old" "$tmp/.other.tar.zst.Ab12Cd" "$tmp/.news.tar.zst.keep"
# a temporary file a running export holds (flock, as export does)
printf 'being written' >"$tmp/.news.tar.zst.Zz99Yy"
touch -t "$old" "$tmp/.news.tar.zst.Zz99Yy"
flock "$tmp/.news.tar.zst.Zz99Yy" sleep 5 &
holder=$!
sleep 1

run export -q -o "$tmp/news.tar.zst"
expect_code 0 "the next export to the target succeeds"
check "the stale temporary file is removed" test ! -e "$tmp/.news.tar.zst.Ab12Cd"
check "one a running export holds is kept" test -e "$tmp/.news.tar.zst.Zz99Yy"
check "another target's is kept" test -e "$tmp/.other.tar.zst.Ab12Cd"
check "a name of another shape is kept" test -e "$tmp/.news.tar.zst.keep"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# a real SIGKILL in the middle of an export
i=0
while [ $i -lt 300 ]; do
	printf 'Tin số %s\n\nNội dung bài %s về mùa nước nổi ở đồng bằng.\n' $i $i \
		>"$tmp/in$i.txt"
	i=$((i + 1))
done
newsctl ingest --quiet "$tmp"/in*.txt
mkdir "$tmp/k"
"$NEWSCTL" export -q --format tar.xz -o "$tmp/k/big.tar.xz" &
victim=$!
n=0
while [ $n -lt 100 ] && ! ls -A "$tmp/k" | grep -q '^\.big\.tar\.xz\.'; do
	sleep 0.05
	n=$((n + 1))
done
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
for f in "$tmp"/k/.big.tar.xz.*; do
	[ -e "$f" ] && touch -t "$old" "$f"
done
run export -q --format tar.xz -o "$tmp/k/big.tar.xz"
expect_code 0 "the next export succeeds"
is "$(ls -A "$tmp/k")" "big.tar.xz" "and leaves the archive alone beside it"

done_testing
