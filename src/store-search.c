/*
 * store-search.c - search and count: the fast ranking path and its tiers,
 * the ranking of filtered queries, newest-first pages, and the fields and
 * snippets of the hits shown. The SQL of a filter is store-filter.c's,
 * the score itself rank.c's.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"
#include "store-int.h"
#include "tokenizer.h"

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
 * tiers: first the articles that match it in the headline or lead
 * (headline first: read_head_first()), then the others, which are ranked
 * only when the first tier is too short for the page asked for.
 * (Headline and lead weigh most in the score anyway.) The first tier is
 * ranked by the score of the headline and lead alone: scoring it by the
 * whole query costs the full ranking again (FTS5 would score every match
 * to filter them).
 * A query with NOT is split too, its NOT kept whole (in_columns()).
 */
#define SEARCH_MANY 5000
/* FTS5 intersects nested column filters, so the field columns are named
 * too: "section:the-thao bóng đá" keeps its section term (with {title
 * lead} alone, no article matched the first tier, and every match was
 * ranked in the second). */
#define SEARCH_HEAD_COLUMNS "{title lead section byline source}"
/* With many matches, a tier itself is split once it holds more than
 * this many: the ranking costs some microseconds a match. */
#define SEARCH_SPLIT 1000

/*
 * The query as typed first. A Vietnamese word is several syllables, each
 * common alone, so the articles that hold the query's words next to each
 * other in the order typed (query.h's seq, an FTS5 phrase) come before
 * those that hold them apart, whatever their scores: the sequence is a
 * tier of its own. Of the first SEARCH_RERANK hits, those whose sequence
 * is broken by a clause (rank.h's RANK_CLEAN) go after the clean ones.
 */
#define SEARCH_RERANK 20

/*
 * Snippets: FTS5's snippet() of SNIPPET_TOKENS tokens around the best
 * match; without a match expression, the first SNIPPET_LEAD_CHARS
 * characters of the lead (else the body). Both end with SNIPPET_ELLIPSIS.
 * The marks are store.h's MARK_OPEN and MARK_CLOSE.
 */
#define SNIPPET_TOKENS "24"
#define SNIPPET_LEAD_CHARS "160"
#define SNIPPET_ELLIPSIS "…"

static long long count_upto(struct store *st, const char *match,
			    long long cap);
static int has_operator(const char *m, char what);

/* Whether f narrows the matches of its expression in any way. */
static int has_filters(const struct filter *f)
{
	return f->q.exclude.len || *f->q.since || *f->q.until || f->source ||
	       f->section || f->after || f->upto || f->before ||
	       f->canonical;
}

/*
 * Newest first, the matches of a common word are found sooner by walking
 * the articles from the newest (the index on published) and asking FTS5
 * whether each matches (it finds a rowid directly, about 25 us at a
 * million articles) than by reading every match and sorting them (a few
 * us a match): "--sort date người" on a million articles, 2.4 s -> 1 ms.
 * The walk asks about want * N / m articles for m matches of N, reading
 * them costs m, so it is chosen when m > WALK_FACTOR * sqrt(want * N).
 * Only for filters the walk can check from the index on published, and
 * not for prefixes, which FTS5 expands again at every question.
 */
#define WALK_FACTOR 3

int store_dated_walk(struct store *st, const struct filter *f)
{
	long long n, m, limit;
	int rc;

	if (!has_match(f) || f->limit < 0 || f->source ||
	    f->section || f->after || f->upto || f->canonical ||
	    has_operator(f->q.match.s, '*'))
		return 0;
	n = store_query_int(st, "SELECT max(seq) FROM articles", &rc);
	if (rc != SQLITE_OK || n <= 0 || f->offset > LLONG_MAX / 2)
		return 0;
	limit = (long long)(WALK_FACTOR *
			    sqrt((double)(f->offset + f->limit) * (double)n));
	m = count_upto(st, f->q.match.s, limit + 1);
	return m > limit;
}

/* The columns of the fields statement (prepare_fields()), in order. */
#define HIT_COLUMNS 10

/* A hit's fields from the columns of the fields statement. */
static void hit_fields(char *const col[HIT_COLUMNS], struct store_hit *hit)
{
	hit->a.published = col[0];
	hit->a.source = col[1];
	hit->a.section = col[2];
	hit->a.title = col[3];
	hit->a.byline = col[4];
	hit->title_marked = col[5];
	hit->snippet = col[6];
	hit->a.url = col[7];
	hit->a.origin = col[8];
	hit->a.external_id = col[9];
}

static int read_hit(sqlite3_stmt *stmt, int64_t id, struct store_hit *hit)
{
	char *col[HIT_COLUMNS];
	int rc;

	sqlite3_bind_int64(stmt, sqlite3_bind_parameter_index(stmt, ":id"), id);
	rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		return rc;
	for (int i = 0; i < HIT_COLUMNS; i++)
		col[i] = (char *)sqlite3_column_text(stmt, i);
	hit_fields(col, hit);
	return SQLITE_ROW;
}

/* Matches of the FTS5 expression match, counted up to cap; -1 on error. */
static long long count_upto(struct store *st, const char *match,
			    long long cap)
{
	sqlite3_stmt *stmt;
	long long n = -1;

	if (store_prepare(st, &st->count_upto, "SELECT count(*) FROM (SELECT 1"
			  " FROM articles_fts WHERE articles_fts MATCH ?1"
			  " LIMIT ?2)") != SQLITE_OK)
		return -1;
	stmt = st->count_upto;
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, cap);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	store_done(stmt);
	return n;
}

/*
 * Does the FTS5 expression m hold, outside quoted strings, the operator
 * NOT (what: 'N') or the '*' of a prefix query (what: '*')?
 */
static int has_operator(const char *m, char what)
{
	for (const char *p = m; *p; p++) {
		if (*p == '"') {
			while (*++p && *p != '"')
				;
			if (!*p)
				break;
		} else if (what == '*' ? *p == '*'
			   : !strncmp(p, "NOT", 3) && (p == m || p[-1] == ' ') &&
			     (p[3] == ' ' || p[3] == '(')) {
			return 1;
		}
	}
	return 0;
}

static int has_not(const char *m)
{
	return has_operator(m, 'N');
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
	int broken;		/* the sequence only across a clause break */
	char *published;	/* NULL sorts last */
	int sub;		/* of a split tier: 0 headline, 1 lead only */
};

static int ranked_cmp(const void *va, const void *vb)
{
	const struct ranked *a = va, *b = vb;
	int c;

	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->broken != b->broken)
		return a->broken < b->broken ? -1 : 1;
	if (a->sub != b->sub)
		return a->sub < b->sub ? -1 : 1;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	if (!a->published != !b->published)
		return a->published ? -1 : 1;
	if (a->published && (c = strcmp(a->published, b->published)))
		return -c;	/* newer first */
	return (a->id < b->id) - (a->id > b->id);
}

/*
 * The score a hit shows, higher for better, in the order of ranked_cmp():
 * its level (tier, then a clause break) as the whole part, from
 * RANK_LEVELS down, and its bm25 score within the level, mapped onto
 * 0..1, as the fraction: onto 0.5..1 in a split tier's headline part,
 * 0..0.5 in its lead part.
 */
#define RANK_LEVELS 8

static double shown_score(const struct ranked *h)
{
	double x = h->score < 0 ? -h->score : 0;

	return RANK_LEVELS - (2 * h->tier + h->broken) +
	       (x / (1 + x) + !h->sub) / 2;
}

struct ranking {
	struct ranked *v;
	size_t n, cap;
};

static void ranking_add(struct ranking *r, struct ranked h)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n++] = h;
}

/* Ids an earlier tier ranked, sorted, that a later one skips. */
struct ranked_ids {
	int64_t *v;
	size_t n;
};

static int id_cmp(const void *va, const void *vb)
{
	int64_t a = *(const int64_t *)va, b = *(const int64_t *)vb;

	return (a > b) - (a < b);
}

static int ranked_before(const struct ranked_ids *skip, int64_t id)
{
	return skip && bsearch(&id, skip->v, skip->n, sizeof(id), id_cmp);
}

/* The ids r holds, for a later tier to pass over; free ids->v. */
static void ranked_so_far(const struct ranking *r, struct ranked_ids *ids)
{
	ids->v = xmalloc((r->n + 1) * sizeof(*ids->v));
	ids->n = r->n;
	for (size_t i = 0; i < r->n; i++)
		ids->v[i] = r->v[i].id;
	qsort(ids->v, ids->n, sizeof(*ids->v), id_cmp);
}

/*
 * Append the matches of match as tier, in score order, until r holds at
 * least want and the score changes; those in skip (may be NULL) are
 * passed over. SQLite keeps only the first LIMIT rows of an ORDER BY in
 * its sorter, rather than sorting every match (at a million articles,
 * "người": 0.32 s -> 0.19 s), so the statement asks for the rows the
 * page needs, those to pass over and TIER_TIES more for a tie at the
 * end; when those run out with the tie going on, the tier is read again
 * unbounded (rare).
 */
#define TIER_TIES 64

static int read_tier(struct store *st, const char *match, int tier,
		     int sub, size_t want, const struct ranked_ids *skip,
		     struct ranking *r)
{
	size_t start = r->n, need = want > r->n ? want - r->n : 0;
	long long limit = -1, rows;
	sqlite3_stmt *stmt;
	int rc;

	if (want != SIZE_MAX && need < (size_t)LLONG_MAX / 4)
		limit = (long long)need + (skip ? (long long)skip->n : 0) +
			TIER_TIES;
	rc = store_prepare(st, &st->rank_tier, "SELECT rowid, " RANK_SCORE
			   " AS score FROM articles_fts WHERE articles_fts"
			   " MATCH ?1 ORDER BY score LIMIT ?2");
	if (rc != SQLITE_OK)
		return rc;
	stmt = st->rank_tier;
	for (;;) {
		double last = 0;
		int any = 0;

		r->n = start;
		rows = 0;
		sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, limit);
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			double score = sqlite3_column_double(stmt, 1);
			int64_t id = sqlite3_column_int64(stmt, 0);

			rows++;
			if (r->n >= want && (!any || score != last))
				break;
			if (ranked_before(skip, id))
				continue;
			ranking_add(r, (struct ranked){ id, score, tier, 0,
							NULL, sub });
			last = score;
			any = 1;
		}
		store_done(stmt);
		if (rc != SQLITE_DONE || limit < 0 || rows < limit)
			break;
		limit = -1;	/* a tie ran past the limit: read them all */
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * Whether a query's tiers may be split: it matches more than SEARCH_MANY
 * articles. Counting that costs about a microsecond a match, so it is
 * counted once, and only when a tier holds more than SEARCH_SPLIT (a
 * tier holds no more than its query).
 */
struct split {
	const char *match;
	int many;		/* -1 until counted */
};

static int split_many(struct store *st, struct split *sp)
{
	if (sp->many < 0)
		sp->many = count_upto(st, sp->match, SEARCH_MANY + 1) >
			   SEARCH_MANY;
	return sp->many;
}

/*
 * The tier of match split: its matches in the headline first, ranked by
 * the headline alone, then those in the lead, then the others (the
 * headline weighs most). Ranking the headline and lead together cost a
 * common word at a million articles 0.19 s (270,000 matches).
 */
#define SEARCH_TITLE_COLUMNS "{title section byline source}"

/*
 * The matches of match that match it in the columns cols, as an FTS5
 * expression in out. A NOT inside a column filter would exclude only
 * what those columns hold ("bóng đá -Messi" would keep articles with
 * Messi in the body), so with one the whole query is asked too.
 */
static void in_columns(struct buf *out, const char *cols, const char *match)
{
	if (has_not(match))
		buf_addf(out, "(%s) AND %s : (%s)", match, cols, match);
	else
		buf_addf(out, "%s : (%s)", cols, match);
}

/*
 * The parts of a split tier of match, in order, as FTS5 expressions: its
 * matches in the headline, those in the lead, the others. The first two
 * are one tier (struct ranked's sub tells them apart), the third the
 * next.
 */
#define SPLIT_PARTS 3

static void split_parts(const char *match, struct buf part[SPLIT_PARTS])
{
	struct buf head = BUF_INIT;

	in_columns(&head, SEARCH_HEAD_COLUMNS, match);
	in_columns(&part[0], SEARCH_TITLE_COLUMNS, match);
	buf_addf(&part[1], "(%s) NOT (%s)", head.s, part[0].s);
	buf_addf(&part[2], "(%s) NOT (%s)", match, head.s);
	buf_release(&head);
}

static int read_head_first(struct store *st, const char *match, int tier,
			   size_t want, const struct ranked_ids *skip,
			   struct ranking *r)
{
	struct buf part[SPLIT_PARTS] = { BUF_INIT, BUF_INIT, BUF_INIT };
	int rc = SQLITE_OK;

	split_parts(match, part);
	for (int i = 0; i < SPLIT_PARTS && rc == SQLITE_OK &&
			(i == 0 || r->n < want); i++)
		rc = read_tier(st, part[i].s, 2 * tier + (i == 2), i == 1,
			       want, skip, r);
	for (int i = 0; i < SPLIT_PARTS; i++)
		buf_release(&part[i]);
	return rc;
}

/*
 * Read the matches of one tier's FTS5 expression: when the query may be
 * split (sp, NULL if never) and the tier holds more than SEARCH_SPLIT,
 * those matching it in the headline or lead first (see SEARCH_MANY). The
 * tier numbers used are 2 * tier and 2 * tier + 1.
 * (Scoring the tier as FTS5 finds it would count it too, and saves the
 * count on a small tier: at 35,000 articles five unaccented words, 12 ->
 * 9 ms. But bm25 reads the whole index for each phrase of a statement
 * before its first score, so a tier that turns out large pays that twice:
 * at a million articles, 180 -> 330 ms.)
 */
static int read_split(struct store *st, const char *match, struct split *sp,
		      int tier, size_t want, const struct ranked_ids *skip,
		      struct ranking *r)
{
	/* the query's own tier is split when it holds over SEARCH_MANY */
	if (sp && (match == sp->match || count_upto(st, match,
						    SEARCH_SPLIT + 1) >
					 SEARCH_SPLIT) && split_many(st, sp))
		return read_head_first(st, match, tier, want, skip, r);
	return read_tier(st, match, 2 * tier, 0, want, skip, r);
}

/*
 * Of the first SEARCH_RERANK hits, those that hold the query's sequence
 * only across a clause boundary go after those that hold it cleanly. The
 * window is fixed, not the page, so that every page is cut from the same
 * order.
 */
static int rerank_clean(struct store *st, const char *seq, struct ranking *r)
{
	sqlite3_stmt *stmt;
	size_t n = r->n < SEARCH_RERANK ? r->n : SEARCH_RERANK;
	int rc;

	rc = store_prepare(st, &st->rank_clean, "SELECT " RANK_CLEAN " FROM"
			   " articles_fts WHERE articles_fts MATCH ?1"
			   " AND rowid = ?2");
	if (rc != SQLITE_OK)
		return rc;
	stmt = st->rank_clean;
	sqlite3_bind_text(stmt, 1, seq, -1, SQLITE_STATIC);
	for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
		if (r->v[i].tier > 1)
			break;
		sqlite3_bind_int64(stmt, 2, r->v[i].id);
		if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			r->v[i].broken = !sqlite3_column_int(stmt, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			rc = SQLITE_OK;
		}
		sqlite3_reset(stmt);
	}
	store_done(stmt);
	if (rc == SQLITE_OK)
		qsort(r->v, n, sizeof(*r->v), ranked_cmp);
	return rc;
}

/*
 * The fast path: the sequence's matches (tier 0), then the other
 * matches (tier 1), each split by headline and lead when the query
 * matches more than SEARCH_MANY articles. Tier 1 is read only when tier
 * 0 is shorter than want, so all of tier 0 is in r then: tier 1 reads
 * the query's matches and passes over those, rather than asking FTS5 for
 * "query NOT sequence", which evaluates the phrase a second time (five
 * unaccented words: 23 ms -> ? ms at 35,000 articles).
 */
static int rank_fast(struct store *st, const struct filter *f, size_t want,
		     struct ranking *r)
{
	const char *match = f->q.match.s, *seq = f->q.seq.s;
	struct split query = { match, -1 }, *split = &query;
	sqlite3_stmt *date;
	int rc;

	if (f->q.seq.len && !has_not(match)) {
		rc = read_split(st, seq, split, 0, want, NULL, r);
		if (rc == SQLITE_OK && r->n < want) {
			struct ranked_ids seen;

			ranked_so_far(r, &seen);
			rc = read_split(st, match, split, 1, want, &seen, r);
			free(seen.v);
		}
	} else {
		rc = read_split(st, match, split, 1, want, NULL, r);
	}
	if (rc == SQLITE_OK)
		rc = store_prepare(st, &st->published, "SELECT published FROM"
				   " articles WHERE id = ?1");
	date = st->published;
	for (size_t i = 0; rc == SQLITE_OK && i < r->n; i++) {
		sqlite3_bind_int64(date, 1, r->v[i].id);
		if (sqlite3_step(date) == SQLITE_ROW &&
		    sqlite3_column_type(date, 0) != SQLITE_NULL)
			r->v[i].published = xstrdup(
				(const char *)sqlite3_column_text(date, 0));
		sqlite3_reset(date);
	}
	store_done(date);
	if (rc == SQLITE_OK && r->n)
		qsort(r->v, r->n, sizeof(*r->v), ranked_cmp);
	return rc;
}

/*
 * The ranking of a query with filters (dates, source, section, ids,
 * exclusions): SQLite ranks every match that passes them, in the order
 * of ranked_cmp(); read as far as want. As on the fast path, the
 * sequence's matches are a tier of their own, ranked by the sequence, and
 * the query's other matches follow only when those are fewer than want:
 * telling each match whether it holds the sequence took a list of every
 * article holding it, and the score of the query's words (at a million
 * articles, "date:2010..2012 kinh tế" 257 -> 164 ms, "date:2017 bóng
 * đá" 107 -> 76 ms).
 */
static enum nc_status rank_filtered_tier(struct store *st,
					 const struct filter *f, int tier,
					 int sub, size_t want,
					 const struct ranked_ids *skip,
					 struct ranking *r,
					 struct nc_error *err)
{
	struct buf sql = BUF_INIT, until = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	long long limit = -1;
	enum nc_status s;
	int rc = SQLITE_OK;

	if (want < (size_t)LLONG_MAX / 4)
		limit = (long long)want + (skip ? (long long)skip->n : 0);
	buf_adds(&sql, "SELECT a.id, " RANK_SCORE " AS score, a.published");
	store_filter_sql(f, &sql);
	buf_addf(&sql, " ORDER BY score, a.published DESC NULLS LAST,"
		 " a.id DESC LIMIT %lld", limit);
	s = store_filter_prepare(st, f, sql.s, &stmt, &until, err);
	while (!s && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *published = (const char *)sqlite3_column_text(stmt,
									 2);
		int64_t id = sqlite3_column_int64(stmt, 0);

		if (ranked_before(skip, id))
			continue;
		ranking_add(r, (struct ranked){
			id, sqlite3_column_double(stmt, 1), tier, 0,
			published ? xstrdup(published) : NULL, sub });
	}
	if (!s && rc != SQLITE_DONE)
		s = store_search_error(st, rc, err);
	sqlite3_finalize(stmt);
	buf_release(&sql);
	buf_release(&until);
	return s;
}

/* Run sql, built on f's filters; its first columns into v[0..n). */
static enum nc_status count_sql(struct store *st, const struct filter *f,
				const char *sql, long long *v, int n,
				struct nc_error *err)
{
	struct buf until = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	enum nc_status s;
	int rc;

	s = store_filter_prepare(st, f, sql, &stmt, &until, err);
	if (!s) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			for (int i = 0; i < n; i++)
				v[i] = sqlite3_column_int64(stmt, i);
		else
			s = store_search_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	buf_release(&until);
	return s;
}

/* The matches of f that pass its filters, counted up to cap, into *n. */
static enum nc_status count_filtered(struct store *st, const struct filter *f,
				     long long cap, long long *n,
				     struct nc_error *err)
{
	struct buf sql = BUF_INIT;
	enum nc_status s;

	buf_adds(&sql, "SELECT count(*) FROM (SELECT 1");
	store_filter_sql(f, &sql);
	buf_addf(&sql, " LIMIT %lld)", cap);
	s = count_sql(st, f, sql.s, n, 1, err);
	buf_release(&sql);
	return s;
}

/*
 * One tier of a filtered query (tier, or tier and tier + 1 when split):
 * as read_split() does without filters, a tier of over SEARCH_SPLIT
 * matches that pass the filters is read in split_parts(). The
 * query's own count (over SEARCH_MANY without filters) is not asked: with
 * a filter, counting it costs more than the ranking it would spare (at a
 * million articles, "date:2017 bóng đá" 76 ms unsplit, 92 ms counted and
 * split, 50 ms split).
 */
static enum nc_status rank_filtered_split(struct store *st,
					  const struct filter *f, int tier,
					  size_t want,
					  const struct ranked_ids *skip,
					  struct ranking *r,
					  struct nc_error *err)
{
	struct buf part[SPLIT_PARTS] = { BUF_INIT, BUF_INIT, BUF_INIT };
	enum nc_status s;
	long long n = 0;

	if ((s = count_filtered(st, f, SEARCH_SPLIT + 1, &n, err)))
		return s;
	if (n <= SEARCH_SPLIT)
		return rank_filtered_tier(st, f, tier, 0, want, skip, r, err);
	split_parts(f->q.match.s, part);
	for (int i = 0; i < SPLIT_PARTS && !s && (i == 0 || r->n < want);
	     i++) {
		struct filter g = *f;

		g.q.match = part[i];
		s = rank_filtered_tier(st, &g, tier + (i == 2), i == 1, want,
				       skip, r, err);
	}
	for (int i = 0; i < SPLIT_PARTS; i++)
		buf_release(&part[i]);
	return s;
}

static enum nc_status rank_filtered(struct store *st, const struct filter *f,
				    size_t want, struct ranking *r,
				    struct nc_error *err)
{
	struct filter seq = *f;	/* f's filters, matching its sequence */
	struct ranked_ids seen;
	enum nc_status s;

	if (!f->q.seq.len)
		return rank_filtered_split(st, f, 2, want, NULL, r, err);
	seq.q.match = f->q.seq;
	s = rank_filtered_split(st, &seq, 0, want, NULL, r, err);
	if (s || r->n >= want)
		return s;
	ranked_so_far(r, &seen);
	s = rank_filtered_split(st, f, 2, want, &seen, r, err);
	free(seen.v);
	return s;
}

static void ranking_release(struct ranking *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].published);
	free(r->v);
}

/*
 * How many of the best hits a search must rank: the page and all before
 * it, and never fewer than SEARCH_RERANK, whose order rerank_clean()
 * decides (so every page is cut from the same order).
 */
static size_t search_want(const struct filter *f)
{
	size_t want;

	if (f->limit < 0 || f->limit > LLONG_MAX - f->offset)
		return SIZE_MAX;
	want = (size_t)(f->offset + f->limit);
	return want < SEARCH_RERANK ? SEARCH_RERANK : want;
}

/* The fields of the hits of a match expression (HIT_COLUMNS), and the id. */
#define FIELDS_MATCHED "SELECT a.published, a.source, a.section, a.title," \
	" a.byline, highlight(articles_fts, 0, " MARK_OPEN_SQL ", " \
	MARK_CLOSE_SQL "), snippet(articles_fts, -1, " MARK_OPEN_SQL ", " \
	MARK_CLOSE_SQL ", '" SNIPPET_ELLIPSIS "', " SNIPPET_TOKENS ")," \
	" a.url, a.origin, a.external_id, a.id" \
	" FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid" \
	" WHERE articles_fts MATCH :match"

/*
 * A prefix (thàn*) costs FTS5 a merge of the lists of every word it
 * stands for each time a statement runs it, so reading a page's hits with
 * a statement each pays that merge once a hit (35k articles: 1 ms; 1M:
 * 30 ms). A page of up to SCAN_PAGE hits of such a query is read in one
 * pass over the matches instead, which picks the page's ids out (the "+"
 * keeps SQLite from handing them to FTS5 one at a time); the fields are
 * copied and passed on in rank order.
 */
#define SCAN_PAGE 1000

static int has_prefix(const char *m)
{
	return has_operator(m, '*');
}

struct scanned {
	int64_t id;
	char *col[HIT_COLUMNS];	/* NULL until found */
	int found;
};

static int scanned_cmp(const void *va, const void *vb)
{
	const struct scanned *a = *(struct scanned *const *)va;
	const struct scanned *b = *(struct scanned *const *)vb;

	return (a->id > b->id) - (a->id < b->id);
}

/* Read the fields of page[0..n) in one pass over f's matches. */
static int scan_page(struct store *st, const struct filter *f,
		     struct scanned *page, size_t n)
{
	struct scanned **by_id = xmalloc(n * sizeof(*by_id)), key, *kp = &key;
	struct buf sql = BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	int rc;

	buf_adds(&sql, FIELDS_MATCHED " AND +articles_fts.rowid IN (");
	for (size_t i = 0; i < n; i++) {
		buf_addf(&sql, "%s%lld", i ? "," : "", (long long)page[i].id);
		by_id[i] = &page[i];
	}
	buf_adds(&sql, ")");
	qsort(by_id, n, sizeof(*by_id), scanned_cmp);
	rc = sqlite3_prepare_v2(st->db, sql.s, -1, &stmt, NULL);
	if (rc == SQLITE_OK)
		store_bind_named(stmt, ":match", f->q.match.s);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct scanned **hit;

		key.id = sqlite3_column_int64(stmt, HIT_COLUMNS);
		hit = bsearch(&kp, by_id, n, sizeof(*by_id), scanned_cmp);
		if (hit && !(*hit)->found) {
			(*hit)->found = 1;
			for (int c = 0; c < HIT_COLUMNS; c++)
				(*hit)->col[c] = store_column_dup(stmt, c);
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	buf_release(&sql);
	free(by_id);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The statement that reads the fields, headline and snippet of a hit. */
static enum nc_status prepare_fields(struct store *st, const struct filter *f,
				     sqlite3_stmt **stmt, struct nc_error *err)
{
	const char *sql = has_match(f)
		? FIELDS_MATCHED " AND articles_fts.rowid = :id"
		: "SELECT published, source, section, title, byline, NULL,"
		  " substr(coalesce(lead, nc_unzstd(body_z)), 1, "
		  SNIPPET_LEAD_CHARS ") || '" SNIPPET_ELLIPSIS "',"
		  " url, origin, external_id FROM articles WHERE id = :id";
	int rc = sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL);

	if (rc != SQLITE_OK)
		return store_search_error(st, rc, err);
	if (has_match(f))
		store_bind_named(*stmt, ":match", f->q.match.s);
	return NC_OK;
}

/*
 * The ranked page of f, ranking want hits first; *more is set when the
 * page ran past them while more could follow (collapsing hid some).
 */
static enum nc_status page_ranked(struct store *st, const struct filter *f,
				  size_t want, struct page *p, int *more,
				  struct nc_error *err)
{
	struct ranking r = { NULL, 0, 0 };
	enum nc_status s = NC_OK;
	int rc = SQLITE_OK, full = 0;

	if (!has_filters(f)) {
		rc = rank_fast(st, f, want, &r);
		if (rc != SQLITE_OK)
			s = store_search_error(st, rc, err);
	} else {
		s = rank_filtered(st, f, want, &r, err);
	}
	if (!s && f->q.seq.len && r.n && r.v[0].tier <= 1 &&
	    (rc = rerank_clean(st, f->q.seq.s, &r)) != SQLITE_OK)
		s = store_search_error(st, rc, err);
	for (size_t i = 0; !s && !full && i < r.n; i++) {
		full = store_page_offer(st, f, p, r.v[i].id,
					shown_score(&r.v[i]));
		if (full > 1)
			s = store_search_error(st, full, err);
	}
	*more = !s && !full && f->collapse && r.n >= want &&
		want != SIZE_MAX;
	ranking_release(&r);
	return s;
}

/* The page of f: ranked as far as needed to fill it when collapsing. */
static enum nc_status search_page(struct store *st, const struct filter *f,
				  struct page *p, struct nc_error *err)
{
	size_t want = search_want(f);
	enum nc_status s;
	int more = 0;

	if (!has_match(f) || f->sort == FILTER_SORT_DATE) {
		store_page_reset(p, f);
		return store_page_dated(st, f, p, err);
	}
	/* collapsing hides copies: rank a few more than the page, so
	 * that the ranking rarely runs again for a longer list (at a
	 * million articles, "người" from 1,000 on: 0.29 -> 0.10 s) */
	if (f->collapse && want < SIZE_MAX / 2)
		want += want / 8 + 8;
	do {
		store_page_reset(p, f);
		s = page_ranked(st, f, want, p, &more, err);
		want = want > SIZE_MAX / 4 ? SIZE_MAX : want * 4;
	} while (!s && more);
	return s;
}

/* The page p, read by scan_page() and passed to fn. */
static int search_scanned(struct store *st, const struct filter *f,
			  const struct page *p, store_hit_fn fn,
			  void *ctx, long long *nhits)
{
	size_t n = p->n;
	struct scanned *page;
	int rc = SQLITE_OK;

	if (!n)
		return SQLITE_OK;
	page = xcalloc(n, sizeof(*page));
	for (size_t i = 0; i < n; i++)
		page[i].id = p->v[i].id;
	rc = scan_page(st, f, page, n);
	for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
		struct store_hit hit = { .score = p->v[i].score };

		if (!page[i].found) {
			rc = SQLITE_CORRUPT;
			break;
		}
		hit.a.id = page[i].id;
		hit.a.views = ARTICLE_NO_VIEWS;
		hit.copies = p->v[i].copies;
		hit_fields(page[i].col, &hit);
		++*nhits;
		if (fn(ctx, &hit))
			break;
	}
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < HIT_COLUMNS; c++)
			free(page[i].col[c]);
	free(page);
	return rc;
}

enum nc_status store_search(struct store *st, const struct filter *f,
			    store_hit_fn fn, void *ctx, long long *nhits,
			    struct nc_error *err)
{
	sqlite3_stmt *fields = NULL;
	struct page p = { 0 };
	enum nc_status s;
	long long n = 0;
	int rc = SQLITE_OK, scan;

	s = store_check_prefixes(st, f, err);
	if (!s)
		s = search_page(st, f, &p, err);
	scan = has_match(f) && f->sort != FILTER_SORT_DATE && !f->ids_only &&
	       has_prefix(f->q.match.s) && f->limit >= 0 &&
	       f->limit <= SCAN_PAGE;
	if (!s && scan) {
		rc = search_scanned(st, f, &p, fn, ctx, &n);
		if (rc != SQLITE_OK)
			s = store_search_error(st, rc, err);
	} else if (!s && !f->ids_only) {
		s = prepare_fields(st, f, &fields, err);
	}
	for (size_t i = 0; !s && !scan && i < p.n; i++) {
		struct store_hit hit = { .score = p.v[i].score };
		int frc;

		hit.a.id = p.v[i].id;
		hit.copies = p.v[i].copies;
		hit.a.views = ARTICLE_NO_VIEWS;
		frc = fields ? read_hit(fields, hit.a.id, &hit) : SQLITE_ROW;
		if (frc != SQLITE_ROW) {
			rc = frc == SQLITE_DONE ? SQLITE_CORRUPT : frc;
			s = store_search_error(st, rc, err);
			break;
		}
		n++;
		frc = fn(ctx, &hit);
		if (fields)
			sqlite3_reset(fields);
		if (frc)
			break;
	}
	sqlite3_finalize(fields);
	store_page_release(&p);
	if (nhits)
		*nhits = n;
	return s;
}

/*
 * Counting with copies collapsed: the matches, less the copies among
 * them, plus their clusters: the matches are counted as without
 * collapsing and joined only to the few in a cluster (counting distinct
 * clusters of every match, a lone article its own, took a million
 * articles' "người" 0.51 s; now 0.08 s).
 */
#define COUNT_COPIES "SELECT count(*), count(DISTINCT d.cluster)"

enum nc_status store_count(struct store *st, const struct filter *f,
			   long long *count, struct nc_error *err)
{
	struct buf sql = BUF_INIT, copies = BUF_INIT;
	long long dup[2] = { 0, 0 };
	enum nc_status s;

	*count = 0;
	if ((s = store_check_prefixes(st, f, err)) != NC_OK)
		return s;
	if (has_match(f) && !has_filters(f)) {
		buf_adds(&sql, "SELECT count(*) FROM articles_fts"
			 " WHERE articles_fts MATCH :match");
		buf_adds(&copies, COUNT_COPIES " FROM articles_fts CROSS JOIN"
			 " dup d ON d.article = articles_fts.rowid"
			 " WHERE articles_fts MATCH :match");
	} else {
		buf_adds(&sql, "SELECT count(*)");
		store_filter_sql(f, &sql);
		buf_adds(&copies, COUNT_COPIES " FROM (SELECT a.id AS id");
		store_filter_sql(f, &copies);
		buf_adds(&copies, ") m JOIN dup d ON d.article = m.id");
	}
	s = count_sql(st, f, sql.s, count, 1, err);
	if (!s && f->collapse) {
		s = count_sql(st, f, copies.s, dup, 2, err);
		*count -= dup[0] - dup[1];
	}
	buf_release(&sql);
	buf_release(&copies);
	return s;
}
