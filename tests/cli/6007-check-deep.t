#!/bin/sh
# check finds what breaks search and export, naming the article: a body
# that does not decompress, an index out of step with its rows, a size no
# article can have. check --quick leaves the rows alone.
. "$(dirname "$0")/lib.sh"

for i in 1 2 3 4; do
	printf 'Tin số %s về mùa nước nổi\n\nBà con chuẩn bị đón mùa nước nổi lần thứ %s.\n' $i $i >"$tmp/a$i.txt"
done
run ingest "$tmp"/a[1-4].txt
run check
expect_code 0 "a sound database passes"

sqlite3 "$NEWSCTL_DB" "UPDATE articles SET title = 'Khác hẳn' WHERE id = 1"
run check
expect_code 1 "a row changed behind the index is found"
like "$(cat "$out")" "^fts5: " "by FTS5's check against the rows"
run check --quick
expect_code 0 "check --quick does not look at the rows"

sqlite3 "$NEWSCTL_DB" "UPDATE articles SET title = 'Tin số 1 về mùa nước nổi' WHERE id = 1;
	UPDATE articles SET body_z = X'0102030405' WHERE id = 2;
	UPDATE articles SET raw_size = -5 WHERE id = 3;
	DELETE FROM articles_fts_docsize WHERE id = 4"
run check
expect_code 1 "damaged rows are found"
like "$(cat "$out")" "article 2: cannot be read back" "a body that does not decompress, by id"
like "$(cat "$out")" "article 3: impossible size" "a negative size, by id"
like "$(cat "$out")" "article 4: not in the full-text index" "a row the index lost, by id"

done_testing
