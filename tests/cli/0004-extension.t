#!/bin/sh
# The SQLite loadable extension: the sqlite3 shell can search a newsctl
# index, with folding, and read its text through snippet().
. "$(dirname "$0")/lib.sh"

ext=${NEWSCTL_EXT:-$top/build/newsctl.so}
newsctl ingest --quiet "$top/seeds/"
db=$NEWSCTL_DB

# An extension built with the sanitizers needs their runtime loaded first
# into the (uninstrumented) sqlite3 shell.
asan=$(ldd "$ext" 2>/dev/null | awk '/libasan/ { print $3 }')
q() {
	LD_PRELOAD=${asan:+$asan} ASAN_OPTIONS=detect_leaks=0 \
		sqlite3 "$db" ".load ${ext%.so}" "$1" 2>&1
}

# It reaches SQLite only through the routines its host passes in: no
# libsqlite3 of its own, no direct call into one.
is "$(readelf -d "$ext" | grep NEEDED | grep -c sqlite)" 0 \
	"the extension does not link libsqlite3"
is "$(nm -D --undefined-only "$ext" | grep -c ' sqlite3_')" 0 \
	"the extension calls no sqlite3_ function directly"

is "$(sqlite3 "$db" "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'dang'" 2>&1 | sed 's/:.*//')" \
	"Error" "without the extension the index cannot be read"
is "$(q "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'dang'")" 1 \
	"with it, an unaccented query matches"
is "$(q "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'đang'")" 0 \
	"an accented query matches that word only"
like "$(q "SELECT snippet(articles_fts, 2, '[', ']', '', 6) FROM articles_fts WHERE articles_fts MATCH 'dan van kheo'")" \
	"\[[Dd]ân\] \[vận\] \[khéo\]" "snippet() reads the compressed body and marks folded matches"
is "$(q "SELECT title FROM articles_text WHERE id = 1")" \
	"Đẩy mạnh phong trào thi đua dân vận khéo sâu rộng và thiết thực hơn" "the text view reads"

done_testing
