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

struct input_sink {
	/*
	 * One input of len bytes named name ("-" for standard input). The
	 * data is only valid during the call. Return NC_OK to go on; any
	 * other status stops the walk (a fatal error such as a database
	 * failure) and is returned by input_read().
	 */
	enum nc_status (*file)(struct input_sink *sink, const char *name,
			       const unsigned char *data, size_t len);
	/* A file that could not be read; the walk goes on. */
	void (*error)(struct input_sink *sink, const struct nc_error *err);
	size_t max_size;	/* larger files are refused (NC_ETOOBIG) */
};

/*
 * Read path: "-" is standard input, a folder is walked recursively in
 * byte order of names, skipping names that start with '.', anything else
 * is read as one file. Returns NC_OK or the status a sink->file call
 * stopped with.
 */
enum nc_status input_read(const char *path, struct input_sink *sink);

/*
 * Read a whole file (or "-") into *data (malloc'd) and *len, refusing files
 * over max bytes. Exposed for tests and for commands that read one file.
 */
enum nc_status input_slurp(const char *path, size_t max, unsigned char **data,
			   size_t *len, struct nc_error *err);

#endif
