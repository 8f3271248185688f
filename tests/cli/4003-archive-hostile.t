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
mkfifo "$tmp/ong"
for f in articles.tar.gz articles.zip; do
	rm -f "$NEWSCTL_DB"
	cat "$a/$f" >"$tmp/ong" &
	run ingest "$tmp/ong"
	wait
	like "$(cat "$errf")" "2 added" "$f from a named pipe"
done

rm -f "$NEWSCTL_DB"
run ingest "$a/truncated.tar.gz"
expect_code 1 "a truncated archive is a partial failure"
like "$(cat "$errf")" "truncated.tar.gz': damaged or truncated archive" "the error names the archive"
like "$(cat "$errf")" "1 added" "the article before the damage is kept"
run ingest "$a/truncated.tar"
like "$(cat "$errf")" "truncated.tar': damaged or truncated" "a truncated plain tar too"

# What counts is what an archive expands to: 12 MB from 12 KB is under
# every cap, the budget of --max-total is not.
run ingest "$a/bomb.zip"
expect_code 0 "a 1000:1 zip of 12 MB is read: under the caps"
run ingest --max-total 4M "$a/bomb.zip"
expect_code 1 "past --max-total it is refused"
like "$(cat "$errf")" "bomb.zip': expands past 'bom.txt' over the total limit of 4194304 bytes \(see --max-total\)" \
	"and the error names the budget"
run ingest --max-size 1M "$a/bomb.zip"
like "$(cat "$errf")" "bomb.zip!bom.txt': over the size limit" "or by --max-size"

# newsctl's own archive of repetitive articles (far over 200:1) comes back.
mkdir "$tmp/rep"
i=0
while [ $i -lt 40 ]; do
	i=$((i + 1))
	{
		printf 'Bản tin số %d về giá vàng\n\n' $i
		awk -v n=$i 'BEGIN { for (k = 0; k < 1500; k++)
			printf "Giá vàng hôm nay tăng nhẹ theo giá thế giới. " }'
		printf '\n\nSố %d.\n' $i
	} >"$tmp/rep/$i.txt"
done
NEWSCTL_DB=$tmp/rep.db run ingest "$tmp/rep"
NEWSCTL_DB=$tmp/rep.db run export -o "$tmp/rep.tar.zst"
expect_code 0 "an export of 40 repetitive articles"
NEWSCTL_DB=$tmp/rep2.db run import "$tmp/rep.tar.zst"
expect_code 0 "imports back: not taken for a bomb"
like "$(cat "$errf")" "40 added" "with every article"
NEWSCTL_DB=$tmp/rep2.db run verify "$tmp/rep.tar.zst"
expect_code 0 "and verifies"

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
