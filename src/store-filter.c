/*
 * store-filter.c - a filter turned into SQL, in one place for search,
 * count, export and the commands after them, and the caps on the work a
 * query's prefixes may cause. store-search.c ranks and reads the hits.
 */
#include <string.h>

#include "store-int.h"
#include "tokenizer.h"

/*
 * The one place a filter becomes SQL: the FROM and WHERE clauses of
 * search, count and export. Parameters are bound by name (:match
 * :exclude :since :until :source :section :after :upto :before) by
 * store_filter_prepare(). Without a match expression the articles are
 * read directly; the articles table is "a" either way. With one, each
 * match is looked up in the narrow index articles_keys (store.c, v10),
 * which holds every column a filter or a date order reads: SQLite would
 * read the table's row instead, five times slower at a million articles.
 * Callers select a.id and those columns; any other column still works,
 * read through the index.
 */
/* The filters of f past its match expression, as SQL terms. */
static void filter_terms(const struct filter *f, struct buf *sql)
{
	if (f->q.exclude.len)
		buf_adds(sql, " AND a.id NOT IN (SELECT rowid FROM articles_fts"
			 " WHERE articles_fts MATCH :exclude)");
	if (*f->q.since)
		buf_adds(sql, " AND a.published >= :since");
	if (*f->q.until)
		buf_adds(sql, " AND a.published < :until");
	if (f->source)
		buf_adds(sql, " AND a.source = :source");
	if (f->section)
		buf_adds(sql, " AND a.section = :section");
	if (f->after)
		buf_adds(sql, " AND a.seq > :after");
	if (f->upto)
		buf_adds(sql, " AND a.seq <= :upto");
	if (f->before)
		buf_adds(sql, " AND a.published < :before");
	if (f->canonical)
		buf_adds(sql, " AND NOT EXISTS (SELECT 1 FROM dup d"
			 " WHERE d.article = a.id AND d.cluster != a.id)");
}

void store_filter_sql(const struct filter *f, struct buf *sql)
{
	if (has_match(f))
		buf_adds(sql, " FROM articles_fts JOIN articles a"
			 " INDEXED BY articles_keys"
			 " ON a.id = articles_fts.rowid"
			 " WHERE articles_fts MATCH :match");
	else
		buf_adds(sql, " FROM articles a WHERE 1");
	filter_terms(f, sql);
}

void store_filter_sql_walk(const struct filter *f, struct buf *sql)
{
	buf_adds(sql, " FROM articles a WHERE EXISTS (SELECT 1"
		 " FROM articles_fts WHERE articles_fts MATCH :match"
		 " AND articles_fts.rowid = a.id)");
	filter_terms(f, sql);
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

enum nc_status store_filter_prepare(struct store *st,
				    const struct filter *f, const char *sql,
				    sqlite3_stmt **stmt, struct buf *until,
				    struct nc_error *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL), i;

	if (rc != SQLITE_OK)
		return store_search_error(st, rc, err);
	if (has_match(f))
		store_bind_named(*stmt, ":match", f->q.match.s);
	if (f->q.exclude.len)
		store_bind_named(*stmt, ":exclude", f->q.exclude.s);
	if (*f->q.since)
		store_bind_named(*stmt, ":since", f->q.since);
	if (*f->q.until) {
		store_until_bound(f->q.until, until);
		store_bind_named(*stmt, ":until", until->s);
	}
	store_bind_named(*stmt, ":source", f->source);
	store_bind_named(*stmt, ":section", f->section);
	store_bind_named(*stmt, ":before", f->before);
	if ((i = sqlite3_bind_parameter_index(*stmt, ":after")) > 0)
		sqlite3_bind_int64(*stmt, i, f->after);
	if ((i = sqlite3_bind_parameter_index(*stmt, ":upto")) > 0)
		sqlite3_bind_int64(*stmt, i, f->upto);
	return NC_OK;
}

/*
 * A prefix ("vie*") makes FTS5 read the postings of every indexed word it
 * starts, before the first hit, so that a query of many short prefixes
 * held a CPU for minutes on a million articles (20 one-letter prefixes,
 * 60,000 words, take 4 s on 35,000 articles; on those, "th" starts 1,377
 * words, "t" 6,605). The work is capped (store_prefix_caps, and
 * newsctl-query(7)): the words one prefix starts, those of all the
 * prefixes of a query, and how many articles hold them, summed over the
 * words: merging and ranking those postings is what a prefix costs (on a
 * million articles, "thàn*" 740,000 for 0.4 s, "ngu*" 3,600,000 for
 * 2.4 s). Past a cap the query is refused, before any search, naming the
 * prefix.
 */
const struct store_prefix_caps store_prefix_caps = {
	.words = 2000,
	.total_words = 8000,
	.postings = 800000,
};

/* The last token of a text as a query gives it (the one '*' extends). */
struct last_token {
	char s[TOKENIZER_MAX_TOKEN + 4];
	int n;
};

static int keep_last(void *ctx, int tflags, const char *tok, int ntok,
		     int start, int end)
{
	struct last_token *t = ctx;

	if (ntok > TOKENIZER_MAX_TOKEN)
		ntok = TOKENIZER_MAX_TOKEN;
	memcpy(t->s, tok, (size_t)ntok);
	t->n = ntok;
	return SQLITE_OK;
}

/*
 * Count the indexed words prefix starts (the statement words reads them
 * with the number of articles holding each) into *n and those articles
 * into *postings, stopping once past either cap; -1 on error.
 */
static int expansion(sqlite3_stmt *words, const char *prefix,
		     long long word_cap, long long posting_cap, long long *n,
		     long long *postings)
{
	struct last_token t = { .n = 0 };
	int rc = SQLITE_DONE;

	*n = *postings = 0;
	tokenizer_run(FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX, prefix,
		      (int)strlen(prefix), &t, keep_last);
	if (!t.n)
		return 0;
	sqlite3_bind_text(words, 1, t.s, t.n, SQLITE_TRANSIENT);
	/* U+10FFFF: after every word that starts with the token */
	memcpy(t.s + t.n, "\xf4\x8f\xbf\xbf", 4);
	sqlite3_bind_text(words, 2, t.s, t.n + 4, SQLITE_TRANSIENT);
	while (*n <= word_cap && *postings <= posting_cap &&
	       (rc = sqlite3_step(words)) == SQLITE_ROW) {
		++*n;
		*postings += sqlite3_column_int64(words, 0);
	}
	sqlite3_reset(words);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

enum nc_status store_check_prefixes_within(struct store *st,
					   const struct filter *f,
					   const struct store_prefix_caps *cap,
					   struct nc_error *err)
{
	const char *p = f->q.prefixes.s, *end = p + f->q.prefixes.len;
	sqlite3_stmt *words = NULL;
	enum nc_status s = NC_OK;
	long long total = 0, postings = 0, n, k;
	int rc;

	if (!f->q.prefixes.len)
		return NC_OK;
	rc = sqlite3_exec(st->db, "CREATE VIRTUAL TABLE IF NOT EXISTS"
			  " temp.nc_vocab USING fts5vocab(main, articles_fts,"
			  " row)", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(st->db, "SELECT doc FROM temp.nc_vocab"
					" WHERE term >= ?1 AND term <= ?2",
					-1, &words, NULL);
	if (rc != SQLITE_OK)
		return store_db_error(st, err, rc, "cannot read the index");
	/* counting reads the words' postings too (fts5vocab): never more
	 * than the caps allow a query */
	for (; p < end && !s; p += strlen(p) + 1) {
		long long left = cap->total_words - total;

		if (expansion(words, p, left < cap->words ? left : cap->words,
			      cap->postings - postings, &n, &k) < 0)
			s = store_db_error(st, err, sqlite3_errcode(st->db),
					   "cannot read the index");
		else if (n > cap->words)
			s = nc_fail(err, NC_EUSAGE, "'%s*' starts too many "
				    "words (over %lld): type more of it", p,
				    cap->words);
		else if ((total += n) > cap->total_words)
			s = nc_fail(err, NC_EUSAGE, "the prefixes start too "
				    "many words in all (over %lld): type more "
				    "of them, or fewer", cap->total_words);
		else if (k > cap->postings)
			s = nc_fail(err, NC_EUSAGE, "'%s*' starts words found "
				    "in too many articles (over %lld in all): "
				    "type more of it", p, cap->postings);
		else if ((postings += k) > cap->postings)
			s = nc_fail(err, NC_EUSAGE, "the prefixes start words "
				    "found in too many articles (over %lld in "
				    "all): type more of them, or fewer",
				    cap->postings);
	}
	sqlite3_finalize(words);
	return s;
}

enum nc_status store_check_prefixes(struct store *st,
				    const struct filter *f,
				    struct nc_error *err)
{
	return store_check_prefixes_within(st, f, &store_prefix_caps, err);
}
