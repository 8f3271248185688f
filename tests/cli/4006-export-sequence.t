#!/bin/sh
# Incremental exports count in the store's own insertion sequence, never
# in ids an input chose: a partial import then a full one, or an imported
# id of 2^63-1, make no later export skip articles. The lock of a name is
# on the database file itself, whatever path names it. -o replaces only a
# regular file.
. "$(dirname "$0")/lib.sh"

art() { printf 'Tin số %s về mùa nước nổi\n\nBà con vùng đồng bằng chuẩn bị đón mùa nước nổi lần thứ %s trong năm.\n' "$1" "$1"; }
ids() { bsdtar -xOf "$1" manifest.jsonl | sed 's/^{"id":\([0-9]*\),.*/\1/' | sort -n | tr '\n' ' '; }
titles() { bsdtar -xOf "$1" manifest.jsonl | jq -r .title | sort | tr '\n' '|'; }

for i in 1 2 3 4 5; do art $i >"$tmp/a$i.txt"; done
run ingest "$tmp"/a[1-5].txt
run export --query '"lần thứ 5"' -o "$tmp/part.tar"
is "$(ids "$tmp/part.tar")" "5 " "the partial archive holds article 5"
run export -o "$tmp/full.tar"

# A second database: the partial archive, a nightly export, the full one.
export NEWSCTL_DB="$tmp/b.db"
run import "$tmp/part.tar"
run export --incremental nightly -o "$tmp/b1.tar"
is "$(ids "$tmp/b1.tar")" "5 " "the first night exports the partial import"
run import "$tmp/full.tar"
expect_code 0 "the full import succeeds"
run export --incremental nightly -o "$tmp/b2.tar"
is "$(ids "$tmp/b2.tar")" "1 2 3 4 " \
	"the next night exports the articles with smaller ids it imported"
run export --incremental nightly -o "$tmp/b3.tar"
is "$(ids "$tmp/b3.tar")" "" "and the one after has nothing new"

# An archive whose article has the largest id SQLite allows.
export NEWSCTL_DB="$tmp/c.db"
mkdir "$tmp/x"
(cd "$tmp/x" && bsdtar -xf "$tmp/part.tar")
sed 's/^{"id":5,/{"id":9223372036854775807,/' "$tmp/x/manifest.jsonl" >"$tmp/m" &&
	mv "$tmp/m" "$tmp/x/manifest.jsonl"
(cd "$tmp/x" && bsdtar -cf "$tmp/big.tar" *)
run import "$tmp/big.tar"
expect_code 0 "an article with id 2^63-1 is imported"
run export --incremental nightly -o "$tmp/c1.tar"
is "$(ids "$tmp/c1.tar")" "9223372036854775807 " "the first night exports it"
art 6 | run_in /dev/stdin ingest -
art 7 | run_in /dev/stdin ingest -
run export --incremental nightly -o "$tmp/c2.tar"
is "$(titles "$tmp/c2.tar")" "Tin số 6 về mùa nước nổi|Tin số 7 về mùa nước nổi|" \
	"later nights export what was ingested after it"
export NEWSCTL_DB="$tmp/news.db"

# The lock of a name is the same through a symbolic link to the database.
ln -s news.db "$tmp/link.db"
flock "$(realpath "$NEWSCTL_DB").export-held.lock" sleep 3 &
holder=$!
sleep 1
run --db "$tmp/link.db" export --incremental held -o "$tmp/h.tar"
expect_code 75 "an export through a symbolic link waits for the same lock"
wait $holder

# -o never replaces what is not a regular file.
ln -s full.tar "$tmp/sym.tar"
run export -o "$tmp/sym.tar"
expect_code 73 "-o naming a symbolic link is refused"
like "$(cat "$errf")" "sym.tar.*not a regular file" "and says why"
check "the link is still a link" test -L "$tmp/sym.tar"
mkfifo "$tmp/fifo.tar"
run export -o "$tmp/fifo.tar"
expect_code 73 "-o naming a FIFO is refused"
check "the FIFO is still there" test -p "$tmp/fifo.tar"
run export -o "$tmp/new.tar"
expect_code 0 "a new name is written"
run export -o "$tmp/new.tar"
expect_code 0 "and a regular file replaced"

done_testing
