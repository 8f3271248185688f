/*
 * store-page.c - the page of a search: past its offset and up to its
 * limit, and, when the filter collapses them, each cluster of
 * near-duplicates as its first hit alone, standing for its copies; the
 * page of a search newest first read from SQL (store-search.c ranks).
 */
#include <stdlib.h>
#include <string.h>

#include "store-int.h"

/* Newest first (or every article): f's page of ids, in order, from SQL. */
static enum nc_status prepare_dated(struct store *st, const struct filter *f,
				    int walk, sqlite3_stmt **stmt,
				    struct buf *until, struct nc_error *err)
{
	struct buf sql = BUF_INIT;
	enum nc_status s;

	buf_adds(&sql, "SELECT a.id");
	if (walk)
		store_filter_sql_walk(f, &sql);
	else
		store_filter_sql(f, &sql);
	buf_addf(&sql, " ORDER BY a.published DESC NULLS LAST, a.id DESC"
		 " LIMIT %lld OFFSET %lld", f->limit < 0 ? -1 : f->limit,
		 f->offset);
	s = store_filter_prepare(st, f, sql.s, stmt, until, err);
	buf_release(&sql);
	return s;
}

/*
 * Should id be shown, f collapsing clusters? *copies gets the other
 * members of its cluster. 0: skip it (its cluster was shown), 1: show
 * it, or an SQLite error code (never 0 or 1).
 */
static int page_take(struct store *st, struct page *p, int64_t id,
		     long long *copies)
{
	int64_t cluster;
	int rc;

	*copies = 0;
	if (!p->cluster &&
	    (rc = sqlite3_prepare_v2(st->db, "SELECT cluster, (SELECT"
				     " count(*) FROM dup x WHERE x.cluster"
				     " = d.cluster) FROM dup d WHERE"
				     " article=?", -1, &p->cluster, NULL)))
		return rc;
	sqlite3_reset(p->cluster);
	sqlite3_bind_int64(p->cluster, 1, id);
	rc = sqlite3_step(p->cluster);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return rc;
	cluster = sqlite3_column_int64(p->cluster, 0);
	*copies = sqlite3_column_int64(p->cluster, 1) - 1;
	for (size_t i = 0; i < p->nseen; i++)
		if (p->seen[i] == cluster)
			return 0;
	if (p->nseen == p->capseen) {
		p->capseen = p->capseen ? 2 * p->capseen : 32;
		p->seen = xrealloc(p->seen, p->capseen * sizeof(*p->seen));
	}
	p->seen[p->nseen++] = cluster;
	return 1;
}

int store_page_offer(struct store *st, const struct filter *f,
		      struct page *p, int64_t id, double score)
{
	long long copies = 0;
	int rc;

	if (f->collapse && (rc = page_take(st, p, id, &copies)) != 1)
		return rc == 0 ? 0 : rc;
	if (p->skip > 0) {
		p->skip--;
		return 0;
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 32;
		p->v = xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n++] = (struct page_hit){ id, score, copies };
	return f->limit >= 0 && (long long)p->n >= f->limit;
}

void store_page_reset(struct page *p, const struct filter *f)
{
	p->n = 0;
	p->nseen = 0;
	p->skip = f->offset;
}

void store_page_release(struct page *p)
{
	free(p->v);
	free(p->seen);
	sqlite3_finalize(p->cluster);
}

enum nc_status store_page_dated(struct store *st, const struct filter *f,
				 struct page *p, struct nc_error *err)
{
	struct filter all = *f;	/* the page is cut here when collapsing */
	struct buf until = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum nc_status s;
	int rc = SQLITE_OK, full = 0;

	if (f->collapse) {
		all.limit = -1;
		all.offset = 0;
	} else {
		p->skip = 0;
	}
	s = prepare_dated(st, &all, store_dated_walk(st, f), &stmt, &until,
			  err);
	while (!s && !full && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		full = store_page_offer(st, f, p,
					sqlite3_column_int64(stmt, 0), 0);
	if (!s && (full > 1 || (!full && rc != SQLITE_DONE)))
		s = store_search_error(st, full > 1 ? full : rc, err);
	sqlite3_finalize(stmt);
	buf_release(&until);
	return s;
}

