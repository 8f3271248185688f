/*
 * store-dup.c - near-duplicate articles in the store: the band keys of
 * each signed article (dup_band), the clusters of confirmed copies (dup),
 * joined as each article arrives, and the signing of articles stored
 * before the schema had them. The method is neardup.h's.
 *
 * An article is compared with those sharing a band key only, and a
 * cluster grows by the transitive closure of confirmed pairs; since every
 * pair is confirmed when its later member arrives and the canonical rule
 * depends on the members only, ingest in several runs gives the clusters
 * of one run.
 */
#include <stdlib.h>
#include <string.h>

#include "store-int.h"

struct store_dup {
	sqlite3_stmt *cands, *text, *band, *cluster_of, *members, *member,
		*put;
	double threshold;	/* meta dup_threshold */
	int have_threshold;
};

/* A member of the cluster being joined, as far as it is known. */
struct joined {
	int64_t id;
	size_t syllables;
	int original;
	int known;		/* syllables and original set (no dup row) */
};

struct joining {
	struct joined *v;
	size_t n, cap;
};

void store_dup_text(const char *title, const char *lead, const char *body,
		    const char *byline, const char *credit, struct buf *t)
{
	buf_reset(t);
	if (title)
		buf_addf(t, "%s\n", title);
	if (lead)
		buf_addf(t, "%s\n", lead);
	if (body)
		buf_adds(t, body);
	if (byline)
		buf_addf(t, "\n%s", byline);
	if (credit)
		buf_addf(t, "\n%s", credit);
}

void store_dup_close(struct store *st)
{
	struct store_dup *d = st->dup;

	if (!d)
		return;
	sqlite3_finalize(d->cands);
	sqlite3_finalize(d->text);
	sqlite3_finalize(d->band);
	sqlite3_finalize(d->cluster_of);
	sqlite3_finalize(d->members);
	sqlite3_finalize(d->member);
	sqlite3_finalize(d->put);
	free(d);
	st->dup = NULL;
}

static struct store_dup *dup_of(struct store *st)
{
	if (!st->dup)
		st->dup = xcalloc(1, sizeof(*st->dup));
	return st->dup;
}

void store_dup_forget(struct store *st)
{
	dup_of(st)->have_threshold = 0;
}

/* The threshold recorded in meta (NEARDUP_THRESHOLD when none is). */
static double threshold(struct store *st)
{
	struct store_dup *d = dup_of(st);
	sqlite3_stmt *q = NULL;

	if (d->have_threshold)
		return d->threshold;
	d->threshold = NEARDUP_THRESHOLD;
	if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key="
			       "'dup_threshold'", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		d->threshold = sqlite3_column_double(q, 0);
	sqlite3_finalize(q);
	d->have_threshold = 1;
	return d->threshold;
}

int store_dup_shingle(struct store *st, int64_t id,
			  struct neardup_set *set, int *original)
{
	struct store_dup *d = dup_of(st);
	struct buf t = BUF_INIT;
	int rc;

	rc = store_prepare(st, &d->text, "SELECT title, lead,"
			   " nc_unzstd(body_z), byline, credit"
			   " FROM articles"
			   " WHERE id=?");
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(d->text, 1, id);
	rc = sqlite3_step(d->text);
	if (rc == SQLITE_ROW) {
		store_dup_text((const char *)sqlite3_column_text(d->text, 0),
			       (const char *)sqlite3_column_text(d->text, 1),
			       (const char *)sqlite3_column_text(d->text, 2),
			       (const char *)sqlite3_column_text(d->text, 3),
			       (const char *)sqlite3_column_text(d->text, 4),
			       &t);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(d->text);
	neardup_shingle(t.s ? t.s : "", t.len, set);
	*original = !neardup_credits_other(t.s ? t.s : "", t.len);
	buf_release(&t);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static struct joined *join_add(struct joining *j, int64_t id)
{
	for (size_t i = 0; i < j->n; i++)
		if (j->v[i].id == id)
			return &j->v[i];
	if (j->n == j->cap) {
		j->cap = j->cap ? 2 * j->cap : 16;
		j->v = xrealloc(j->v, j->cap * sizeof(*j->v));
	}
	memset(&j->v[j->n], 0, sizeof(j->v[j->n]));
	j->v[j->n].id = id;
	return &j->v[j->n++];
}

/* Add the members of the cluster that confirmed article c is in. */
static int add_cluster_of(struct store *st, struct joining *j, int64_t c)
{
	struct store_dup *d = st->dup;
	int64_t cluster = 0;
	int rc;

	rc = store_prepare(st, &d->cluster_of, "SELECT cluster FROM dup"
			   " WHERE article=?");
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(d->cluster_of, 1, c);
	rc = sqlite3_step(d->cluster_of);
	if (rc == SQLITE_ROW)
		cluster = sqlite3_column_int64(d->cluster_of, 0);
	sqlite3_reset(d->cluster_of);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	rc = store_prepare(st, &d->members, "SELECT article FROM dup"
			   " WHERE cluster=?");
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(d->members, 1, cluster);
	while ((rc = sqlite3_step(d->members)) == SQLITE_ROW)
		join_add(j, sqlite3_column_int64(d->members, 0));
	sqlite3_reset(d->members);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Add member x to c, reading what the canonical rule needs (and x's
 * dup row when x is not known yet). */
static int add_member(struct store *st, struct neardup_clusters *c,
		      struct joined *x)
{
	struct store_dup *d = st->dup;
	struct neardup_member m = { .id = x->id };
	int rc;

	rc = store_prepare(st, &d->member, "SELECT a.published, a.hash,"
			   " d.syllables, d.original FROM articles a"
			   " LEFT JOIN dup d ON d.article=a.id"
			   " WHERE a.id=?");
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(d->member, 1, x->id);
	rc = sqlite3_step(d->member);
	if (rc == SQLITE_ROW) {
		m.published = (const char *)sqlite3_column_text(d->member, 0);
		m.hash = (const char *)sqlite3_column_text(d->member, 1);
		if (!x->known) {
			x->syllables = (size_t)sqlite3_column_int64(d->member,
								    2);
			x->original = sqlite3_column_int(d->member, 3);
			x->known = 1;
		}
		m.syllables = x->syllables;
		m.original = x->original;
		neardup_clusters_add(c, &m);	/* copies the strings */
		rc = SQLITE_DONE;
	}
	sqlite3_reset(d->member);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Join the members of j (j->v[0] is the new article) into one cluster
 * and rewrite their dup rows with its canonical member. */
static int write_cluster(struct store *st, struct joining *j)
{
	struct store_dup *d = st->dup;
	struct neardup_clusters *c = neardup_clusters_new();
	int64_t canon;
	int rc = SQLITE_OK;

	for (size_t i = 0; i < j->n && rc == SQLITE_OK; i++)
		rc = add_member(st, c, &j->v[i]);
	if (rc == SQLITE_OK)
		rc = store_prepare(st, &d->put, "INSERT OR REPLACE INTO"
				   " dup(article, cluster, syllables,"
				   " original) VALUES (?,?,?,?)");
	for (size_t i = 1; i < j->n && rc == SQLITE_OK; i++)
		neardup_clusters_join(c, 0, i);
	canon = rc == SQLITE_OK ? neardup_clusters_canonical(c, 0) : 0;
	for (size_t i = 0; i < j->n && rc == SQLITE_OK; i++) {
		sqlite3_bind_int64(d->put, 1, j->v[i].id);
		sqlite3_bind_int64(d->put, 2, canon);
		sqlite3_bind_int64(d->put, 3,
				   (sqlite3_int64)j->v[i].syllables);
		sqlite3_bind_int(d->put, 4, j->v[i].original);
		rc = sqlite3_step(d->put);
		sqlite3_reset(d->put);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	neardup_clusters_free(c);
	return rc;
}

/*
 * A band key held by more than DUP_KEY_MAX articles is taken for
 * boilerplate or a template (pages generated alike) and not looked up:
 * confirming every holder would make ingest quadratic. Copies share
 * several keys, so a story with fewer copies than that is still found.
 */
#define DUP_KEY_MAX 32
#define STR_KEY(x) #x
#define XSTR_KEY(x) STR_KEY(x)

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Sort v and drop repeats; the new count. */
static size_t unique(int64_t *v, size_t n)
{
	size_t k = 0;

	if (n)
		qsort(v, n, sizeof(*v), cmp_id);
	for (size_t i = 0; i < n; i++)
		if (!k || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

/* The articles sharing a band key with keys, confirmed against set,
 * added to j with the members of their clusters. */
static int confirm(struct store *st, const struct neardup_set *set,
		   const int32_t *keys, struct joining *j)
{
	struct store_dup *d = st->dup;
	struct neardup_set other = NEARDUP_SET_INIT;
	int64_t *cand = NULL;
	size_t n = 0, cap = 0;
	double t = threshold(st);
	int rc;

	rc = store_prepare(st, &d->cands, "SELECT article FROM dup_band"
			   " WHERE key=? LIMIT " XSTR_KEY(DUP_KEY_MAX + 1));
	for (int i = 0; i < NEARDUP_BANDS && rc == SQLITE_OK; i++) {
		size_t from = n;

		sqlite3_reset(d->cands);
		sqlite3_bind_int(d->cands, 1, keys[i]);
		while ((rc = sqlite3_step(d->cands)) == SQLITE_ROW) {
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				cand = xrealloc(cand, cap * sizeof(*cand));
			}
			cand[n++] = sqlite3_column_int64(d->cands, 0);
		}
		if (n - from > DUP_KEY_MAX)
			n = from;	/* a key of boilerplate */
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_reset(d->cands);
	n = unique(cand, n);
	rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
		int original;

		rc = store_dup_shingle(st, cand[i], &other, &original);
		if (rc != SQLITE_OK ||
		    !neardup_confirmed(set, &other, t, NULL))
			continue;
		rc = add_cluster_of(st, j, cand[i]);
		if (rc == SQLITE_OK) {
			struct joined *x = join_add(j, cand[i]);

			x->syllables = other.syllables;
			x->original = original;
			x->known = 1;
		}
	}
	neardup_set_release(&other);
	free(cand);
	return rc;
}

/* Store the keys of article id and join it with its confirmed copies. */
static int add_signed(struct store *st, int64_t id,
		      const struct neardup_set *set, const int32_t *keys,
		      int original)
{
	struct store_dup *d = dup_of(st);
	struct joining j = { 0 };
	struct joined *self = join_add(&j, id);
	int rc;

	self->syllables = set->syllables;
	self->original = original;
	self->known = 1;
	rc = confirm(st, set, keys, &j);
	if (rc == SQLITE_OK)
		rc = store_prepare(st, &d->band, "INSERT OR IGNORE INTO"
				   " dup_band(key, article) VALUES (?,?)");
	for (int i = 0; i < NEARDUP_BANDS && rc == SQLITE_OK; i++) {
		sqlite3_bind_int(d->band, 1, keys[i]);
		sqlite3_bind_int64(d->band, 2, id);
		rc = sqlite3_step(d->band);
		sqlite3_reset(d->band);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
	}
	if (rc == SQLITE_OK && j.n > 1)
		rc = write_cluster(st, &j);
	free(j.v);
	return rc;
}

enum nc_status store_dup_add(struct store *st, const struct article *a,
			     const struct store_packed *p,
			     struct nc_error *err)
{
	int rc;

	if (!p->signed_)
		return NC_OK;
	rc = add_signed(st, a->id, &p->set, p->keys, p->original);
	return rc == SQLITE_OK ? NC_OK
		: store_db_error(st, err, rc, "cannot store signature");
}

/*
 * Sign every stored article, in id order, as ingest would have (a
 * migration from a schema without dup_band). fn (may be NULL) is told
 * how far it has got.
 */
enum nc_status store_dup_sign_all(struct store *st, store_progress_fn fn,
				  void *ctx, struct nc_error *err)
{
	struct neardup_set set = NEARDUP_SET_INIT;
	sqlite3_stmt *q = NULL;
	int32_t keys[NEARDUP_BANDS];
	long long total, done = 0;
	int rc;

	total = store_query_int(st, "SELECT count(*) FROM articles", &rc);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "SELECT id FROM articles"
					" ORDER BY id", -1, &q, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		int original;

		rc = store_dup_shingle(st, id, &set, &original);
		if (rc == SQLITE_OK && neardup_sign(&set, keys))
			rc = add_signed(st, id, &set, keys, original);
		if (fn && rc == SQLITE_OK)
			fn(ctx, ++done, total);
	}
	sqlite3_finalize(q);
	neardup_set_release(&set);
	return rc == SQLITE_DONE || rc == SQLITE_OK ? NC_OK
		: store_db_error(st, err, rc, "cannot sign stored articles");
}
