/*
 * store-cluster.c - the clusters of near-duplicates as commands read
 * them (dups, show, stats) and clustering everything again at another
 * threshold; store-dup.c joins them at ingest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-int.h"

/* The canonical member's fields, as store-search.c reads a hit's. */
#define CLUSTER_COLUMNS "d.cluster, count(*) AS n, a.published," \
	" a.source, a.section, a.title, a.byline, a.url, a.origin," \
	" a.external_id"

struct ids {
	int64_t *v;
	size_t n, cap;
};

static void ids_add(struct ids *x, int64_t id)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		x->v = xrealloc(x->v, x->cap * sizeof(*x->v));
	}
	x->v[x->n++] = id;
}

/* The members of cluster (canonical first, then by id) into x. */
static int read_members(sqlite3_stmt *q, int64_t cluster, struct ids *x)
{
	int rc;

	x->n = 0;
	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, cluster);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		ids_add(x, sqlite3_column_int64(q, 0));
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void cluster_of_row(sqlite3_stmt *q, struct store_cluster *c)
{
	memset(c, 0, sizeof(*c));
	c->a.id = sqlite3_column_int64(q, 0);
	c->size = sqlite3_column_int64(q, 1);
	c->a.published = (char *)sqlite3_column_text(q, 2);
	c->a.source = (char *)sqlite3_column_text(q, 3);
	c->a.section = (char *)sqlite3_column_text(q, 4);
	c->a.title = (char *)sqlite3_column_text(q, 5);
	c->a.byline = (char *)sqlite3_column_text(q, 6);
	c->a.url = (char *)sqlite3_column_text(q, 7);
	c->a.origin = (char *)sqlite3_column_text(q, 8);
	c->a.external_id = (char *)sqlite3_column_text(q, 9);
	c->a.views = ARTICLE_NO_VIEWS;
}

enum nc_status store_clusters(struct store *st, const struct filter *f,
			      long long min_size, store_cluster_fn fn,
			      void *ctx, long long *n, struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *q = NULL, *mq = NULL;
	struct ids members = { 0 };
	struct store_cluster c;
	long long count = 0;
	enum nc_status s;
	int rc;

	buf_adds(&sql, "SELECT " CLUSTER_COLUMNS " FROM dup d"
		 " JOIN articles a ON a.id = d.cluster"
		 " WHERE d.cluster IN (SELECT x.cluster FROM dup x"
		 " WHERE x.article IN (SELECT a.id");
	store_filter_sql(f, &sql);
	buf_addf(&sql, ")) GROUP BY d.cluster HAVING n >= %lld"
		 " ORDER BY n DESC, d.cluster LIMIT %lld OFFSET %lld",
		 min_size, f->limit, f->offset);
	s = store_filter_prepare(st, f, sql.s, &q, &until, err);
	if (!s) {
		rc = sqlite3_prepare_v2(st->db, "SELECT article FROM dup"
					" WHERE cluster=?1 ORDER BY"
					" article != ?1, article", -1, &mq,
					NULL);
		while (rc == SQLITE_OK &&
		       (rc = sqlite3_step(q)) == SQLITE_ROW) {
			cluster_of_row(q, &c);
			rc = read_members(mq, c.a.id, &members);
			c.members = members.v;
			if (rc == SQLITE_OK && (count++, fn(ctx, &c)))
				break;
		}
		if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
			s = store_search_error(st, rc, err);
	}
	if (n)
		*n = count;
	sqlite3_finalize(q);
	sqlite3_finalize(mq);
	free(members.v);
	buf_release(&sql);
	buf_release(&until);
	return s;
}

enum nc_status store_copies(struct store *st, int64_t id, int64_t **ids,
			    size_t *n, struct nc_error *err)
{
	sqlite3_stmt *q = NULL;
	struct ids x = { 0 };
	int rc;

	rc = sqlite3_prepare_v2(st->db, "SELECT d.article FROM dup d"
				" JOIN dup me ON me.cluster = d.cluster"
				" WHERE me.article=?1 AND d.article != ?1"
				" ORDER BY d.article", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(q, 1, id);
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			ids_add(&x, sqlite3_column_int64(q, 0));
	}
	sqlite3_finalize(q);
	*ids = x.v;
	*n = x.n;
	if (rc == SQLITE_DONE)
		return NC_OK;
	free(x.v);
	*ids = NULL;
	*n = 0;
	return store_db_error(st, err, rc, "cannot read copies");
}

/*
 * Re-clustering: the band rows in key order give the candidate pairs;
 * each article's shingles are read once, when a pair first needs them.
 */
struct rec {
	int64_t *art;		/* distinct signed articles, ascending */
	size_t nart;
	struct neardup_set *set;	/* by index in art */
	unsigned char *loaded, *original;
	size_t *parent;		/* union-find over art */
};

static size_t rec_find(struct rec *r, size_t i)
{
	while (r->parent[i] != i) {
		r->parent[i] = r->parent[r->parent[i]];
		i = r->parent[i];
	}
	return i;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static size_t rec_index(const struct rec *r, int64_t id)
{
	const int64_t *p = bsearch(&id, r->art, r->nart, sizeof(*r->art),
				   cmp_i64);

	return (size_t)(p - r->art);
}

/* Read the band rows: keys and articles (as indices) in key order. */
static int rec_load(struct store *st, struct rec *r, int32_t **keys,
		    size_t **idx, size_t *nrows)
{
	sqlite3_stmt *q = NULL;
	struct ids a = { 0 };
	size_t cap = 0, n = 0;
	int rc;

	*keys = NULL;
	*idx = NULL;
	rc = sqlite3_prepare_v2(st->db, "SELECT key, article FROM dup_band"
				" ORDER BY key", -1, &q, NULL);
	while (q && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			*keys = xrealloc(*keys, cap * sizeof(**keys));
		}
		(*keys)[n++] = sqlite3_column_int(q, 0);
		ids_add(&a, sqlite3_column_int64(q, 1));
	}
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE) {
		free(a.v);
		return rc;
	}
	*idx = xmalloc((n ? n : 1) * sizeof(**idx));
	r->art = xmalloc((n ? n : 1) * sizeof(*r->art));
	memcpy(r->art, a.v, n * sizeof(*r->art));
	qsort(r->art, n, sizeof(*r->art), cmp_i64);
	for (size_t i = 0; i < n; i++)
		if (!r->nart || r->art[r->nart - 1] != r->art[i])
			r->art[r->nart++] = r->art[i];
	for (size_t i = 0; i < n; i++)
		(*idx)[i] = rec_index(r, a.v[i]);
	free(a.v);
	r->set = xcalloc(r->nart ? r->nart : 1, sizeof(*r->set));
	r->loaded = xcalloc(r->nart ? r->nart : 1, 1);
	r->original = xcalloc(r->nart ? r->nart : 1, 1);
	r->parent = xmalloc((r->nart ? r->nart : 1) * sizeof(*r->parent));
	for (size_t i = 0; i < r->nart; i++)
		r->parent[i] = i;
	*nrows = n;
	return SQLITE_OK;
}

static int rec_set(struct store *st, struct rec *r, size_t i)
{
	int original, rc;

	if (r->loaded[i])
		return SQLITE_OK;
	rc = store_dup_shingle(st, r->art[i], &r->set[i], &original);
	r->original[i] = (unsigned char)original;
	r->loaded[i] = 1;
	return rc;
}

/* Join the confirmed pairs of one key's articles idx[0..n). */
static int rec_group(struct store *st, struct rec *r, const size_t *idx,
		     size_t n, double threshold)
{
	int rc = SQLITE_OK;

	for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
		for (size_t j = i + 1; j < n && rc == SQLITE_OK; j++) {
			size_t a = rec_find(r, idx[i]), b = rec_find(r, idx[j]);

			if (a == b)
				continue;
			rc = rec_set(st, r, idx[i]);
			if (rc == SQLITE_OK)
				rc = rec_set(st, r, idx[j]);
			if (rc == SQLITE_OK &&
			    neardup_confirmed(&r->set[idx[i]],
					      &r->set[idx[j]], threshold,
					      NULL))
				r->parent[a] = b;
		}
	return rc;
}

/* A member's fields for the canonical rule (strings copied). */
static int rec_member(struct store *st, sqlite3_stmt *q, struct rec *r,
		      size_t i, struct neardup_clusters *c)
{
	struct neardup_member m = { .id = r->art[i] };
	int rc;

	sqlite3_reset(q);
	sqlite3_bind_int64(q, 1, r->art[i]);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		m.published = (const char *)sqlite3_column_text(q, 0);
		m.hash = (const char *)sqlite3_column_text(q, 1);
		m.syllables = r->set[i].syllables;
		m.original = r->original[i];
		neardup_clusters_add(c, &m);
		rc = SQLITE_OK;
	}
	sqlite3_reset(q);
	(void)st;
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Write the dup rows of the clusters in r: the members of each root of
 * two or more, with the canonical member's id. A quadratic walk over
 * the roots would be slow; members are bucketed by root first.
 */
static int rec_write(struct store *st, struct rec *r)
{
	sqlite3_stmt *get = NULL, *put = NULL;
	size_t *order = xmalloc((r->nart ? r->nart : 1) * sizeof(*order));
	size_t *root = xmalloc((r->nart ? r->nart : 1) * sizeof(*root));
	size_t *count = xcalloc(r->nart ? r->nart : 1, sizeof(*count));
	size_t *start = xcalloc(r->nart + 1, sizeof(*start));
	int rc;

	for (size_t i = 0; i < r->nart; i++)
		count[root[i] = rec_find(r, i)]++;
	for (size_t i = 0; i < r->nart; i++)
		start[i + 1] = start[i] + count[i];
	memset(count, 0, r->nart * sizeof(*count));
	for (size_t i = 0; i < r->nart; i++)
		order[start[root[i]] + count[root[i]]++] = i;
	rc = sqlite3_exec(st->db, "DELETE FROM dup", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "SELECT published, hash FROM"
					" articles WHERE id=?", -1, &get,
					NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "INSERT INTO dup(article,"
					" cluster, syllables, original)"
					" VALUES (?,?,?,?)", -1, &put, NULL);
	for (size_t g = 0; g < r->nart && rc == SQLITE_OK; g++) {
		struct neardup_clusters *c;
		size_t *m = order + start[g], n = start[g + 1] - start[g];
		int64_t canon;

		if (n < 2)
			continue;
		c = neardup_clusters_new();
		for (size_t i = 0; i < n && rc == SQLITE_OK; i++)
			rc = rec_member(st, get, r, m[i], c);
		for (size_t i = 1; i < n && rc == SQLITE_OK; i++)
			neardup_clusters_join(c, 0, i);
		canon = rc == SQLITE_OK ? neardup_clusters_canonical(c, 0) : 0;
		for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
			sqlite3_reset(put);
			sqlite3_bind_int64(put, 1, r->art[m[i]]);
			sqlite3_bind_int64(put, 2, canon);
			sqlite3_bind_int64(put, 3, (sqlite3_int64)
					   r->set[m[i]].syllables);
			sqlite3_bind_int(put, 4, r->original[m[i]]);
			rc = sqlite3_step(put);
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		}
		neardup_clusters_free(c);
	}
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	free(order);
	free(root);
	free(count);
	free(start);
	return rc;
}

static void rec_free(struct rec *r)
{
	for (size_t i = 0; i < r->nart; i++)
		neardup_set_release(&r->set[i]);
	free(r->art);
	free(r->set);
	free(r->loaded);
	free(r->original);
	free(r->parent);
}

/* Every key's group joined and the clusters written (why not split:
 * the steps share r and the rows, and read in order). */
static int recluster(struct store *st, double threshold,
		     store_progress_fn fn, void *ctx)
{
	struct rec r = { 0 };
	int32_t *keys;
	size_t *idx, nrows = 0;
	int rc = rec_load(st, &r, &keys, &idx, &nrows);

	for (size_t s = 0, e; s < nrows && rc == SQLITE_OK; s = e) {
		for (e = s + 1; e < nrows && keys[e] == keys[s]; e++)
			;
		if (e - s > 1)
			rc = rec_group(st, &r, idx + s, e - s, threshold);
		if (fn)
			fn(ctx, (long long)e, (long long)nrows);
	}
	if (rc == SQLITE_OK)
		rc = rec_write(st, &r);
	rec_free(&r);
	free(keys);
	free(idx);
	return rc;
}

enum nc_status store_recluster(struct store *st, double threshold,
			       store_progress_fn fn, void *ctx,
			       struct nc_error *err)
{
	char sql[128];
	enum nc_status s = store_begin(st, err);
	int rc;

	if (s)
		return s;
	rc = recluster(st, threshold, fn, ctx);
	if (rc != SQLITE_OK) {
		store_rollback(st);
		return store_db_error(st, err, rc, "cannot cluster again");
	}
	snprintf(sql, sizeof(sql), "INSERT OR REPLACE INTO meta(key, value)"
		 " VALUES ('dup_threshold', '%.6g')", threshold);
	s = store_exec(st, sql, err);
	if (!s)
		s = store_commit(st, err);
	if (s)
		store_rollback(st);
	store_dup_forget(st);
	return s;
}
