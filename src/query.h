/*
 * query.h - from what a user types to an FTS5 query expression.
 *
 * The language (newsctl-query(7) is the reference):
 *
 *	query    := and
 *	and      := { or | "AND" }            every operand must match
 *	or       := unary { "OR" unary }      OR binds tighter than AND
 *	unary    := "-" unary | "NOT" unary | primary
 *	primary  := "(" and ")" | field primary | "\"" phrase "\"" ["*"]
 *	          | word ["*"] | "date:" range
 *	field    := "title:" | "lead:" | "body:" | "caption:" | "section:"
 *	          | "source:" | "author:"
 *
 * A word is a run of characters other than white space, parentheses and
 * double quotes. Every word and phrase is handed to FTS5 as a quoted
 * string, so punctuation and FTS5's own keywords (AND, OR, NOT, NEAR, ^,
 * :, *, +) are literal text. "OR", "AND" and "NOT" are operators only in
 * capitals and only where an operand stands on each side (NOT: after);
 * elsewhere they are words. A word holding no letter or digit (a lone
 * "-", "*", an emoji) cannot be indexed and is left out.
 *
 * date:2017-10 and date:A..B (either end may be left open) are not FTS5:
 * they must stand at the top level (not inside OR, NOT or parentheses) and
 * narrow the search to a published range.
 */
#ifndef NEWSCTL_QUERY_H
#define NEWSCTL_QUERY_H

#include "buf.h"
#include "date.h"
#include "err.h"

/* Limits on what a query may hold; past them the query is refused. */
#define QUERY_MAX_WORDS 256
#define QUERY_MAX_DEPTH 32

struct query {
	/*
	 * The FTS5 expression every hit must match; empty when the query
	 * has no positive term (only exclusions or dates).
	 */
	struct buf match;
	/*
	 * When the query holds only exclusions at the top level ("-word"
	 * alone), the FTS5 expression of what hits must not match; empty
	 * otherwise (exclusions are folded into match with NOT).
	 */
	struct buf exclude;
	/* Published bounds from date: terms, ISO prefixes, or "". */
	char since[DATE_ISO_MAX];
	char until[DATE_ISO_MAX];
	int nphrases;		/* quoted strings in match */
	/*
	 * The whole query as one FTS5 phrase, when it is a plain sequence
	 * of two or more words and quoted phrases (no field, prefix, OR,
	 * NOT or parentheses): "dân vận khéo" for dân vận khéo. Ranking
	 * puts the articles that hold this sequence first. Empty otherwise.
	 */
	struct buf seq;
	/*
	 * The words and phrases typed with '*' (match and exclude), each
	 * followed by a NUL, as typed: the store bounds what each expands
	 * to (store_search()).
	 */
	struct buf prefixes;
};

#define QUERY_INIT { BUF_INIT, BUF_INIT, "", "", 0, BUF_INIT, BUF_INIT }

/*
 * Parse the user's query text (UTF-8, NUL-terminated) into q, which must
 * be QUERY_INIT or released. On error q is left empty and err holds one
 * message naming the problem and its column (in characters, from 1), e.g.
 * "unbalanced parenthesis at column 7"; the status is NC_EUSAGE.
 */
enum nc_status query_parse(struct query *q, const char *text,
			   struct nc_error *err);

/*
 * query_parse() with flags: QUERY_NO_EXPAND leaves abbreviations as typed.
 * By default a word or phrase of the abbreviation list (abbrev.h) also
 * looks for the other forms of its family: UBND is
 * (UBND OR "ủy ban nhân dân"), "ủy ban nhân dân" is ("ủy ban nhân dân" OR
 * ubnd), TP.HCM is (TP.HCM OR tphcm OR "thành phố hồ chí minh" ...).
 */
enum { QUERY_NO_EXPAND = 1 << 0 };
enum nc_status query_parse_flags(struct query *q, const char *text,
				 int flags, struct nc_error *err);

/*
 * Narrow q's published range to since..until as well (ISO prefixes as
 * date_parse_bound() writes them, inclusive; NULL or "" for open).
 */
void query_narrow(struct query *q, const char *since, const char *until);

/* Free what q holds and leave it as QUERY_INIT. */
void query_release(struct query *q);

#endif
