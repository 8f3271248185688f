/*
 * rank.h - how search hits are scored (rank.c).
 *
 * A hit's score is RANK_SCORE, an SQL expression over articles_fts: bm25
 * with a weight per column (the columns of store-int.h's FTS_COLUMNS, in
 * order) times nc_boost(), the reward for the query's phrases standing
 * together as typed. Lower is better, as bm25's. The store uses nothing
 * else of the ranking, so that it can change here alone.
 */
#ifndef NEWSCTL_RANK_H
#define NEWSCTL_RANK_H

#include <sqlite3.h>

#define RANK_WEIGHTS "10.0, 5.0, 1.0, 2.0, 1.0, 1.0, 1.0"
#define RANK_SCORE "bm25(articles_fts, " RANK_WEIGHTS ")" \
	" * nc_boost(articles_fts)"

/*
 * RANK_CLEAN: 1 when the match of the query's sequence (its only phrase)
 * is not broken by the end of a sentence or clause between two words.
 */
#define RANK_CLEAN "nc_clean(articles_fts)"

/* Register nc_boost() and nc_clean() on db; store_open() calls it on
 * every connection. */
int rank_register(sqlite3 *db);

#endif
