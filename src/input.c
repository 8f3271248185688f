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

/* Read all of fd into *data; name is used in messages. */
static enum nc_status read_fd(int fd, const char *name, size_t max,
			      unsigned char **data, size_t *len,
			      struct nc_error *err)
{
	struct buf b = BUF_INIT;
	struct stat sb;

	if (fstat(fd, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return nc_fail(err, NC_EDATA, "'%s': is a directory, "
				       "not a file", name);
		if (S_ISREG(sb.st_mode) && (unsigned long long)sb.st_size > max)
			return nc_fail(err, NC_ETOOBIG, "'%s': %lld bytes, over "
				       "the size limit of %zu (see --max-size)",
				       name, (long long)sb.st_size, max);
		if (S_ISREG(sb.st_mode))
			buf_grow(&b, (size_t)sb.st_size);
	}
	for (;;) {
		ssize_t n;

		buf_grow(&b, 65536);
		n = read(fd, b.s + b.len, b.cap - b.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			buf_release(&b);
			return nc_fail(err, e == EISDIR ? NC_EDATA : NC_ENOENT,
				       "'%s': %s", name, e == EISDIR ?
				       "is a directory, not a file" : strerror(e));
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		if (b.len > max) {
			buf_release(&b);
			return nc_fail(err, NC_ETOOBIG, "'%s': over the size "
				       "limit of %zu bytes (see --max-size)",
				       name, max);
		}
	}
	*data = (unsigned char *)buf_detach(&b, len);
	return NC_OK;
}

enum nc_status input_slurp(const char *path, size_t max, unsigned char **data,
			   size_t *len, struct nc_error *err)
{
	enum nc_status s;
	int fd;

	if (!strcmp(path, "-"))
		return read_fd(0, "standard input", max, data, len, err);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return nc_fail(err, NC_ENOENT, "'%s': %s", path, strerror(errno));
	s = read_fd(fd, path, max, data, len, err);
	close(fd);
	return s;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Archives (tar, zip, WARC, compressed streams: see archive.h), found by
 * their first bytes: each regular-file entry is one input named
 * "archive!entry". Entries are capped at sink->max_size.
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

static enum nc_status archive_entry(void *ctx, const char *name,
				    const unsigned char *data, size_t len)
{
	struct archive_input *ai = ctx;

	buf_reset(&ai->name);
	buf_addf(&ai->name, "%s!%s", ai->archive, name);
	return ai->sink->file(ai->sink, ai->name.s, data, len);
}

static void archive_problem(void *ctx, const struct nc_error *err)
{
	struct archive_input *ai = ctx;

	ai->sink->error(ai->sink, err);
}

/* Read archive path (or the len bytes at mem when path is NULL). */
static enum nc_status read_archive(const char *path, const char *name,
				   const unsigned char *mem, size_t len,
				   struct input_sink *sink)
{
	struct archive_input ai = { sink, name, BUF_INIT };
	struct arc_reader_ops ops = { NULL, archive_entry, archive_problem, 1 };
	struct arc_limits lim = { sink->max_size, ARC_DEFAULT_MAX_TOTAL,
				  ARC_DEFAULT_MAX_RATIO };
	enum nc_status s;

	if (web_is_wacz(name))
		ops.want = wacz_want;
	s = arc_read(path, mem, len, name, &lim, &ops, &ai);
	buf_release(&ai.name);
	return s;
}

/*
 * A WARC file is handed over mapped, not read: it may be far larger than
 * an article, and the WARC reader holds one record at a time (web.h).
 */
static enum nc_status read_mapped(int fd, const char *path,
				  struct input_sink *sink)
{
	struct nc_error err = { 0 };
	struct stat sb;
	enum nc_status s;
	void *map;

	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || !sb.st_size)
		return sink->file(sink, path, (const unsigned char *)"", 0);
	map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED) {
		nc_fail(&err, NC_ENOENT, "'%s': %s", path, strerror(errno));
		sink->error(sink, &err);
		return NC_OK;
	}
	s = sink->file(sink, path, map, (size_t)sb.st_size);
	munmap(map, (size_t)sb.st_size);
	return s;
}

/*
 * Read one file: an archive (known by its first bytes) entry by entry,
 * anything else whole. The file is opened once; the first bytes are read
 * with pread() so that the whole-file read still starts at offset 0.
 */
static enum nc_status read_file(const char *path, struct input_sink *sink)
{
	struct nc_error err = { 0 };
	unsigned char *data, head[512];
	enum nc_status s;
	size_t len;
	ssize_t n;
	int fd;

	if (!strcmp(path, "-")) {
		if (input_slurp(path, sink->max_size, &data, &len, &err)) {
			sink->error(sink, &err);
			return NC_OK;
		}
		if (arc_sniff(data, len) &&
		    web_kind(path, data, len) != WEB_WARC)
			s = read_archive(NULL, "standard input", data, len, sink);
		else
			s = sink->file(sink, path, data, len);
		free(data);
		return s;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		nc_fail(&err, NC_ENOENT, "'%s': %s", path, strerror(errno));
		sink->error(sink, &err);
		return NC_OK;
	}
	n = pread(fd, head, sizeof(head), 0);
	if (n > 0 && web_kind(path, head, (size_t)n) == WEB_WARC) {
		s = read_mapped(fd, path, sink);
		close(fd);
		return s;
	}
	if (n > 0 && arc_sniff(head, (size_t)n)) {
		close(fd);
		return read_archive(path, path, NULL, 0, sink);
	}
	s = read_fd(fd, path, sink->max_size, &data, &len, &err);
	close(fd);
	if (s) {
		sink->error(sink, &err);
		return NC_OK;
	}
	s = sink->file(sink, path, data, len);
	free(data);
	return s;
}

/* Walk a folder: names sorted bytewise, hidden names skipped. */
static enum nc_status read_dir(const char *path, struct input_sink *sink)
{
	struct nc_error err = { 0 };
	char **names = NULL;
	size_t n = 0;
	enum nc_status s = NC_OK;
	struct dirent *de;
	DIR *d = opendir(path);

	if (!d) {
		nc_fail(&err, NC_ENOENT, "'%s': %s", path, strerror(errno));
		sink->error(sink, &err);
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
			s = input_read(child.s, sink);
			buf_release(&child);
		}
		free(names[i]);
	}
	free(names);
	return s;
}

enum nc_status input_read(const char *path, struct input_sink *sink)
{
	struct nc_error err = { 0 };
	struct stat sb;

	if (!strcmp(path, "-"))
		return read_file(path, sink);
	if (stat(path, &sb) < 0) {
		nc_fail(&err, NC_ENOENT, "'%s': %s", path, strerror(errno));
		sink->error(sink, &err);
		return NC_OK;
	}
	if (S_ISDIR(sb.st_mode))
		return read_dir(path, sink);
	if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode) &&
	    !S_ISCHR(sb.st_mode)) {
		nc_fail(&err, NC_EDATA, "'%s': not a regular file", path);
		sink->error(sink, &err);
		return NC_OK;
	}
	return read_file(path, sink);
}
