/*
 * input.h - where articles come from: files, folders, standard input.
 *
 * input_read() walks one path given on the command line and hands each
 * file's bytes to a sink. Errors about one file go to the sink's error
 * callback and the walk goes on with the next file.
 */
#ifndef NEWSCTL_INPUT_H
#define NEWSCTL_INPUT_H

#include <stddef.h>

#include "err.h"
#include "stream.h"

struct input_sink {
	/*
	 * One input named name ("-" for standard input): len bytes at data,
	 * the whole input when rest is NULL. An input longer than max_size
	 * comes as its first max_size + 1 bytes and the rest to read from
	 * rest (a crawler export can be read row by row; anything else is
	 * refused without reading further). data and rest are only valid
	 * during the call. Return NC_OK to go on; any other status stops
	 * the walk (a fatal error such as a database failure) and is
	 * returned by input_read().
	 */
	enum nc_status (*file)(struct input_sink *sink, const char *name,
			       const unsigned char *data, size_t len,
			       struct stream *rest);
	/* A file that could not be read; the walk goes on. */
	void (*error)(struct input_sink *sink, const struct nc_error *err);
	size_t max_size;	/* bytes read before handing out a stream */
	long long max_total;	/* archives: --max-total, or -1 */
};

/*
 * Read path: "-" is standard input, a folder is walked recursively in
 * byte order of names, skipping names that start with '.', anything else
 * is read as one file. In a folder only regular files and folders are
 * read (FIFOs, devices and links back to a folder being walked are
 * reported and skipped); a FIFO or a character device named by path
 * itself is read. Returns NC_OK or the status a sink->file call stopped
 * with.
 */
enum nc_status input_read(const char *path, struct input_sink *sink);

#endif
