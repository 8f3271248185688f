/*
 * output-int.h - the printer's state, shared by its backends (output.c
 * and output-json.c) and nothing else.
 */
#ifndef NEWSCTL_OUTPUT_INT_H
#define NEWSCTL_OUTPUT_INT_H

#include "buf.h"
#include "output.h"

#define PR_MAX_DEPTH 32

struct printer {
	enum pr_format fmt;
	FILE *fp;
	int color;
	int depth;
	int count[PR_MAX_DEPTH];	/* values written at each level */
	char close[PR_MAX_DEPTH];	/* '}' or ']' for each open level */
	int after_key;		/* the next value follows a key */
	/* TSV, ids and text: the fields of the current record */
	const char *const *columns;
	size_t ncolumns;
	struct buf *cells;	/* one per column (TSV), else cells[0] */
	const char *key;	/* the top-level key being written */
	int have_id;		/* ids: cells[0] holds this record's id */
};

/* JSON: write len bytes of s as a JSON string. */
void out_json_string(FILE *fp, const char *s, size_t len);

#endif
