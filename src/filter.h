/*
 * filter.h - which articles a command works on: one selection, built once
 * from the query language and the options, and turned into SQL in one
 * place (store-filter.c), so that search, count and export (and every
 * later command) select the same articles for the same query.
 */
#ifndef NEWSCTL_FILTER_H
#define NEWSCTL_FILTER_H

#include <stdint.h>

#include "err.h"
#include "query.h"

enum filter_sort {
	FILTER_SORT_BEST,	/* best first (newest first without a match;
				 * by id in store_each(), which never ranks) */
	FILTER_SORT_DATE,	/* newest first */
	FILTER_SORT_DAY,	/* export's: day folder, then id as text, the
				 * byte order of the entry paths */
};

struct filter {
	/* match, exclude, since and until: query.h */
	struct query q;
	const char *source;	/* exact source, or NULL */
	const char *section;	/* exact section, or NULL */
	/* insertion sequence (store.h) bounds */
	int64_t after;		/* seq > after (0: from the first) */
	int64_t upto;		/* seq <= upto (0: no bound) */
	long long limit;	/* < 0: no limit */
	long long offset;
	enum filter_sort sort;
	int query_flags;	/* QUERY_*, for query_parse_flags() */
	/* store_search(): hits carry their id and score only (no fields
	 * read, no snippet built), for output that shows nothing else */
	int ids_only;
	/* published strictly before this (prune --before), or NULL; a date
	 * as stored, compared as text */
	const char *before;
	int collapse;		/* search, count: a cluster of near-duplicates
				 * as its best-ranked member alone */
	int canonical;		/* of a cluster, only its canonical member */
};

#define FILTER_INIT { QUERY_INIT, NULL, NULL, 0, 0, -1, 0, FILTER_SORT_BEST, \
		      0, 0, NULL, 0, 0 }

/*
 * Parse the query text (NULL for every article; "" is an empty query,
 * refused) into f and narrow
 * its published range by the --since and --until arguments (NULL when not
 * given; any form date_parse_bound() reads). NC_EUSAGE with a message
 * naming the problem ("--since: 'x' is not a date (try 2017-10-12)").
 */
enum nc_status filter_parse(struct filter *f, const char *text,
			    const char *since, const char *until,
			    struct nc_error *err);

/* Free what f holds and leave it as FILTER_INIT. */
void filter_release(struct filter *f);

#endif
