#!/bin/sh
# Databases that cannot be used as they are: read-only, truncated, damaged
# or another program's SQLite file give a clear error (one line naming the
# database), never a crash. (0002-database.t covers a text file, a plain
# foreign table, a newer schema and a short truncation.)
. "$(dirname "$0")/lib.sh"

seed=$top/seeds/000_24022134b924370a.txt
i=1
mkdir "$tmp/in"
while [ $i -le 60 ]; do
	printf 'Tiêu đề: Tin %s về vùng lũ\nNgày: 12/10/2017\n\n%s\n' $i \
		"Nước lũ dâng cao ở xã số $i, dân vận khéo giúp bà con sơ tán." \
		>"$tmp/in/t$i.txt"
	i=$((i + 1))
done
run ingest "$tmp/in"
expect_code 0 "a database of 60 articles"
run check
expect_code 0 "which passes check"
sqlite3 "$NEWSCTL_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

# clear_error NAME: the last run failed with a sysexits status and one
# line on stderr that names the database file $db.
clear_error() {
	like "$rc" '^(6[4-9]|7[0-9])$' "$1: fails (exit $rc)"
	is "$(wc -l <"$errf" | tr -d ' ')" 1 "$1: one line of error"
	like "$(cat "$errf")" "^newsctl: .*'[^']*${db##*/}'" \
		"$1: the error names the database"
}

# Read-only: a copy in a read-only folder. chmod does not stop root, so
# as root the folder is bind-mounted read-only in a mount namespace.
mkdir "$tmp/ro"
cp "$NEWSCTL_DB" "$tmp/ro/news.db"
db=$tmp/ro/news.db
if [ "$(id -u)" -ne 0 ]; then
	chmod 0444 "$db"
	chmod 0555 "$tmp/ro"
	in_ro() { "$@"; }
elif unshare -m sh -c "mount --bind -o ro '$tmp/ro' '$tmp/ro'" 2>/dev/null
then
	in_ro() {
		unshare -m sh -c "mount --bind -o ro '$tmp/ro' '$tmp/ro' &&
			exec \"\$@\"" sh "$@"
	}
else
	in_ro=
fi
if command -v in_ro >/dev/null 2>&1; then
	rc=0
	in_ro "$NEWSCTL" --db "$db" ingest "$seed" >"$out" 2>"$errf" || rc=$?
	clear_error "ingest into a read-only database"
	# WAL needs its index file next to the database; on a read-only
	# mount the file is read as it is (a folder that only we cannot
	# write may be written by its owner: a clear error there)
	for cmd in search stats show; do
		rc=0
		arg=; [ $cmd = search ] && arg=vùng; [ $cmd = show ] && arg=1
		in_ro "$NEWSCTL" --db "$db" $cmd $arg >"$out" 2>"$errf" || rc=$?
		if [ "$(id -u)" -eq 0 ]; then
			is "$rc" 0 "$cmd reads a database on a read-only mount"
			is "$(cat "$errf")" "" "and says nothing on stderr"
		elif [ $rc -eq 0 ]; then
			tap_result 0 "$cmd reads a database in a read-only folder"
		else
			clear_error "$cmd in a read-only folder"
		fi
	done
	rc=0
	in_ro "$NEWSCTL" --db "$db" check >"$out" 2>"$errf" || rc=$?
	if [ $rc -eq 0 ]; then
		tap_result 0 "check reads a read-only database"
	else
		# FTS5's integrity check is an INSERT.
		clear_error "check on a read-only database"
	fi
	[ "$(id -u)" -ne 0 ] && chmod 0755 "$tmp/ro"
	is "$(sqlite3 "$db" 'SELECT count(*) FROM articles')" 60 \
		"the read-only database is unchanged"
else
	skip "a read-only database" \
		"running as root and cannot bind-mount read-only (unshare -m)"
fi

# Truncated at several points: a clear error from every command.
size=$(wc -c <"$NEWSCTL_DB")
for cut in 100 4096 $((size / 2)) $((size - 4096)); do
	db=$tmp/cut-$cut.db
	head -c "$cut" "$NEWSCTL_DB" >"$db"
	for cmd in "search vùng" "stats" "show 3" "export -o $tmp/x.tar" \
		"ingest $seed"; do
		# shellcheck disable=SC2086
		run --db "$db" $cmd
		case $cmd in export*) export_rc=$rc ;; esac
		if [ $cut -gt $((size / 2)) ] && [ $rc -le 1 ]; then
			# the last pages may be free: the data is all there
			tap_result 0 "$cmd: a database cut at $cut bytes still reads"
			continue
		fi
		clear_error "$cmd: a database cut at $cut bytes"
	done
	run --db "$db" check
	if [ $cut -le $((size / 2)) ]; then
		clear_error "check: a database cut at $cut bytes"
	else
		# 1: check found the damage
		like "$rc" '^(0|1|6[4-9]|7[0-9])$' "check: cut at $cut: exit $rc"
	fi
	if [ "$export_rc" -gt 1 ]; then
		check "no archive is written from a cut database" \
			test ! -e "$tmp/x.tar"
	else
		check "an archive from a cut database that still reads" \
			test -s "$tmp/x.tar"
	fi
	rm -f "$tmp/x.tar"
done

# Damaged: the full-text index dropped behind newsctl's back.
db=$tmp/noindex.db
cp "$NEWSCTL_DB" "$db"
ext=${NEWSCTL_EXT:-$top/build/newsctl.so}
asan=$(ldd "$ext" 2>/dev/null | awk '/libasan/ { print $3 }')
LD_PRELOAD=${asan:+$asan} ASAN_OPTIONS=detect_leaks=0 \
	sqlite3 -cmd ".load ${ext%.so}" "$db" 'DROP TABLE articles_fts'
is "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master
	WHERE name = 'articles_fts'")" 0 "the index is dropped"
run --db "$db" search vùng
clear_error "search without the index"
run --db "$db" check
like "$rc" '^(1|6[4-9]|7[0-9])$' "check finds the missing index (exit $rc)"
like "$(cat "$errf")" "damaged|problem|articles_fts" "and says so"

# Another program's SQLite files: WAL mode, a table called articles,
# even a user_version that newsctl uses; never read or changed.
db=$tmp/other.db
sqlite3 "$db" "PRAGMA journal_mode=WAL; CREATE TABLE articles(id INTEGER
	PRIMARY KEY, title TEXT, body TEXT); INSERT INTO articles
	VALUES (1, 'x', 'y'); PRAGMA user_version=3;" >/dev/null
cp "$db" "$tmp/other.before"
for cmd in "search x" "stats" "show 1" "check" "ingest $seed" \
	"import $fixtures/archives/articles.tar"; do
	# shellcheck disable=SC2086
	run --db "$db" $cmd
	clear_error "${cmd%% *}: another program's database"
	like "$(cat "$errf")" "not a newsctl database" \
		"${cmd%% *}: says it is not a newsctl database"
done
check "the other program's database is unchanged" cmp "$db" "$tmp/other.before"

done_testing
