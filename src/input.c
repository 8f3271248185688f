/*
 * input.c - files, folders and standard input; see input.h.
 */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "buf.h"
#include "web.h"

#define READ_CHUNK 65536
#define SNIFF_BYTES 512		/* enough for every arc_sniff() magic */

/* The rest of a file or of standard input, past what was read first. */
struct fd_stream {
	struct stream st;
	int fd;
	const char *name;
};

static ssize_t fd_stream_read(struct stream *st, void *p, size_t n,
			      struct nc_error *err)
{
	struct fd_stream *fs = (struct fd_stream *)st;
	ssize_t got;

	do
		got = read(fs->fd, p, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		nc_fail(err, errno == EISDIR ? NC_EDATA : NC_EIO, "'%s': %s",
			fs->name, errno == EISDIR ? "is a directory, not a "
			"file" : strerror(errno));
	return got;
}

/*
 * Read fd into b (which may hold bytes already) until the end or until
 * b holds more than max bytes: the cap holds while reading, so a file
 * never costs more than max + 1 bytes of memory. *more is set when the
 * file goes on past b. name is used in messages.
 */
static enum nc_status read_upto(int fd, const char *name, size_t max,
				struct buf *b, int *more, struct nc_error *err)
{
	struct fd_stream fs = { { fd_stream_read }, fd, name };

	*more = 0;
	for (;;) {
		size_t want = READ_CHUNK;
		ssize_t n;

		if (b->len > max) {
			*more = 1;
			return NC_OK;
		}
		if (max + 1 - b->len < want)
			want = max + 1 - b->len;
		buf_grow(b, want);
		n = fd_stream_read(&fs.st, b->s + b->len, want, err);
		if (n < 0)
			return err->code;
		if (n == 0)
			return NC_OK;
		buf_setlen(b, b->len + (size_t)n);
	}
}

/*
 * An error when fd is a folder (open() takes one for reading); *regular
 * is set when it is a regular file (which can be opened again by name).
 */
static enum nc_status not_a_dir(int fd, const char *name, int *regular,
				struct nc_error *err)
{
	struct stat sb;

	if (fstat(fd, &sb) < 0) {
		*regular = 0;
		return NC_OK;
	}
	*regular = S_ISREG(sb.st_mode);
	if (S_ISDIR(sb.st_mode))
		return nc_fail(err, NC_EDATA, "'%s': is a directory, not a "
			       "file", name);
	return NC_OK;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Archives (tar, zip, WARC, compressed streams: see archive.h), found by
 * their first bytes: each regular-file entry is one input named
 * "archive!entry". Entries over sink->max_size come with the rest of
 * their bytes to read.
 */
struct archive_input {
	struct input_sink *sink;
	const char *archive;
	struct buf name;
};

/* Of a WACZ, only the WARCs (not its indexes and page lists). */
static int wacz_want(void *ctx, const char *name)
{
	return web_wacz_member(name);
}

static enum nc_status archive_more(void *ctx, const char *name,
				   const unsigned char *data, size_t len,
				   struct stream *rest)
{
	struct archive_input *ai = ctx;

	buf_reset(&ai->name);
	buf_addf(&ai->name, "%s!%s", ai->archive, name);
	return ai->sink->file(ai->sink, ai->name.s, data, len, rest);
}

static enum nc_status archive_entry(void *ctx, const char *name,
				    const unsigned char *data, size_t len)
{
	return archive_more(ctx, name, data, len, NULL);
}

static void archive_problem(void *ctx, const struct nc_error *err)
{
	struct archive_input *ai = ctx;

	ai->sink->error(ai->sink, err);
}

/*
 * Read archive path, or (path NULL) the archive on fd whose first
 * headlen bytes are at head.
 */
static enum nc_status read_archive(const char *path, int fd,
				   const struct buf *head, const char *name,
				   struct input_sink *sink)
{
	struct archive_input ai = { sink, name, BUF_INIT };
	struct arc_reader_ops ops = { NULL, archive_entry, archive_problem, 1,
				      archive_more };
	struct arc_limits lim;
	enum nc_status s;

	arc_limits_set(&lim, (long long)sink->max_size, sink->max_total);
	if (web_is_wacz(name))
		ops.want = wacz_want;
	if (path)
		s = arc_read(path, NULL, 0, name, &lim, &ops, &ai);
	else
		s = arc_read_fd(fd, head->s, head->len, name, &lim, &ops, &ai);
	buf_release(&ai.name);
	return s;
}

/*
 * A WARC file is handed over mapped, not read: it may be far larger than
 * an article, and the WARC reader holds one record at a time (web.h).
 * fd is a regular file.
 */
static enum nc_status read_mapped(int fd, const char *path,
				  struct input_sink *sink)
{
	struct nc_error err = { 0 };
	struct stat sb;
	enum nc_status s;
	void *map;

	if (fstat(fd, &sb) < 0 || !sb.st_size)
		return sink->file(sink, path, (const unsigned char *)"", 0,
				  NULL);
	map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		nc_fail(&err, NC_ENOENT, "'%s': %s", path, strerror(errno));
		sink->error(sink, &err);
		return NC_OK;
	}
	s = sink->file(sink, path, map, (size_t)sb.st_size, NULL);
	munmap(map, (size_t)sb.st_size);
	return s;
}

/*
 * Read one file (path, or standard input when path is NULL): an archive
 * (known by its first bytes) entry by entry, anything else as one input
 * of up to sink->max_size bytes, with the rest as a stream when it is
 * longer.
 */
static enum nc_status read_file(const char *path, struct input_sink *sink)
{
	const char *name = path ? path : "standard input";
	struct nc_error err = { 0 };
	struct fd_stream rest;
	struct buf b = BUF_INIT;
	enum nc_status s;
	enum web_kind wk = WEB_NONE;
	int fd = 0, more = 0, regular;

	if (path) {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0) {
			nc_fail(&err, NC_ENOENT, "'%s': %s", path,
				strerror(errno));
			sink->error(sink, &err);
			return NC_OK;
		}
	}
	s = not_a_dir(fd, name, &regular, &err);
	if (!s)
		s = read_upto(fd, name, SNIFF_BYTES - 1, &b, &more, &err);
	if (!s)
		wk = web_kind(path ? path : "-", (const unsigned char *)b.s,
			      b.len);
	if (wk == WEB_WARC && regular) {
		s = read_mapped(fd, path ? path : "-", sink);
		close(fd);
		buf_release(&b);
		return s;
	}
	if (!s && wk != WEB_WARC &&
	    arc_sniff((const unsigned char *)b.s, b.len)) {
		/* a regular file is read again by name (zip seeks); a pipe
		 * goes on from the bytes read */
		s = read_archive(regular ? path : NULL, fd, &b, name, sink);
		if (path)
			close(fd);
		buf_release(&b);
		return s;
	}
	if (!s && more)
		s = read_upto(fd, name, sink->max_size, &b, &more, &err);
	if (s) {
		sink->error(sink, &err);
	} else {
		rest = (struct fd_stream){ { fd_stream_read }, fd, name };
		s = sink->file(sink, path ? path : "-",
			       (const unsigned char *)b.s, b.len,
			       more ? &rest.st : NULL);
	}
	if (path)
		close(fd);
	buf_release(&b);
	return s;
}

/* The folders being walked, to refuse a link back to one of them. */
struct walk {
	struct input_sink *sink;
	struct stat *up;
	size_t depth, cap;
};

static enum nc_status walk(struct walk *w, const char *path, int top);

/* Walk a folder: names sorted bytewise, hidden names skipped. */
static enum nc_status read_dir(struct walk *w, const char *path)
{
	struct nc_error err = { 0 };
	char **names = NULL;
	size_t n = 0;
	enum nc_status s = NC_OK;
	struct dirent *de;
	DIR *d = opendir(path);

	if (!d) {
		nc_fail(&err, NC_ENOENT, "'%s': %s", path, strerror(errno));
		w->sink->error(w->sink, &err);
		return NC_OK;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		struct buf child = BUF_INIT;

		if (!s) {
			buf_addf(&child, "%s%s%s", path,
				 path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
			s = walk(w, child.s, 0);
			buf_release(&child);
		}
		free(names[i]);
	}
	free(names);
	return s;
}

/*
 * One path: a folder is walked, a file read. Inside a folder only
 * regular files and folders are read: a FIFO or a device there would
 * block the walk or never end, and a link back to a folder being walked
 * would walk it again without end. Named on the command line (top), a
 * FIFO or a character device is read as the user asked.
 */
static enum nc_status walk(struct walk *w, const char *path, int top)
{
	struct nc_error err = { 0 };
	enum nc_status s;
	struct stat sb;

	if (stat(path, &sb) < 0) {
		nc_fail(&err, NC_ENOENT, "'%s': %s", path, strerror(errno));
		w->sink->error(w->sink, &err);
		return NC_OK;
	}
	if (S_ISDIR(sb.st_mode)) {
		for (size_t i = 0; i < w->depth; i++)
			if (w->up[i].st_dev == sb.st_dev &&
			    w->up[i].st_ino == sb.st_ino) {
				nc_fail(&err, NC_EDATA, "'%s': a link to a "
					"folder above it, skipped", path);
				w->sink->error(w->sink, &err);
				return NC_OK;
			}
		if (w->depth == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 16;
			w->up = xrealloc(w->up, w->cap * sizeof(*w->up));
		}
		w->up[w->depth++] = sb;
		s = read_dir(w, path);
		w->depth--;
		return s;
	}
	if (!S_ISREG(sb.st_mode) &&
	    (!top || (!S_ISFIFO(sb.st_mode) && !S_ISCHR(sb.st_mode)))) {
		nc_fail(&err, NC_EDATA, "'%s': not a regular file, skipped",
			path);
		w->sink->error(w->sink, &err);
		return NC_OK;
	}
	return read_file(path, w->sink);
}

enum nc_status input_read(const char *path, struct input_sink *sink)
{
	struct walk w = { sink, NULL, 0, 0 };
	enum nc_status s;

	if (!strcmp(path, "-"))
		return read_file(NULL, sink);
	s = walk(&w, path, 1);
	free(w.up);
	return s;
}
