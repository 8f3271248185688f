/*
 * store-reindex.c - the full-text index rebuilt in steps.
 *
 * FTS5's 'rebuild' does it in one statement: hours of one transaction on
 * a large database, all lost when it is stopped. Here the index is
 * emptied once ('delete-all'), then filled in batches of articles in id
 * order, one transaction each, with the position kept in meta
 * ("reindex_next") in the same transaction; "reindex" holds the rules
 * being built with while a rebuild is under way. A batch takes only
 * articles that have no index entry yet (no row in FTS5's docsize
 * table), so that an article ingested during the rebuild, which its
 * ingest indexed, is never indexed twice.
 */
#include <stdio.h>
#include <string.h>

#include "abbrev.h"
#include "store-int.h"

#define REINDEX_BATCH "500"

/* The articles of the next batch: after :next, not indexed yet. */
#define PENDING "SELECT a.id FROM articles a WHERE a.id > :next" \
	" AND NOT EXISTS (SELECT 1 FROM articles_fts_docsize d" \
	" WHERE d.id = a.id) ORDER BY a.id LIMIT " REINDEX_BATCH

/* Whether meta holds "reindex" with this program's rules. */
static int under_way(struct store *st, int *rc)
{
	sqlite3_stmt *stmt = NULL;
	int same = 0;

	*rc = sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE"
				 " key='reindex'", -1, &stmt, NULL);
	if (*rc == SQLITE_OK && (*rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(stmt, 0);

		same = v && !strcmp((const char *)v, abbrev_version());
	}
	if (*rc == SQLITE_ROW || *rc == SQLITE_DONE)
		*rc = SQLITE_OK;
	sqlite3_finalize(stmt);
	return same;
}

enum nc_status store_reindex_start(struct store *st, int *resumed,
				   long long *total, long long *done,
				   struct nc_error *err)
{
	enum nc_status s = store_begin(st, err);
	int rc = SQLITE_OK;

	if (!s) {
		*resumed = under_way(st, &rc);
		if (rc != SQLITE_OK)
			s = store_db_error(st, err, rc, "cannot read meta");
	}
	/* "index_rules" names no rules while the index is partial, so that
	 * search says to run reindex */
	if (!s && !*resumed) {
		s = store_exec(st, "INSERT INTO articles_fts(articles_fts)"
			       " VALUES('delete-all')", err);
		if (!s)
			s = store_meta_set(st, "reindex", abbrev_version(),
					   err);
		if (!s)
			s = store_meta_set(st, "reindex_next", "0", err);
		if (!s)
			s = store_meta_set(st, "index_rules", "rebuilding",
					   err);
	}
	if (!s) {
		*total = store_query_int(st, "SELECT count(*) FROM articles",
					 &rc);
		if (rc == SQLITE_OK)
			*done = store_query_int(st, "SELECT count(*) FROM"
						" articles_fts_docsize", &rc);
		if (rc != SQLITE_OK)
			s = store_db_error(st, err, rc, "cannot count");
	}
	if (!s)
		s = store_commit(st, err);
	if (s)
		store_rollback(st);
	return s;
}

/* Index the articles of ids (next, last] that have no entry yet. */
static int index_range(struct store *st, long long next, long long last,
		       long long *added)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "INSERT INTO articles_fts(rowid, "
				FTS_COLUMNS ") SELECT id, " FTS_COLUMNS
				" FROM articles_text t WHERE t.id > ?1"
				" AND t.id <= ?2 AND NOT EXISTS (SELECT 1"
				" FROM articles_fts_docsize d"
				" WHERE d.id = t.id)", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, next);
		sqlite3_bind_int64(stmt, 2, last);
		rc = sqlite3_step(stmt);
		*added = sqlite3_changes(st->db);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum nc_status store_reindex_step(struct store *st, long long *added,
				  int *more, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	long long next = 0, last = 0;
	enum nc_status s;
	int rc;

	*added = 0;
	*more = 0;
	s = store_begin(st, err);
	if (s)
		return s;
	next = store_query_int(st, "SELECT value FROM meta WHERE"
			       " key='reindex_next'", &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "SELECT coalesce(max(id), 0)"
					" FROM (" PENDING ")", -1, &stmt,
					NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, next);
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			last = sqlite3_column_int64(stmt, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	if (rc == SQLITE_OK && last > next)
		rc = index_range(st, next, last, added);
	if (rc != SQLITE_OK)
		s = store_db_error(st, err, rc, "cannot rebuild the index");
	if (!s && last > next) {
		char v[24];

		snprintf(v, sizeof(v), "%lld", last);
		s = store_meta_set(st, "reindex_next", v, err);
		*more = 1;
	}
	if (!s)
		s = store_commit(st, err);
	if (s)
		store_rollback(st);
	return s;
}

enum nc_status store_reindex_finish(struct store *st, struct nc_error *err)
{
	enum nc_status s = store_begin(st, err);

	if (!s)
		s = store_exec(st, "DELETE FROM meta WHERE key IN ('reindex',"
			       " 'reindex_next')", err);
	if (!s)
		s = store_index_rules(st, NULL, err);
	if (!s)
		s = store_commit(st, err);
	if (s)
		store_rollback(st);
	else	/* the rebuild writes the index in several segments */
		s = store_merge_index(st, err);
	return s;
}
