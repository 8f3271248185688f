/*
 * pieces.h - a stream (stream.h) over bytes in memory that hands out at
 * most chunk bytes a read, for the tests and fuzzers that check a reader
 * gives the same streamed in small pieces as whole. Header-only.
 */
#ifndef NEWSCTL_PIECES_H
#define NEWSCTL_PIECES_H

#include <string.h>

#include "stream.h"

struct pieces {
	struct stream st;
	const unsigned char *p;
	size_t len, pos, chunk;	/* pos: the next byte handed out */
};

static ssize_t pieces_read(struct stream *st, void *p, size_t n,
			   struct nc_error *err)
{
	struct pieces *pc = (struct pieces *)st;
	size_t k = pc->len - pc->pos;

	(void)err;
	if (k > n)
		k = n;
	if (k > pc->chunk)
		k = pc->chunk;
	memcpy(p, pc->p + pc->pos, k);
	pc->pos += k;
	return (ssize_t)k;
}

#endif
