/*
 * store-export.c - what export reads: the articles of a selection in
 * export order, and the watermarks of incremental exports.
 */
#include <stdlib.h>

#include "date.h"
#include "store-int.h"

/*
 * The day folder of an article in SQL: the date of `published` when it
 * starts with one, else the ingest day in UTC+7. export.c computes the same
 * string (with '/' for '-') for the entry path.
 */
#define DAY_KEY "CASE WHEN a.published GLOB" \
	" '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'" \
	" THEN substr(a.published, 1, 10)" \
	" ELSE strftime('%Y-%m-%d', a.ingested + " NC_STR(DATE_VN_OFFSET) \
	", 'unixepoch') END"

enum nc_status store_read_begin(struct store *st, struct nc_error *err)
{
	return store_exec(st, "BEGIN", err);
}

enum nc_status store_last(struct store *st, int64_t *seq,
			  int64_t *ingested, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*seq = *ingested = 0;
	rc = sqlite3_prepare_v2(st->db, "SELECT seq, ingested FROM articles"
				" ORDER BY seq DESC LIMIT 1", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			*seq = sqlite3_column_int64(stmt, 0);
			*ingested = sqlite3_column_int64(stmt, 1);
		}
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? NC_OK
		: store_db_error(st, err, rc, "cannot read article ids");
}

/* The ids that stmt yields, in *v (malloc'ed) and *nv. */
static int read_ids(sqlite3_stmt *ids, int64_t **v, size_t *nv)
{
	size_t cap = 0;
	int rc;

	*v = NULL;
	*nv = 0;
	while ((rc = sqlite3_step(ids)) == SQLITE_ROW) {
		if (*nv == cap) {
			cap = cap ? 2 * cap : 1024;
			*v = xrealloc(*v, cap * sizeof(**v));
		}
		(*v)[(*nv)++] = sqlite3_column_int64(ids, 0);
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Read the ids that stmt yields, then call fn with each article. */
static enum nc_status each_by_id(struct store *st, sqlite3_stmt *ids,
				 int with_raw, store_article_fn fn, void *ctx,
				 long long *n, struct nc_error *err)
{
	sqlite3_stmt *get = NULL;
	int64_t *v = NULL;
	size_t nv = 0;
	enum nc_status s = NC_OK;
	int rc;

	rc = read_ids(ids, &v, &nv);
	if (rc != SQLITE_OK) {
		s = store_search_error(st, rc, err);
		goto out;
	}
	rc = sqlite3_prepare_v2(st->db, "SELECT " ARTICLE_COLUMNS
				" FROM articles WHERE id=?", -1, &get, NULL);
	if (rc != SQLITE_OK) {
		s = store_db_error(st, err, rc, "cannot read article");
		goto out;
	}
	for (size_t i = 0; i < nv && !s; i++) {
		struct article a = ARTICLE_INIT;

		sqlite3_bind_int64(get, 1, v[i]);
		rc = sqlite3_step(get);
		if (rc != SQLITE_ROW) {
			s = store_db_error(st, err, rc, "cannot read article");
			break;
		}
		s = store_row_article(st, get, with_raw, &a, err);
		if (!s)
			s = fn(ctx, &a, err);
		article_release(&a);
		sqlite3_reset(get);
		(*n)++;
	}
out:
	sqlite3_finalize(get);
	free(v);
	return s;
}

/*
 * Only the ids are selected and sorted (sorting whole rows would copy
 * every body and blob); each article is then read by id.
 */
enum nc_status store_each(struct store *st, const struct filter *f,
			  int with_raw, store_article_fn fn, void *ctx,
			  long long *count, struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum nc_status s;
	long long n = 0;

	if ((s = store_check_prefixes(st, f, err)) != NC_OK)
		return s;
	buf_adds(&sql, "SELECT a.id");
	store_filter_sql(f, &sql);
	if (f->sort == FILTER_SORT_DAY)
		buf_adds(&sql, " ORDER BY " DAY_KEY ","
			 " CAST(a.id AS TEXT) || '-'");
	else if (f->sort == FILTER_SORT_DATE)
		buf_adds(&sql, " ORDER BY a.published DESC NULLS LAST,"
			 " a.id DESC");
	else
		buf_adds(&sql, " ORDER BY a.id");
	buf_addf(&sql, " LIMIT %lld OFFSET %lld",
		 f->limit < 0 ? -1 : f->limit, f->offset);
	s = store_filter_prepare(st, f, sql.s, &stmt, &until, err);
	if (!s)
		s = each_by_id(st, stmt, with_raw, fn, ctx, &n, err);
	if (count)
		*count = n;
	sqlite3_finalize(stmt);
	buf_release(&sql);
	buf_release(&until);
	return s;
}

enum nc_status store_ids(struct store *st, const struct filter *f,
			 int64_t **ids, size_t *n, struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum nc_status s;
	int rc;

	*ids = NULL;
	*n = 0;
	buf_adds(&sql, "SELECT a.id");
	store_filter_sql(f, &sql);
	buf_adds(&sql, " ORDER BY a.id");
	s = store_filter_prepare(st, f, sql.s, &stmt, &until, err);
	if (!s && (rc = read_ids(stmt, ids, n)) != SQLITE_OK) {
		s = store_search_error(st, rc, err);
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	sqlite3_finalize(stmt);
	buf_release(&sql);
	buf_release(&until);
	return s;
}

enum nc_status store_mark_get(struct store *st, const char *name,
			      int64_t *last_seq, struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*last_seq = 0;
	rc = sqlite3_prepare_v2(st->db, "SELECT last_seq FROM export_marks"
				" WHERE name=?", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			*last_seq = sqlite3_column_int64(stmt, 0);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? NC_OK
		: store_db_error(st, err, rc, "cannot read export watermark");
}

enum nc_status store_mark_set(struct store *st, const char *name,
			      int64_t last_seq, int64_t now,
			      struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "INSERT INTO export_marks(name,"
				" last_seq, updated) VALUES (?, ?, ?)"
				" ON CONFLICT(name) DO UPDATE SET"
				" last_seq=excluded.last_seq,"
				" updated=excluded.updated", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, last_seq);
		sqlite3_bind_int64(stmt, 3, now);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? NC_OK
		: store_db_error(st, err, rc, "cannot store export watermark");
}

enum nc_status store_mark_drop(struct store *st, const char *name,
			       struct nc_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(st->db, "DELETE FROM export_marks"
				" WHERE name=?", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? NC_OK
		: store_db_error(st, err, rc, "cannot remove watermark");
}

/*
 * What an incremental export selected is kept beside its watermark (in
 * meta, as "export-selection:NAME"), so that prune can tell an export
 * of every article from one of a query's.
 */
static void selection_key(const char *name, struct buf *key)
{
	buf_addf(key, "export-selection:%s", name);
}

enum nc_status store_mark_selection_set(struct store *st, const char *name,
					const char *selection,
					struct nc_error *err)
{
	struct buf key = BUF_INIT;
	enum nc_status s;

	selection_key(name, &key);
	s = store_meta_set(st, key.s, selection, err);
	buf_release(&key);
	return s;
}

enum nc_status store_mark_selection_get(struct store *st, const char *name,
					char **selection,
					struct nc_error *err)
{
	struct buf key = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	int rc;

	*selection = NULL;
	selection_key(name, &key);
	rc = sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key=?",
				-1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, key.s, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			*selection = store_column_dup(stmt, 0);
	}
	sqlite3_finalize(stmt);
	buf_release(&key);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? NC_OK
		: store_db_error(st, err, rc, "cannot read export watermark");
}
