/*
 * store-int.h - what the files of the store share, and nothing else
 * includes: the connection, its cached statements, and the helpers that
 * turn SQLite's result codes into nc_status.
 *
 * The store is split by concern, as SQLite's FTS5 is: store.c opens the
 * database (schema, migrations, transactions, statistics, checks),
 * store-row.c turns articles into rows and back (compression),
 * store-filter.c turns a filter into SQL and caps a query's prefixes,
 * store-search.c runs searches, rank.c scores them, and store-export.c
 * reads selections in export order and keeps the watermarks of
 * incremental exports.
 */
#ifndef NEWSCTL_STORE_INT_H
#define NEWSCTL_STORE_INT_H

#include <sqlite3.h>
#include <zstd.h>

#include "store.h"

/* Columns of articles_fts, in order; rank.h's weights follow it. */
#define FTS_COLUMNS "title, lead, body, captions, section, byline, source"

/* The columns store_row_article() reads, in its order. */
#define ARTICLE_COLUMNS "id, hash, source, origin, url, external_id," \
	" section, title, lead, published, byline, captions, views," \
	" nc_unzstd(body_z)," \
	" encoding, raw, raw_size, ingested, credit, fetched"

struct store_packer {
	ZSTD_CCtx *zc;
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *find_hash;
	sqlite3_stmt *insert;
	sqlite3_stmt *insert_fts;
	/* store-search.c's, prepared on first use (the same for every
	 * search: the query is bound) */
	sqlite3_stmt *count_upto, *rank_tier, *rank_clean, *published;
	struct store_packer pk;
	ZSTD_DCtx *zd;
	struct tokenizer_tape *tape;	/* the slot the tokenizer replays */
	struct store_dup *dup;	/* store-dup.c's statements */
};

/* rc as an nc_status with SQLite's message; what says what failed. */
enum nc_status store_db_error(struct store *st, struct nc_error *err,
			      int rc, const char *what);
/* Run sql (no rows); NC_OK or store_db_error(). */
enum nc_status store_exec(struct store *st, const char *sql,
			  struct nc_error *err);
/* One integer from a single-row query (a PRAGMA), or -1 on error. */
long long store_query_int(struct store *st, const char *sql, int *rc);
/* Prepare *stmt once (persistent), or reset it for another use. */
int store_prepare(struct store *st, sqlite3_stmt **stmt, const char *sql);
/* Reset a statement store_prepare() gave and clear its bindings (NULL
 * is fine), so that it holds neither a read transaction nor a pointer. */
void store_done(sqlite3_stmt *stmt);
/* Bind s (or NULL) to parameter i; s must outlive the step. */
void store_bind_text(sqlite3_stmt *stmt, int i, const char *s);
/* Bind v to the named parameter when the statement has it. */
void store_bind_named(sqlite3_stmt *stmt, const char *name, const char *v);
/* until as a bound to compare with "<": see store-filter.c. */
void store_until_bound(const char *until, struct buf *out);
/* Set key in the table meta to value (store.c). */
enum nc_status store_meta_set(struct store *st, const char *key,
			      const char *value, struct nc_error *err);
/*
 * Merge the full-text index into one segment, in steps that each commit
 * (store.c), outside a transaction: after a large ingest or a rebuild.
 */
enum nc_status store_merge_index(struct store *st, struct nc_error *err);
/* Column i as a malloc'ed string, or NULL. */
char *store_column_dup(sqlite3_stmt *stmt, int i);
/*
 * A search or selection that failed: a query FTS5 rejects is NC_EUSAGE
 * (with a message that does not mention FTS5), anything else as
 * store_db_error().
 */
enum nc_status store_search_error(struct store *st, int rc,
				  struct nc_error *err);

/* store-filter.c: the one place a filter becomes SQL */
/* Whether f has a match expression (else it selects by its filters). */
static inline int has_match(const struct filter *f)
{
	return f->q.match.len > 0;
}

/*
 * NC_EUSAGE, naming the prefix, when f's prefixes start more indexed
 * words than a query may expand to (store-filter.c's caps).
 */
enum nc_status store_check_prefixes(struct store *st,
				    const struct filter *f,
				    struct nc_error *err);
/* The caps store_check_prefixes() holds a query to: words one prefix may
 * start, words all may start, and articles holding them, summed over the
 * words (the same article counts once for each word it holds). */
struct store_prefix_caps {
	long long words, total_words, postings;
};
extern const struct store_prefix_caps store_prefix_caps;
enum nc_status store_check_prefixes_within(struct store *st,
					   const struct filter *f,
					   const struct store_prefix_caps *cap,
					   struct nc_error *err);
/* Append the FROM and WHERE clauses of f to sql (articles as "a"). */
void store_filter_sql(const struct filter *f, struct buf *sql);
/*
 * Whether f's page newest first is better read by walking the articles
 * from the newest, asking of each whether it matches; then its FROM and
 * WHERE clauses are store_filter_sql_walk()'s.
 */
int store_dated_walk(struct store *st, const struct filter *f);
void store_filter_sql_walk(const struct filter *f, struct buf *sql);
/* Prepare sql, built with store_filter_sql(), and bind f's values; until
 * holds a bound while the statement lives. */
enum nc_status store_filter_prepare(struct store *st,
				    const struct filter *f, const char *sql,
				    sqlite3_stmt **stmt, struct buf *until,
				    struct nc_error *err);

/* One hit of the page, before its fields are read. */
struct page_hit {
	int64_t id;
	double score;
	long long copies;
};

/*
 * The page of a search: its hits in order, past the offset and up to the
 * limit, and, when f collapses clusters, each cluster's first hit alone
 * (the clusters of those shown are noted in seen, as their ids).
 */
struct page {
	struct page_hit *v;
	size_t n, cap;
	int64_t *seen;
	size_t nseen, capseen;
	long long skip;		/* of the offset, hits still to pass */
	sqlite3_stmt *cluster;	/* id -> its cluster and size */
};

/* store-page.c */
/* Offer hit id (with its score) to the page; 1 when the page is full, 0
 * to go on, or an SQLite error code. */
int store_page_offer(struct store *st, const struct filter *f,
		     struct page *p, int64_t id, double score);
/* Empty p for f (its offset still to pass). */
void store_page_reset(struct page *p, const struct filter *f);
void store_page_release(struct page *p);
/* The page of f newest first (or of every article), from SQL. */
enum nc_status store_page_dated(struct store *st, const struct filter *f,
				struct page *p, struct nc_error *err);

/* store-row.c */
/* Register the SQL functions the schema and its migrations use. */
int store_row_register(struct store *st);
/* Fill a from a row of ARTICLE_COLUMNS. */
enum nc_status store_row_article(struct store *st, sqlite3_stmt *stmt,
				 int with_raw, struct article *a,
				 struct nc_error *err);

/* store-dup.c */
/* The text an article is signed by: headline, lead, body, byline and
 * credit, a line each (short lines are furniture to neardup.h; the last
 * tells whether it credits another outlet). */
void store_dup_text(const char *title, const char *lead, const char *body,
		    const char *byline, const char *credit, struct buf *t);
/* Store the band keys of a (stored, a->id set), signed in p, and join it
 * with the copies they confirm. */
enum nc_status store_dup_add(struct store *st, const struct article *a,
			     const struct store_packed *p,
			     struct nc_error *err);
/* Sign every stored article (a migration), telling fn how far. */
enum nc_status store_dup_sign_all(struct store *st, store_progress_fn fn,
				  void *ctx, struct nc_error *err);
void store_dup_close(struct store *st);
/* The shingles of stored article id into set (empty when it is gone),
 * and whether it names itself the original source; an SQLite code. */
int store_dup_shingle(struct store *st, int64_t id, struct neardup_set *set,
		      int *original);
/* Read the threshold from meta again (it was changed). */
void store_dup_forget(struct store *st);

#endif
