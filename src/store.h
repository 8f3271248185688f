/*
 * store.h - the article database: one SQLite file in WAL mode holding the
 * articles and their FTS5 index.
 *
 * Every function returns an nc_status and fills err; SQLite's own message
 * is passed up in err->msg. A busy database (another writer held the lock
 * past the busy timeout) is NC_EBUSY.
 */
#ifndef NEWSCTL_STORE_H
#define NEWSCTL_STORE_H

#include <stdint.h>

#include "article.h"
#include "buf.h"
#include "err.h"
#include "filter.h"
#include "neardup.h"

struct store;

enum store_mode {
	STORE_READ,		/* the database must exist */
	STORE_WRITE,		/* created (with its schema) when missing */
};

enum nc_status store_open(struct store **out, const char *path,
			  enum store_mode mode, struct nc_error *err);
/* Told now and then how far a long migration has got. */
typedef void (*store_progress_fn)(void *ctx, long long done,
				  long long total);
/* store_open(), with fn (may be NULL) told of a migration's progress. */
enum nc_status store_open_progress(struct store **out, const char *path,
				   enum store_mode mode, store_progress_fn fn,
				   void *ctx, struct nc_error *err);
void store_close(struct store *st);

/* Transactions: ingest adds articles in batches between these. */
enum nc_status store_begin(struct store *st, struct nc_error *err);
enum nc_status store_commit(struct store *st, struct nc_error *err);
void store_rollback(struct store *st);
/*
 * After an ingest or import that added `added` articles, outside a
 * transaction: merge the full-text index into one segment when they are a
 * large share of the database (store.c: SETTLE_SHARE), so that searches
 * read each term once.
 */
enum nc_status store_settle(struct store *st, long long added,
			    struct nc_error *err);

/*
 * An article's body and original bytes compressed as the store keeps them,
 * the tokens of its indexed texts (tokenizer.h) and its near-duplicate
 * signature (neardup.h). store_pack() needs no
 * store, so that ingest can do this work in its reading thread while the
 * writing one stores; a packer serves one thread at a time.
 */
struct store_packer;
struct tokenizer_tape;
struct store_packed {
	struct buf body, raw;
	struct buf captions;	/* joined, as stored and indexed */
	struct buf byline;	/* byline and credit, as indexed */
	struct tokenizer_tape *tape;	/* the tokens of its FTS5 columns */
	struct neardup_set set;	/* its shingles */
	int32_t keys[NEARDUP_BANDS];	/* its band keys, when signed_ */
	int signed_;		/* big enough to be compared */
	int original;		/* credits no other outlet */
	int done;		/* set by a successful store_pack() */
};

struct store_packer *store_packer_new(void);
void store_packer_free(struct store_packer *pk);
void store_packed_init(struct store_packed *p);
void store_packed_release(struct store_packed *p);
enum nc_status store_pack(struct store_packer *pk, const struct article *a,
			  struct store_packed *p, struct nc_error *err);

/*
 * Add an article whose hash is set, with its body and original bytes
 * packed by store_pack() (or packed here when packed is NULL). When an
 * article with the same hash is stored already nothing changes and *added
 * is 0; otherwise *added is 1. Either way a->id is set to the stored
 * article's id.
 */
enum nc_status store_add(struct store *st, struct article *a,
			 const struct store_packed *packed, int *added,
			 struct nc_error *err);

/*
 * Read article id into a (initialised by the caller), with the original
 * bytes when with_raw is set. NC_NOMATCH when there is no such article.
 */
enum nc_status store_get(struct store *st, int64_t id, int with_raw,
			 struct article *a, struct nc_error *err);

/*
 * A search hit. Of a, only id and the fields output.h's PR_ART_HIT names
 * are set, borrowed from the store: valid during the call, never released.
 */
/* The marks around matched words in snippets, in C and in SQL. */
#define MARK_OPEN "\x02"
#define MARK_CLOSE "\x03"
#define MARK_OPEN_SQL "X'02'"
#define MARK_CLOSE_SQL "X'03'"

struct store_hit {
	struct article a;
	double score;		/* higher is better (store-search.c:
				 * shown_score) */
	const char *title_marked;	/* title with matches marked, or NULL */
	const char *snippet;	/* matches between MARK_OPEN and MARK_CLOSE */
	long long copies;	/* collapsing: the other members of its
				 * cluster, which it stands for */
};

/* Return non-zero to stop. */
typedef int (*store_hit_fn)(void *ctx, const struct store_hit *hit);

/*
 * Run a search, calling fn for each hit of f in rank order (rank.h; ties
 * to the newer article, then the larger id); newest first when f's sort
 * is FILTER_SORT_DATE or there is no match expression. The hit's strings
 * are valid during the call only. *nhits (if not NULL) gets the number of
 * hits passed to fn. A query FTS5 rejects is NC_EUSAGE with a message
 * that does not mention FTS5.
 */
enum nc_status store_search(struct store *st, const struct filter *f,
			    store_hit_fn fn, void *ctx, long long *nhits,
			    struct nc_error *err);

/* Count every article of f (limit and offset ignored), a cluster once
 * when f collapses them, as store_search() shows them. */
enum nc_status store_count(struct store *st, const struct filter *f,
			   long long *count, struct nc_error *err);

/*
 * Near-duplicates (neardup.h): clusters of copies of one story, named by
 * their canonical member's id (store-cluster.c).
 *
 * A cluster as store_clusters() gives it: of a (the canonical member),
 * only id and the fields of PR_ART_HIT are set, borrowed from the store;
 * members are the ids of all its articles, the canonical one first, then
 * by id. Valid during the call only.
 */
struct store_cluster {
	struct article a;
	long long size;
	const int64_t *members;
};

/* Return non-zero to stop. */
typedef int (*store_cluster_fn)(void *ctx, const struct store_cluster *c);

/*
 * Call fn for each cluster of min_size articles or more with a member
 * that f selects, largest first, then by id; f's limit and offset count
 * clusters. *n (if not NULL) gets the number passed to fn.
 */
enum nc_status store_clusters(struct store *st, const struct filter *f,
			      long long min_size, store_cluster_fn fn,
			      void *ctx, long long *n, struct nc_error *err);

/*
 * The other members of article id's cluster, by id, in *ids (malloc'ed;
 * *n = 0 and *ids NULL when it has no copies).
 */
enum nc_status store_copies(struct store *st, int64_t id, int64_t **ids,
			    size_t *n, struct nc_error *err);

/*
 * Cluster every signed article again at threshold (confirming the pairs
 * that share a band key) and record the threshold for later ingests; in
 * one transaction. fn (may be NULL) is told how far it has got.
 */
enum nc_status store_recluster(struct store *st, double threshold,
			       store_progress_fn fn, void *ctx,
			       struct nc_error *err);

struct store_source_count {
	char *name;		/* NULL for articles without a source */
	long long articles;
};

struct store_stats {
	long long articles;
	char *first;		/* earliest and latest published, or NULL */
	char *last;
	struct store_source_count *sources;
	size_t nsources;
	long long db_bytes;
	long long clusters;	/* of near-duplicates (store-cluster.c) */
	long long copies;	/* their members but the canonical ones */
};

enum nc_status store_stats(struct store *st, struct store_stats *stats,
			   struct nc_error *err);
void store_stats_release(struct store_stats *stats);

/*
 * Export and import (cmd_export.c, cmd_import.c, cmd_check.c).
 */

/*
 * Called with each selected article (owned by the store, valid during the
 * call). Return NC_OK to go on; any other status stops store_each().
 */
typedef enum nc_status (*store_article_fn)(void *ctx,
					   const struct article *a,
					   struct nc_error *err);

/* A read transaction: what follows sees one snapshot; end with commit. */
enum nc_status store_read_begin(struct store *st, struct nc_error *err);
/*
 * Every stored article has an insertion sequence of its own (seq): set by
 * the store as it inserts the row, larger than every earlier one, never
 * taken from an input (ids are: import keeps an archive's). Filters bound
 * it (filter.h after, upto) and watermarks count in it.
 *
 * The newest article's seq and ingest time (0 and 0 when empty).
 */
enum nc_status store_last(struct store *st, int64_t *seq,
			  int64_t *ingested, struct nc_error *err);
/*
 * Call fn for each article of f, with the original bytes when with_raw is
 * set; *count (if not NULL) gets how many. The same articles as
 * store_search() of f, in f's order: FILTER_SORT_DAY is export's,
 * FILTER_SORT_DATE newest first, FILTER_SORT_BEST by id (no ranking).
 */
enum nc_status store_each(struct store *st, const struct filter *f,
			  int with_raw, store_article_fn fn, void *ctx,
			  long long *count, struct nc_error *err);

/*
 * Store an article read back from an export with its own id, hash, ingest
 * time and fields. *added: 0 when an article with that hash is stored
 * already (nothing changes), 1 when stored under a->id, 2 when that id was
 * taken and it got a new one (a->id is updated).
 */
enum nc_status store_restore(struct store *st, struct article *a,
			     int *added, struct nc_error *err);

/*
 * The watermark of incremental export name: the seq of the last article
 * it exported (0 when none). store_mark_set() inside a write transaction
 * (store_begin) lets a caller move it in the same step as its own work.
 */
enum nc_status store_mark_get(struct store *st, const char *name,
			      int64_t *last_seq, struct nc_error *err);
enum nc_status store_mark_set(struct store *st, const char *name,
			      int64_t last_seq, int64_t now,
			      struct nc_error *err);
/* Forget the watermark name (nothing when there is none). */
enum nc_status store_mark_drop(struct store *st, const char *name,
			       struct nc_error *err);
/*
 * What incremental export name selected ("" for every article; else its
 * options as typed), stored with its watermark; *selection NULL when it
 * was never recorded (an export by an older newsctl).
 */
enum nc_status store_mark_selection_set(struct store *st, const char *name,
					const char *selection,
					struct nc_error *err);
enum nc_status store_mark_selection_get(struct store *st, const char *name,
					char **selection,
					struct nc_error *err);

/* The ids of the articles of f, in id order (limit ignored); free *ids. */
enum nc_status store_ids(struct store *st, const struct filter *f,
			 int64_t **ids, size_t *n, struct nc_error *err);
/*
 * Delete the n articles ids and their index entries in one transaction
 * (FTS5's 'delete' with the stored values, then the rows).
 */
enum nc_status store_delete(struct store *st, const int64_t *ids, size_t n,
			    struct nc_error *err);
/*
 * Give the pages freed by deletions back to the file system: with
 * PRAGMA auto_vacuum=INCREMENTAL (databases created since) at once,
 * else only when full is set, by merging the index into one segment and
 * VACUUM (which rewrites the whole file and needs as much free space
 * again). *bytes gets the bytes returned;
 * *freelist the bytes still free inside the file.
 */
enum nc_status store_reclaim(struct store *st, int full, long long *bytes,
			     long long *freelist, struct nc_error *err);

/*
 * Facets (store-facet.c): the articles of a filter counted by a field,
 * over every match (the filter's limit and offset are ignored).
 */
enum store_facet {
	FACET_SOURCE, FACET_SECTION, FACET_BYLINE, FACET_YEAR, FACET_MONTH,
};
/* value: NULL for articles without one; valid during the call. */
typedef void (*store_facet_fn)(void *ctx, const char *value,
			       long long articles);
/*
 * Call fn for each value of facet by among the articles of f: the most
 * frequent first (ties in value order), years and months in date order.
 * *nvalues (if not NULL) gets the number of values.
 */
enum nc_status store_facet(struct store *st, const struct filter *f,
			   enum store_facet by, store_facet_fn fn, void *ctx,
			   long long *nvalues, struct nc_error *err);

/*
 * Watched searches (store-watch.c): a query and its filters kept under a
 * name; the strings are as the user gave them (NULL when not given).
 */
struct store_watch {
	char *name, *query, *since, *until, *source, *section;
	int64_t created;
};
/* NC_EUSAGE when a watch of that name exists. */
enum nc_status store_watch_add(struct store *st, const struct store_watch *w,
			       struct nc_error *err);
/* NC_NOMATCH when there is no watch name. */
enum nc_status store_watch_get(struct store *st, const char *name,
			       struct store_watch *w, struct nc_error *err);
/* Every watch in name order; fn returns non-zero to stop. */
typedef int (*store_watch_fn)(void *ctx, const struct store_watch *w);
enum nc_status store_watch_each(struct store *st, store_watch_fn fn,
				void *ctx, struct nc_error *err);
/* Remove watch name and its watermark; NC_NOMATCH when there is none. */
enum nc_status store_watch_rm(struct store *st, const char *name,
			      struct nc_error *err);
void store_watch_release(struct store_watch *w);
/*
 * The name of the watermark (store_mark_get/set) of watch name: export
 * names cannot hold the ':' that sets them apart.
 */
void store_watch_mark(const char *name, struct buf *out);

/*
 * With differ NULL, record that the index is built with this program's
 * rules (abbrev_version()). Else set *differ to NULL when the database
 * records those rules, or to this program's rules when it records others
 * or none: the index must be rebuilt for searches to see the rules.
 */
enum nc_status store_index_rules(struct store *st, const char **differ,
				 struct nc_error *err);

/*
 * Rebuild the full-text index from the stored articles with this
 * program's rules (store-reindex.c), in steps that each commit, so that
 * a rebuild can be stopped at any point and continued.
 *
 * store_reindex_start() empties the index and records that it is being
 * rebuilt (searches see rules that differ meanwhile), or finds a rebuild
 * with these rules under way and continues it (*resumed set). *total
 * gets the articles, *done those indexed already.
 * store_reindex_step() indexes the next batch of articles in id order
 * that have no index entry (*added of them); *more is 0 once none are
 * left.
 * store_reindex_finish() records the rules (store_index_rules()).
 */
enum nc_status store_reindex_start(struct store *st, int *resumed,
				   long long *total, long long *done,
				   struct nc_error *err);
enum nc_status store_reindex_step(struct store *st, long long *added,
				  int *more, struct nc_error *err);
enum nc_status store_reindex_finish(struct store *st, struct nc_error *err);

/* One problem found by store_check: what ("sqlite", "fts5"...) and text. */
typedef void (*store_problem_fn)(void *ctx, const char *what,
				 const char *msg);
/*
 * Run SQLite's integrity_check, FTS5's integrity-check and a check of the
 * stored hashes; unless quick, the index is also checked against the rows
 * (FTS5's rank 1) and every row read back (sizes, body, original bytes).
 * fn is called for each problem (naming the article when there is one),
 * *problems gets the count.
 */
enum nc_status store_check(struct store *st, int quick, store_problem_fn fn,
			   void *ctx, long long *problems,
			   struct nc_error *err);

#endif
