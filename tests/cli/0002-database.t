#!/bin/sh
# The database: where it lives, and clear errors when it cannot be used.
. "$(dirname "$0")/lib.sh"

seed=$top/seeds/000_24022134b924370a.txt

run stats
expect_code 66 "stats before any ingest: no database (66)"
like "$(cat "$errf")" "news.db': no database here" "the error names the database"

unset NEWSCTL_DB
export XDG_DATA_HOME="$tmp/xdg"
run ingest "$seed"
expect_code 0 "ingest creates the default database and its folder"
check "the default database is under XDG_DATA_HOME" test -f "$tmp/xdg/newsctl/news.db"
unset XDG_DATA_HOME
run ingest "$seed"
check "without XDG_DATA_HOME it lives under ~/.local/share" test -f "$HOME/.local/share/newsctl/news.db"
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && env -u HOME "$NEWSCTL" ingest "$seed" >"$out" 2>"$errf") &&
	rc=0 || rc=$?
expect_code 2 "without HOME, --db or NEWSCTL_DB: refused (2)"
like "$(cat "$errf")" "HOME is not set.*--db PATH or set NEWSCTL_DB" \
	"the error says what to give"
is "$(ls -A "$tmp/cwd")" "" \
	"nothing is created under the current folder"
(cd "$tmp/cwd" && env -u HOME XDG_DATA_HOME="$tmp/xdg" "$NEWSCTL" stats \
	>"$out" 2>"$errf") && rc=0 || rc=$?
expect_code 0 "without HOME an absolute XDG_DATA_HOME is enough"
export NEWSCTL_DB="$tmp/env.db"
(cd "$tmp/cwd" && env -u HOME "$NEWSCTL" ingest "$seed" >"$out" 2>"$errf") &&
	rc=0 || rc=$?
expect_code 0 "without HOME, NEWSCTL_DB is enough"
check "NEWSCTL_DB names the database" test -f "$tmp/env.db"
run --db "$tmp/opt.db" ingest "$seed"
check "--db wins over NEWSCTL_DB" test -f "$tmp/opt.db"
run --db="$tmp/opt.db" stats --json
jq_is .articles 1 "--db=PATH works too"

run --db "$tmp/no/such/folder/x.db" ingest "$seed"
expect_code 73 "a database path that cannot be created (73)"
like "$(cat "$errf")" "x.db': cannot open database" "the error names the path"

printf 'this is not a database, just text\n' >"$tmp/text.db"
run --db "$tmp/text.db" ingest "$seed"
expect_code 65 "a file that is not SQLite (65)"
like "$(cat "$errf")" "text.db': not a newsctl database" "the error says not a newsctl database"
check "the file was not changed" grep -q 'just text' "$tmp/text.db"

sqlite3 "$tmp/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
run --db "$tmp/other.db" ingest "$seed"
expect_code 65 "another program's SQLite file (65)"
like "$(cat "$errf")" "other.db': not a newsctl database" "the error says not a newsctl database"
is "$(sqlite3 "$tmp/other.db" 'SELECT count(*) FROM sqlite_master')" 1 "the other file was not changed"

cp "$tmp/opt.db" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version=999"
run --db "$tmp/newer.db" stats
expect_code 65 "a database from a newer newsctl (65)"
like "$(cat "$errf")" "newer newsctl" "the error says newer"

run --db "$tmp" stats
expect_code 73 "a directory as the database (73)"

run --db "" stats
expect_code 2 "an empty --db is a usage error"

head -c 5000 "$tmp/opt.db" >"$tmp/truncated.db"
run --db "$tmp/truncated.db" search dân
like "$rc" "^(65|66|74)$" "a truncated database is an error, not a crash"

done_testing
