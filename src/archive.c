/*
 * archive.c - libarchive reading and writing; see archive.h.
 *
 * Writing follows bsdtar's call order (archive_write_new, add filter, set
 * format, options, open, then header and data per entry, close) and checks
 * every return against libarchive's ladder: ARCHIVE_OK and ARCHIVE_WARN go
 * on, ARCHIVE_FAILED and ARCHIVE_FATAL end the archive with an error.
 */
#include "archive.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <zstd.h>

#include "buf.h"

#define RATIO_FLOOR (1u << 20)
#define READ_CHUNK 65536

static const struct {
	const char *suffix;
	enum arc_format fmt;
} suffixes[] = {
	{ ".tar.zst", ARC_TAR_ZST }, { ".tzst", ARC_TAR_ZST },
	{ ".tar.gz", ARC_TAR_GZ }, { ".tgz", ARC_TAR_GZ },
	{ ".tar.xz", ARC_TAR_XZ }, { ".txz", ARC_TAR_XZ },
	{ ".tar", ARC_TAR }, { ".zip", ARC_ZIP },
	{ ".warc.gz", ARC_WARC_GZ },
};

int arc_format_from_name(const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t n = strlen(suffixes[i].suffix);

		if (len > n && !strcmp(name + len - n, suffixes[i].suffix))
			return (int)suffixes[i].fmt;
	}
	return -1;
}

/*
 * tar.zst is compressed here rather than by libarchive's zstd filter, so
 * that zstd can use worker threads (2, fixed: the output depends on
 * whether workers are used, not on how many run).
 */
#define ZSTD_LEVEL 3
#define ZSTD_WORKERS 2

struct arc_writer {
	struct archive *a;	/* NULL for WARC */
	struct archive_entry *entry;
	enum arc_format fmt;
	int fd;
	char *name;
	struct buf member;	/* WARC: one compressed record */
	ZSTD_CCtx *zc;		/* tar.zst */
	struct buf zout;
	int werrno;		/* errno of the first failed write, or 0 */
};

static int write_all(int fd, const char *p, size_t len);

/* Compress len bytes (or finish the frame when end is set) to w->fd. */
static int zstd_push(struct arc_writer *w, const void *data, size_t len,
		     int end)
{
	ZSTD_inBuffer in = { data, len, 0 };
	size_t left;

	do {
		ZSTD_outBuffer out = { w->zout.s, w->zout.cap - 1, 0 };

		left = ZSTD_compressStream2(w->zc, &out, &in,
					    end ? ZSTD_e_end : ZSTD_e_continue);
		if (ZSTD_isError(left)) {
			errno = EIO;
			return -1;
		}
		if (out.pos && write_all(w->fd, w->zout.s, out.pos))
			return -1;
	} while (end ? left != 0 : in.pos < in.size);
	return 0;
}

/*
 * libarchive's output callbacks. A failed write is kept in w->werrno and
 * reported by arc_writer_add() and arc_writer_close(); libarchive is told
 * the bytes were taken, because once a callback fails it stops closing
 * its filters and leaks their state. Nothing more is written after the
 * first failure.
 */
static la_ssize_t fd_write(struct archive *a, void *ctx, const void *data,
			   size_t len)
{
	struct arc_writer *w = ctx;

	(void)a;
	if (!w->werrno && write_all(w->fd, data, len))
		w->werrno = errno ? errno : EIO;
	return (la_ssize_t)len;
}

static la_ssize_t zstd_write(struct archive *a, void *ctx, const void *data,
			     size_t len)
{
	struct arc_writer *w = ctx;

	(void)a;
	if (!w->werrno && zstd_push(w, data, len, 0))
		w->werrno = errno ? errno : EIO;
	return (la_ssize_t)len;
}

/* The end of the frame: most of the output, with workers. */
static int zstd_close(struct archive *a, void *ctx)
{
	struct arc_writer *w = ctx;

	(void)a;
	if (!w->werrno && zstd_push(w, NULL, 0, 1))
		w->werrno = errno ? errno : EIO;
	return ARCHIVE_OK;
}

/* Set up w->zc; 0 or -1. */
static int zstd_setup(struct arc_writer *w)
{
	w->zc = ZSTD_createCCtx();
	if (!w->zc ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(w->zc,
			 ZSTD_c_compressionLevel, ZSTD_LEVEL)) ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(w->zc, ZSTD_c_checksumFlag,
						1)))
		return -1;
	/* without thread support this fails and zstd works alone */
	ZSTD_CCtx_setParameter(w->zc, ZSTD_c_nbWorkers, ZSTD_WORKERS);
	buf_grow(&w->zout, ZSTD_CStreamOutSize());
	return 0;
}

/* The message of a failed libarchive call, naming the archive. */
static enum nc_status lib_error(struct archive *a, const char *name,
				const char *what, struct nc_error *err)
{
	const char *msg = a ? archive_error_string(a) : NULL;
	int e = a ? archive_errno(a) : 0;
	enum nc_status code = NC_EIO;

	if (!msg)
		msg = e ? strerror(e) : "unknown error";
	if (e == ENOMEM)
		code = NC_ESOFTWARE;
	return nc_fail(err, code, "'%s': %s: %s", name, what, msg);
}

/* The error of the first failed write to the archive file. */
static enum nc_status write_error(const struct arc_writer *w,
				  struct nc_error *err)
{
	return nc_fail(err, NC_EIO, "'%s': cannot write: %s", w->name,
		       strerror(w->werrno));
}

#define ARC_BLOCK (256 * 1024)

/* Set the filter, format and options of a new tar or zip writer. */
static int setup(struct archive *a, enum arc_format fmt)
{
	int r = ARCHIVE_OK;

	switch (fmt) {
	case ARC_TAR_GZ:
		r = archive_write_add_filter_gzip(a);
		if (r >= ARCHIVE_WARN)
			r = archive_write_set_filter_option(a, "gzip",
				"timestamp", NULL);
		if (r >= ARCHIVE_WARN)
			r = archive_write_set_filter_option(a, "gzip",
				"compression-level", "6");
		break;
	case ARC_TAR_XZ:
		r = archive_write_add_filter_xz(a);
		if (r >= ARCHIVE_WARN)
			r = archive_write_set_filter_option(a, "xz",
				"threads", "1");
		break;
	case ARC_TAR_ZST:	/* compressed by zstd_write() */
	case ARC_TAR:
	case ARC_ZIP:
		r = archive_write_add_filter_none(a);
		break;
	case ARC_WARC_GZ:
		return ARCHIVE_FATAL;
	}
	if (r < ARCHIVE_WARN)
		return r;
	if (fmt == ARC_ZIP) {
		r = archive_write_set_format_zip(a);
	} else {
		/* restricted pax: plain ustar headers, pax ones only for
		 * names ustar cannot hold (long or UTF-8) */
		r = archive_write_set_format_pax_restricted(a);
	}
	if (r < ARCHIVE_WARN)
		return r;
	/* blocks are how much libarchive hands our callbacks at a time,
	 * not part of the format: the last one is not padded */
	r = archive_write_set_bytes_per_block(a, ARC_BLOCK);
	if (r >= ARCHIVE_WARN)
		r = archive_write_set_bytes_in_last_block(a, 1);
	return r;
}

enum nc_status arc_writer_open(struct arc_writer **out, int fd,
			       enum arc_format fmt, const char *name,
			       struct nc_error *err)
{
	struct arc_writer *w = xcalloc(1, sizeof(*w));
	enum nc_status s;

	*out = NULL;
	w->fmt = fmt;
	w->fd = fd;
	w->name = xstrdup(name);
	buf_init(&w->member);
	buf_init(&w->zout);
	if (fmt == ARC_WARC_GZ) {
		*out = w;
		return NC_OK;
	}
	w->a = archive_write_new();
	w->entry = archive_entry_new();
	if (!w->a || !w->entry) {
		s = nc_fail(err, NC_ESOFTWARE, "'%s': cannot start archive",
			    name);
		goto fail;
	}
	if (setup(w->a, fmt) < ARCHIVE_WARN) {
		s = lib_error(w->a, name, "cannot set up archive", err);
		goto fail;
	}
	if (fmt == ARC_TAR_ZST && zstd_setup(w)) {
		s = nc_fail(err, NC_ESOFTWARE, "'%s': cannot set up zstd",
			    name);
		goto fail;
	}
	if ((fmt == ARC_TAR_ZST
	     ? archive_write_open2(w->a, w, NULL, zstd_write, zstd_close,
				   NULL)
	     : archive_write_open2(w->a, w, NULL, fd_write, NULL,
				   NULL)) < ARCHIVE_WARN) {
		s = lib_error(w->a, name, "cannot write", err);
		goto fail;
	}
	*out = w;
	return NC_OK;
fail:
	arc_writer_abort(w);
	return s;
}

enum nc_status arc_writer_add(struct arc_writer *w, const char *path,
			      const void *data, size_t len, int64_t mtime,
			      struct nc_error *err)
{
	struct archive_entry *e = w->entry;
	la_ssize_t n;

	if (!w->a)
		return nc_fail(err, NC_ESOFTWARE, "'%s': not a file archive",
			       w->name);
	if (w->werrno)
		return write_error(w, err);
	archive_entry_clear(e);
	archive_entry_set_pathname_utf8(e, path);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_size(e, (la_int64_t)len);
	archive_entry_set_mtime(e, (time_t)mtime, 0);
	if (archive_write_header(w->a, e) < ARCHIVE_WARN)
		return lib_error(w->a, w->name, "cannot write", err);
	while (len > 0) {
		n = archive_write_data(w->a, data, len);
		if (n <= 0)
			return lib_error(w->a, w->name, "cannot write", err);
		data = (const char *)data + n;
		len -= (size_t)n;
	}
	if (archive_write_finish_entry(w->a) < ARCHIVE_WARN)
		return lib_error(w->a, w->name, "cannot write", err);
	return w->werrno ? write_error(w, err) : NC_OK;
}

/* libarchive's output callback for a WARC member: append to a buf. */
static la_ssize_t member_write(struct archive *a, void *ctx,
			       const void *data, size_t len)
{
	buf_add(ctx, data, len);
	return (la_ssize_t)len;
}

/* Write all of len bytes to fd. */
static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Compress text (len bytes) into w->member as one gzip member. */
static enum nc_status gzip_member(struct arc_writer *w, const char *text,
				  size_t len, struct nc_error *err)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	enum nc_status s = NC_OK;

	buf_reset(&w->member);
	if (!a || !e) {
		s = nc_fail(err, NC_ESOFTWARE, "'%s': cannot start archive",
			    w->name);
		goto out;
	}
	if (archive_write_add_filter_gzip(a) < ARCHIVE_WARN ||
	    archive_write_set_filter_option(a, "gzip", "timestamp",
					    NULL) < ARCHIVE_WARN ||
	    archive_write_set_format_raw(a) < ARCHIVE_WARN ||
	    archive_write_set_bytes_per_block(a, 0) < ARCHIVE_WARN ||
	    archive_write_open2(a, &w->member, NULL, member_write, NULL,
				NULL) < ARCHIVE_WARN) {
		s = lib_error(a, w->name, "cannot set up compression", err);
		goto out;
	}
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_size(e, (la_int64_t)len);
	if (archive_write_header(a, e) < ARCHIVE_WARN ||
	    (len && archive_write_data(a, text, len) != (la_ssize_t)len) ||
	    archive_write_close(a) < ARCHIVE_WARN)
		s = lib_error(a, w->name, "cannot compress", err);
out:
	archive_entry_free(e);
	if (a)
		archive_write_free(a);
	return s;
}

enum nc_status arc_writer_record(struct arc_writer *w, const char *headers,
				 const void *data, size_t len,
				 struct nc_error *err)
{
	struct buf rec = BUF_INIT;
	enum nc_status s;

	if (w->a)
		return nc_fail(err, NC_ESOFTWARE, "'%s': not a WARC file",
			       w->name);
	buf_adds(&rec, "WARC/1.0\r\n");
	buf_adds(&rec, headers);
	buf_addf(&rec, "Content-Length: %zu\r\n\r\n", len);
	buf_add(&rec, data, len);
	buf_adds(&rec, "\r\n\r\n");
	s = gzip_member(w, rec.s, rec.len, err);
	buf_release(&rec);
	if (s)
		return s;
	if (write_all(w->fd, w->member.s, w->member.len))
		return nc_fail(err, NC_EIO, "'%s': cannot write: %s", w->name,
			       strerror(errno));
	return NC_OK;
}

enum nc_status arc_writer_close(struct arc_writer *w, struct nc_error *err)
{
	enum nc_status s = NC_OK;

	if (w->a && archive_write_close(w->a) < ARCHIVE_WARN)
		s = lib_error(w->a, w->name, "cannot write", err);
	else if (w->werrno)
		s = write_error(w, err);
	arc_writer_abort(w);
	return s;
}

void arc_writer_abort(struct arc_writer *w)
{
	if (!w)
		return;
	if (w->a)
		archive_write_free(w->a);
	archive_entry_free(w->entry);
	ZSTD_freeCCtx(w->zc);
	buf_release(&w->zout);
	buf_release(&w->member);
	free(w->name);
	free(w);
}

/* Reading. */

int arc_sniff(const unsigned char *h, size_t len)
{
	static const struct {
		size_t off;
		const char *magic;
		size_t n;
	} magics[] = {
		{ 0, "\x1f\x8b", 2 },			/* gzip */
		{ 0, "BZh", 3 },			/* bzip2 */
		{ 0, "\xfd" "7zXZ\0", 6 },		/* xz */
		{ 0, "\x28\xb5\x2f\xfd", 4 },		/* zstd */
		{ 0, "\x04\x22\x4d\x18", 4 },		/* lz4 */
		{ 0, "PK\x03\x04", 4 },			/* zip */
		{ 0, "PK\x05\x06", 4 },			/* empty zip */
		{ 0, "WARC/", 5 },			/* WARC */
		{ 257, "ustar", 5 },			/* tar */
	};

	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (len >= magics[i].off + magics[i].n &&
		    !memcmp(h + magics[i].off, magics[i].magic, magics[i].n))
			return 1;
	return 0;
}

/* Whether an entry path is safe to name: relative, no ".." component. */
static int safe_path(const char *p)
{
	if (!*p || *p == '/')
		return 0;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		p += n;
		while (*p == '/')
			p++;
	}
	return 1;
}

struct reader {
	struct archive *a;
	const char *name;
	const struct arc_limits *lim;
	const struct arc_reader_ops *ops;
	void *ctx;
	uint64_t total;		/* bytes of entries read so far */
};

static void problem(struct reader *r, enum nc_status code, const char *fmt,
		    const char *entry, const char *detail)
{
	struct nc_error err = { 0 };

	nc_fail(&err, code, fmt, r->name, entry, detail);
	r->ops->problem(r->ctx, &err);
}

/*
 * Read the current entry's data into b, enforcing the caps. Returns 0,
 * 1 when the entry is skipped (too big) or -1 when the archive must be
 * left (damaged, over the total, absurd ratio); both reported.
 */
static int read_entry(struct reader *r, const char *path, struct buf *b)
{
	char detail[160];

	for (;;) {
		const void *block;
		size_t n;
		la_int64_t packed, offset;
		int rc;

		/*
		 * Blocks, not archive_read_data(): a hole before a block is
		 * zeros (sparse files), but an empty last block past the
		 * data (as the WARC reader gives) adds nothing.
		 */
		rc = archive_read_data_block(r->a, &block, &n, &offset);
		if (rc == ARCHIVE_EOF)
			return 0;
		if (rc < ARCHIVE_WARN || offset < 0 ||
		    (uint64_t)offset > r->lim->max_entry) {
			problem(r, NC_EDATA, "'%s': damaged or truncated "
				"archive at '%s': %s", path,
				archive_error_string(r->a) ?
				archive_error_string(r->a) : "read error");
			return -1;
		}
		if (n && (size_t)offset > b->len) {
			size_t hole = (size_t)offset - b->len;

			buf_grow(b, hole);
			memset(b->s + b->len, 0, hole);
			b->len += hole;
			r->total += hole;
		}
		if (n && (size_t)offset < b->len)
			buf_setlen(b, (size_t)offset);
		buf_add(b, block, n);
		r->total += (uint64_t)n;
		if (b->len > r->lim->max_entry) {
			snprintf(detail, sizeof(detail), "%llu",
				 (unsigned long long)r->lim->max_entry);
			problem(r, NC_ETOOBIG, "'%s!%s': over the size limit "
				"of %s bytes (see --max-size), skipped", path,
				detail);
			return archive_read_data_skip(r->a) < ARCHIVE_WARN
				? -1 : 1;
		}
		if (r->total > r->lim->max_total) {
			snprintf(detail, sizeof(detail), "%llu",
				 (unsigned long long)r->lim->max_total);
			problem(r, NC_ETOOBIG, "'%s': expands past '%s' over "
				"the total limit of %s bytes (see --max-total)",
				path, detail);
			return -1;
		}
		packed = archive_filter_bytes(r->a, -1);
		if (r->total > RATIO_FLOOR && packed > 0 &&
		    r->total / (uint64_t)packed > r->lim->max_ratio) {
			snprintf(detail, sizeof(detail), "%llu:1 at '%s'",
				 (unsigned long long)(r->total /
						      (uint64_t)packed), path);
			problem(r, NC_EDATA, "'%s': compression ratio over "
				"the limit (%s%s); refused as a bomb", "",
				detail);
			return -1;
		}
	}
}

/* Open a libarchive reader with the formats and filters we accept. */
static struct archive *reader_new(int allow_raw)
{
	struct archive *a = archive_read_new();

	if (!a)
		return NULL;
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_lzma(a);
	archive_read_support_filter_zstd(a);
	archive_read_support_filter_lz4(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_warc(a);
	archive_read_support_format_cpio(a);
	if (allow_raw)
		archive_read_support_format_raw(a);
	return a;
}

enum nc_status arc_read(const char *path, const void *mem, size_t len,
			const char *name, const struct arc_limits *lim,
			const struct arc_reader_ops *ops, void *ctx)
{
	struct reader r = { .name = name, .lim = lim, .ops = ops, .ctx = ctx };
	struct archive_entry *e;
	struct buf b = BUF_INIT;
	enum nc_status s = NC_OK;
	int rc;

	r.a = reader_new(ops->allow_raw);
	if (!r.a) {
		problem(&r, NC_ESOFTWARE, "'%s': cannot read archive%s%s", "",
			"");
		return NC_OK;
	}
	rc = path ? archive_read_open_filename(r.a, path, READ_CHUNK)
		: archive_read_open_memory(r.a, mem, len);
	if (rc < ARCHIVE_WARN) {
		problem(&r, NC_EDATA, "'%s': not a readable archive%s: %s", "",
			archive_error_string(r.a) ? archive_error_string(r.a)
			: "unknown format");
		goto out;
	}
	for (;;) {
		const char *p;
		int kind;

		rc = archive_read_next_header(r.a, &e);
		if (rc == ARCHIVE_EOF)
			break;
		if (rc < ARCHIVE_WARN) {
			problem(&r, NC_EDATA, "'%s': damaged or truncated "
				"archive%s: %s", "", archive_error_string(r.a)
				? archive_error_string(r.a) : "read error");
			break;
		}
		p = archive_entry_pathname_utf8(e);
		if (!p)
			p = archive_entry_pathname(e);
		if (!p)
			p = "";
		if (archive_format(r.a) == ARCHIVE_FORMAT_RAW)
			p = "data";
		kind = archive_entry_filetype(e);
		if (kind == AE_IFDIR)
			continue;
		if (kind != AE_IFREG || archive_entry_hardlink(e)) {
			problem(&r, NC_EDATA, "'%s!%s': %s, skipped", p,
				archive_entry_symlink(e) ? "a symbolic link"
				: archive_entry_hardlink(e) ? "a hard link"
				: "not a regular file");
			continue;
		}
		if (!safe_path(p)) {
			problem(&r, NC_EDATA, "'%s!%s': %s, skipped", p,
				*p == '/' ? "an absolute path"
				: "a path outside the archive");
			continue;
		}
		if (ops->want && !ops->want(ctx, p))
			continue;
		buf_reset(&b);
		rc = read_entry(&r, p, &b);
		if (rc < 0)
			break;
		if (rc > 0)
			continue;
		s = ops->entry(ctx, p, (const unsigned char *)b.s, b.len);
		if (s)
			break;
	}
out:
	buf_release(&b);
	archive_read_free(r.a);
	return s;
}
