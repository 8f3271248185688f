#!/bin/sh
# A user who can read the database but not write its folder can search:
# it is read as it is, not refused as a file that cannot be opened (73).
. "$(dirname "$0")/lib.sh"

mkdir "$tmp/ro"
db=$tmp/ro/news.db
printf 'Giá vàng tăng mạnh\n\nGiá vàng trong nước hôm nay tăng thêm.\n' >"$tmp/a.txt"
NEWSCTL_DB=$db "$NEWSCTL" ingest -q "$tmp/a.txt"
check "no write-ahead log is left" test ! -s "$db-wal"

# Another user (root drops to nobody), or our own folder made read-only.
if [ "$(id -u)" = 0 ]; then
	chmod 755 "$tmp"
	chmod 644 "$db"
	as_other="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	chmod 555 "$tmp/ro"
	as_other=
fi
rc=0
$as_other env NEWSCTL_DB="$db" "$NEWSCTL" search --ids vàng >"$out" \
	2>"$errf" || rc=$?
expect_code 0 "search in a folder we cannot write"
is "$(cat "$out")" 1 "finds the article"
rc=0
$as_other env NEWSCTL_DB="$db" "$NEWSCTL" ingest -q "$tmp/a.txt" \
	>"$out" 2>"$errf" || rc=$?
check "writing there still fails (exit $rc)" test "$rc" -gt 1
chmod 755 "$tmp/ro"

done_testing
