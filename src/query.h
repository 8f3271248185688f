/*
 * query.h - from what a user types to an FTS5 query expression.
 */
#ifndef NEWSCTL_QUERY_H
#define NEWSCTL_QUERY_H

#include "buf.h"
#include "err.h"

/*
 * Append to out the FTS5 expression for the user's query q. Every word
 * must match, in the article's text fields (headline, lead, body,
 * captions). Each word is passed to FTS5 as a quoted string, so no input
 * can be an FTS5 syntax error. NC_EUSAGE for an empty query.
 */
enum nc_status query_to_fts(const char *q, struct buf *out,
			    struct nc_error *err);

#endif
