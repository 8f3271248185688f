/*
 * store-search.c - search and count: a filter turned into SQL, the fast
 * ranking path and its tiers, and the fields and snippets of the hits
 * shown. The score itself is rank.c's.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"
#include "store-int.h"

/*
 * Search.
 *
 * Ranking is bm25 with the field weights RANK_WEIGHTS, multiplied by the
 * factor nc_boost() gives for how much of the query appears as a phrase
 * (or nearly) in the article, and ties go to the newer article. A search
 * runs in two steps: the first ranks every match but reads only ids and
 * scores; the second reads the fields, headline highlight and snippet of
 * the hits shown, one by one (FTS5 finds a rowid directly), so snippets
 * are never built for matches that are not printed.
 */

/*
 * Ranking costs a bm25 score for every match (about a microsecond each),
 * so a query that matches more than SEARCH_MANY articles ranks in two
 * tiers: first the articles that match it in the headline or lead, then
 * the others, which are ranked only when the first tier is too short for
 * the page asked for. (Headline and lead weigh most in the score anyway.)
 * The first tier is ranked by the score of the headline and lead alone:
 * scoring it by the whole query costs the full ranking again (FTS5 would
 * score every match to filter them).
 * A query with NOT is not split: NOT inside a column filter would exclude
 * only what the headline and lead hold.
 */
#define SEARCH_MANY 5000
#define SEARCH_HEAD_COLUMNS "{title lead}"

static int has_match(const struct store_query *q)
{
	return q->match && *q->match;
}

/*
 * The FROM and WHERE clauses shared by search and count. Parameters are
 * bound by name: :match :exclude :since :until :source :section. Without
 * a match expression the articles are read directly.
 */
static void search_where(const struct store_query *q, struct buf *sql)
{
	if (has_match(q))
		buf_adds(sql, " FROM articles_fts JOIN articles a"
			 " ON a.id = articles_fts.rowid"
			 " WHERE articles_fts MATCH :match");
	else
		buf_adds(sql, " FROM articles a WHERE 1");
	if (q->exclude && *q->exclude)
		buf_adds(sql, " AND a.id NOT IN (SELECT rowid FROM articles_fts"
			 " WHERE articles_fts MATCH :exclude)");
	if (q->since)
		buf_adds(sql, " AND a.published >= :since");
	if (q->until)
		buf_adds(sql, " AND a.published < :until");
	if (q->source)
		buf_adds(sql, " AND a.source = :source");
	if (q->section)
		buf_adds(sql, " AND a.section = :section");
}

/*
 * "until" is inclusive for people (--until 2017-10 takes all of October):
 * compare against the next value after the prefix.
 */
void store_until_bound(const char *until, struct buf *out)
{
	buf_adds(out, until);
	buf_addc(out, '\x7f');
}

/*
 * query.c quotes every word, so FTS5 should never reject an expression;
 * if it does all the same, say so without passing SQLite's text on.
 */
enum nc_status store_search_error(struct store *st, int rc,
				  struct nc_error *err)
{
	const char *msg = sqlite3_errmsg(st->db);

	if ((rc & 0xff) == SQLITE_ERROR && (strstr(msg, "fts5") ||
					     strstr(msg, "syntax")))
		return nc_fail(err, NC_EUSAGE, "cannot read the query");
	return store_db_error(st, err, rc, "search failed");
}

static enum nc_status prepare_search(struct store *st,
				     const struct store_query *q,
				     const char *sql, sqlite3_stmt **stmt,
				     struct buf *until, struct nc_error *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL);

	if (rc != SQLITE_OK)
		return store_search_error(st, rc, err);
	store_bind_named(*stmt, ":match", q->match);
	store_bind_named(*stmt, ":exclude", q->exclude);
	store_bind_named(*stmt, ":since", q->since);
	if (q->until) {
		store_until_bound(q->until, until);
		store_bind_named(*stmt, ":until", until->s);
	}
	store_bind_named(*stmt, ":source", q->source);
	store_bind_named(*stmt, ":section", q->section);
	return NC_OK;
}

/* The fields of hit id for printing; stmt is reset by the caller. */
static int read_hit(sqlite3_stmt *stmt, int64_t id, struct store_hit *hit)
{
	int rc;

	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":id"), id);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return rc;
	hit->published = (const char *)sqlite3_column_text(stmt, 0);
	hit->source = (const char *)sqlite3_column_text(stmt, 1);
	hit->section = (const char *)sqlite3_column_text(stmt, 2);
	hit->title = (const char *)sqlite3_column_text(stmt, 3);
	hit->byline = (const char *)sqlite3_column_text(stmt, 4);
	hit->title_marked = (const char *)sqlite3_column_text(stmt, 5);
	hit->snippet = (const char *)sqlite3_column_text(stmt, 6);
	return SQLITE_ROW;
}

/* Matches of the FTS5 expression match, counted up to cap; -1 on error. */
static long long count_upto(struct store *st, const char *match,
			    long long cap)
{
	sqlite3_stmt *stmt;
	long long n = -1;

	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM (SELECT 1 FROM"
			       " articles_fts WHERE articles_fts MATCH ?1"
			       " LIMIT ?2)", -1, &stmt, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, cap);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

/* Does the FTS5 expression m hold a NOT (outside quoted strings)? */
static int has_not(const char *m)
{
	for (const char *p = m; *p; p++) {
		if (*p == '"') {
			while (*++p && *p != '"')
				;
			if (!*p)
				break;
		} else if (!strncmp(p, "NOT", 3) && (p == m || p[-1] == ' ') &&
			   (p[3] == ' ' || p[3] == '(')) {
			return 1;
		}
	}
	return 0;
}

/*
 * The fast path, when no filter applies: rank inside FTS5 alone, read the
 * ids in score order only as far as the page asked for and the matches
 * tied with the last of them, then look up the dates of those few to
 * break ties (a join per match costs more than the ranking). Sorted by
 * ranked_cmp(), the order is total, so pages never repeat or skip a hit.
 * With many matches, the ranking is in tiers (SEARCH_MANY).
 */
struct ranked {
	int64_t id;
	double score;
	int tier;
	char *published;	/* NULL sorts last */
};

static int ranked_cmp(const void *va, const void *vb)
{
	const struct ranked *a = va, *b = vb;
	int c;

	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	if (!a->published != !b->published)
		return a->published ? -1 : 1;
	if (a->published && (c = strcmp(a->published, b->published)))
		return -c;	/* newer first */
	return (a->id < b->id) - (a->id > b->id);
}

struct ranking {
	struct ranked *v;
	size_t n, cap;
};

/* Append the matches of match as tier, in score order, until r holds at
 * least want and the score changes. */
static int read_tier(struct store *st, const char *match, int tier,
		     size_t want, struct ranking *r)
{
	sqlite3_stmt *stmt;
	double last = 0;
	int rc, any = 0;

	rc = sqlite3_prepare_v2(st->db, "SELECT rowid, " RANK_SCORE " AS score"
				" FROM articles_fts WHERE articles_fts MATCH ?1"
				" ORDER BY score", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		double score = sqlite3_column_double(stmt, 1);

		if (r->n >= want && (!any || score != last))
			break;
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 64;
			r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
		}
		r->v[r->n++] = (struct ranked){ sqlite3_column_int64(stmt, 0),
						score, tier, NULL };
		last = score;
		any = 1;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int rank_fast(struct store *st, const struct store_query *q,
		     struct ranking *r)
{
	size_t want = q->limit > LLONG_MAX - q->offset ? SIZE_MAX
		      : (size_t)(q->offset + q->limit);
	struct buf head = BUF_INIT, rest = BUF_INIT;
	sqlite3_stmt *date = NULL;
	int rc;

	if (!has_not(q->match) &&
	    count_upto(st, q->match, SEARCH_MANY + 1) > SEARCH_MANY) {
		buf_addf(&head, SEARCH_HEAD_COLUMNS " : (%s)", q->match);
		buf_addf(&rest, "(%s) NOT %s", q->match, head.s);
		rc = read_tier(st, head.s, 0, want, r);
		if (rc == SQLITE_OK && r->n < want)
			rc = read_tier(st, rest.s, 1, want, r);
	} else {
		rc = read_tier(st, q->match, 0, want, r);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "SELECT published FROM articles"
					" WHERE id = ?1", -1, &date, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < r->n; i++) {
		sqlite3_bind_int64(date, 1, r->v[i].id);
		if (sqlite3_step(date) == SQLITE_ROW &&
		    sqlite3_column_type(date, 0) != SQLITE_NULL)
			r->v[i].published = xstrdup(
				(const char *)sqlite3_column_text(date, 0));
		sqlite3_reset(date);
	}
	sqlite3_finalize(date);
	if (rc == SQLITE_OK && r->n)
		qsort(r->v, r->n, sizeof(*r->v), ranked_cmp);
	buf_release(&head);
	buf_release(&rest);
	return rc;
}

static void ranking_release(struct ranking *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].published);
	free(r->v);
}

enum nc_status store_search(struct store *st, const struct store_query *q,
			    store_hit_fn fn, void *ctx, long long *nhits,
			    struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *stmt = NULL, *fields = NULL;
	struct ranking r = { NULL, 0, 0 };
	enum nc_status s = NC_OK;
	long long n = 0;
	size_t next;
	int rc = SQLITE_OK, fast;

	fast = has_match(q) && !q->sort_date && !q->exclude && !q->since &&
	       !q->until && !q->source && !q->section && q->limit >= 0;
	if (fast) {
		rc = rank_fast(st, q, &r);
		if (rc != SQLITE_OK)
			s = store_search_error(st, rc, err);
	} else {
		if (has_match(q)) {
			buf_adds(&sql, "SELECT a.id, " RANK_SCORE " AS score");
			search_where(q, &sql);
		} else {
			buf_adds(&sql, "SELECT a.id, 0.0 AS score");
			search_where(q, &sql);
		}
		if (q->sort_date || !has_match(q))
			buf_adds(&sql, " ORDER BY a.published DESC NULLS LAST,"
				 " a.id DESC");
		else
			buf_adds(&sql, " ORDER BY score, a.published DESC"
				 " NULLS LAST, a.id DESC");
		buf_addf(&sql, " LIMIT %lld OFFSET %lld",
			 q->limit < 0 ? -1 : q->limit, q->offset);
		s = prepare_search(st, q, sql.s, &stmt, &until, err);
	}
	if (!s) {
		const char *f = has_match(q)
			? "SELECT a.published, a.source, a.section, a.title,"
			  " a.byline, highlight(articles_fts, 0, X'02', X'03'),"
			  " snippet(articles_fts, -1, X'02', X'03', '…', 24)"
			  " FROM articles_fts JOIN articles a"
			  " ON a.id = articles_fts.rowid"
			  " WHERE articles_fts MATCH :match"
			  " AND articles_fts.rowid = :id"
			: "SELECT published, source, section, title, byline,"
			  " NULL, substr(coalesce(lead, nc_unzstd(body_z)), 1, 160)"
			  " || '…'"
			  " FROM articles WHERE id = :id";

		rc = sqlite3_prepare_v2(st->db, f, -1, &fields, NULL);
		if (rc != SQLITE_OK)
			s = store_search_error(st, rc, err);
		else
			store_bind_named(fields, ":match", q->match);
	}
	next = fast ? (size_t)q->offset : 0;
	while (!s) {
		struct store_hit hit = { 0 };
		int frc;

		if (fast) {
			if (next >= r.n || n >= q->limit) {
				rc = SQLITE_DONE;
				break;
			}
			hit.id = r.v[next].id;
			hit.score = r.v[next++].score;
		} else {
			if ((rc = sqlite3_step(stmt)) != SQLITE_ROW)
				break;
			hit.id = sqlite3_column_int64(stmt, 0);
			hit.score = sqlite3_column_double(stmt, 1);
		}
		frc = read_hit(fields, hit.id, &hit);
		if (frc != SQLITE_ROW) {
			rc = frc == SQLITE_DONE ? SQLITE_CORRUPT : frc;
			break;
		}
		n++;
		frc = fn(ctx, &hit);
		sqlite3_reset(fields);
		if (frc)
			break;
	}
	if (!s && rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = store_search_error(st, rc, err);
	sqlite3_finalize(fields);
	sqlite3_finalize(stmt);
	ranking_release(&r);
	buf_release(&sql);
	buf_release(&until);
	if (nhits)
		*nhits = n;
	return s;
}

enum nc_status store_count(struct store *st, const struct store_query *q,
			   long long *count, struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum nc_status s;
	int rc;

	*count = 0;
	if (has_match(q) && !q->exclude && !q->since && !q->until &&
	    !q->source && !q->section)
		buf_adds(&sql, "SELECT count(*) FROM articles_fts"
			 " WHERE articles_fts MATCH :match");
	else {
		buf_adds(&sql, "SELECT count(*)");
		search_where(q, &sql);
	}
	s = prepare_search(st, q, sql.s, &stmt, &until, err);
	if (!s) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			*count = sqlite3_column_int64(stmt, 0);
		else
			s = store_search_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	buf_release(&sql);
	buf_release(&until);
	return s;
}
