/*
 * store-prune.c - deleting articles (prune) and giving the space back.
 *
 * The index is an external-content FTS5 table: it cannot see a row go,
 * so each article's entries are removed with FTS5's 'delete' command and
 * the values it was indexed with (read back through articles_text, which
 * the index reads too) before the row itself, in one transaction, so that
 * a kill leaves both or neither.
 */
#include "store-int.h"

#define FTS_DELETE "INSERT INTO articles_fts(articles_fts, rowid, " \
	FTS_COLUMNS ") SELECT 'delete', id, " FTS_COLUMNS \
	" FROM articles_text WHERE id=?"

enum nc_status store_delete(struct store *st, const int64_t *ids, size_t n,
			    struct nc_error *err)
{
	sqlite3_stmt *fts = NULL, *row = NULL;
	enum nc_status s;
	int rc;

	s = store_exec(st, "BEGIN IMMEDIATE", err);
	if (s)
		return s;
	rc = sqlite3_prepare_v2(st->db, FTS_DELETE, -1, &fts, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "DELETE FROM articles"
					" WHERE id=?", -1, &row, NULL);
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		sqlite3_bind_int64(fts, 1, ids[i]);
		sqlite3_bind_int64(row, 1, ids[i]);
		rc = sqlite3_step(fts);
		if (rc == SQLITE_DONE)
			rc = sqlite3_step(row);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_reset(fts);
		sqlite3_reset(row);
	}
	sqlite3_finalize(fts);
	sqlite3_finalize(row);
	if (rc != SQLITE_OK)
		s = store_db_error(st, err, rc, "cannot delete articles");
	else
		s = store_exec(st, "COMMIT", err);
	if (s)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return s;
}

/* The bytes of the file, and those on its freelist. */
static int file_pages(struct store *st, long long *bytes, long long *freed)
{
	int rc;

	*bytes = store_query_int(st, "SELECT page_count * page_size FROM"
				 " pragma_page_count, pragma_page_size", &rc);
	if (rc == SQLITE_OK)
		*freed = store_query_int(st, "SELECT freelist_count * page_size"
					" FROM pragma_freelist_count,"
					" pragma_page_size", &rc);
	return rc;
}

enum nc_status store_reclaim(struct store *st, int full, long long *bytes,
			     long long *freelist, struct nc_error *err)
{
	long long before = 0, after = 0, mode;
	enum nc_status s = NC_OK;
	int rc;

	*bytes = 0;
	rc = file_pages(st, &before, freelist);
	mode = store_query_int(st, "PRAGMA auto_vacuum", &rc);
	if (rc != SQLITE_OK)
		return store_db_error(st, err, rc, "cannot read the database");
	/* FTS5 keeps what a 'delete' removed in its segments until they
	 * merge: merge them all before rewriting the file */
	if (full)
		s = store_exec(st, "INSERT INTO articles_fts(articles_fts)"
			       " VALUES('optimize'); VACUUM", err);
	else if (mode == 2)	/* INCREMENTAL */
		s = store_exec(st, "PRAGMA incremental_vacuum", err);
	if (!s)
		s = store_exec(st, "PRAGMA wal_checkpoint(TRUNCATE)", err);
	if (s)
		return s;
	rc = file_pages(st, &after, freelist);
	if (rc != SQLITE_OK)
		return store_db_error(st, err, rc, "cannot read the database");
	*bytes = before > after ? before - after : 0;
	return NC_OK;
}
