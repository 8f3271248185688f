#!/bin/sh
# ingest reads archives by content; hostile archives are capped and
# reported, and the articles read before the damage are kept.
. "$(dirname "$0")/lib.sh"
a=$fixtures/archives

for f in articles.tar articles.tar.gz articles.tar.zst articles.zip; do
	rm -f "$NEWSCTL_DB"
	run ingest "$a/$f"
	expect_code 0 "ingest $f"
	like "$(cat "$errf")" "2 added, 0 unchanged, 0 failed" "$f: two articles"
done
run show --json 1
jq_is .origin "$a/articles.zip!bai/lua-thom.txt" "origin is archive!entry"

# Found by content, not by name.
rm -f "$NEWSCTL_DB"
cp "$a/articles.tar.gz" "$tmp/bai-viet.dat"
run ingest "$tmp/bai-viet.dat"
like "$(cat "$errf")" "2 added" "an archive with another name is read as one"
rm -f "$NEWSCTL_DB"
run_in "$a/articles.tar.zst" ingest -
like "$(cat "$errf")" "2 added" "an archive on standard input"

rm -f "$NEWSCTL_DB"
run ingest "$a/truncated.tar.gz"
expect_code 1 "a truncated archive is a partial failure"
like "$(cat "$errf")" "truncated.tar.gz': damaged or truncated archive" "the error names the archive"
like "$(cat "$errf")" "1 added" "the article before the damage is kept"
run ingest "$a/truncated.tar"
like "$(cat "$errf")" "truncated.tar': damaged or truncated" "a truncated plain tar too"

run ingest "$a/bomb.zip"
expect_code 1 "a zip bomb is refused"
like "$(cat "$errf")" "bomb.zip': compression ratio over the limit" "as a bomb"
run ingest --max-size 1M "$a/bomb.zip"
like "$(cat "$errf")" "bomb.zip!bom.txt': over the size limit|compression ratio" "or by --max-size"

rm -f "$NEWSCTL_DB"
run ingest "$a/dotdot.tar"
like "$(cat "$errf")" "dotdot.tar!\.\./thoat.txt': a path outside the archive, skipped" "../ entries are skipped"
like "$(cat "$errf")" "a/\.\./\.\./thoat2.txt': a path outside" "nested ../ too"
like "$(cat "$errf")" "1 added, 0 unchanged, 2 failed" "the safe entry is read"
run ingest "$a/absolute.tar"
like "$(cat "$errf")" "absolute.tar!/etc/bao.txt': an absolute path, skipped" "absolute paths are skipped"
run ingest "$a/symlink.tar"
like "$(cat "$errf")" "symlink.tar!lien-ket.txt': a symbolic link, skipped" "symlinks are skipped"
like "$(cat "$errf")" "symlink.tar!cung.txt': a hard link, skipped" "hard links are skipped"
check "nothing was extracted" test ! -e "$tmp/../thoat.txt"

# import applies the same caps.
run export -o "$tmp/e.tar.zst"
rm -f "$tmp/i.db"
NEWSCTL_DB=$tmp/i.db run import --max-total 500 "$tmp/e.tar.zst"
like "$(cat "$errf")" "over the total limit of 500 bytes" "import --max-total stops an archive"
NEWSCTL_DB=$tmp/i.db run import "$a/articles.tar"
expect_code 1 "import of a raw archive fails"
like "$(cat "$errf")" "no manifest.jsonl" "and says it is not an export"

done_testing
