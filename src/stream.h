/*
 * stream.h - bytes read a piece at a time: the rest of a file, of
 * standard input or of an archive entry that is too large to hold whole.
 * Whoever opens a stream embeds struct stream first in its own state.
 */
#ifndef NEWSCTL_STREAM_H
#define NEWSCTL_STREAM_H

#include <stddef.h>
#include <sys/types.h>

#include "err.h"

struct stream {
	/*
	 * Read up to n bytes into p: the number read, 0 at the end, or -1
	 * with err set (an I/O error, a damaged archive, a cap reached).
	 */
	ssize_t (*read)(struct stream *st, void *p, size_t n,
			struct nc_error *err);
};

static inline ssize_t stream_read(struct stream *st, void *p, size_t n,
				  struct nc_error *err)
{
	return st->read(st, p, n, err);
}

#endif
