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
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <zstd.h>

#include "buf.h"
#include "stream.h"

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

enum nc_status arc_writer_begin(struct arc_writer *w, const char *path,
				uint64_t size, int64_t mtime,
				struct nc_error *err)
{
	struct archive_entry *e = w->entry;

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
	archive_entry_set_size(e, (la_int64_t)size);
	archive_entry_set_mtime(e, (time_t)mtime, 0);
	if (archive_write_header(w->a, e) < ARCHIVE_WARN)
		return lib_error(w->a, w->name, "cannot write", err);
	return NC_OK;
}

enum nc_status arc_writer_write(struct arc_writer *w, const void *data,
				size_t len, struct nc_error *err)
{
	la_ssize_t n;

	while (len > 0) {
		n = archive_write_data(w->a, data, len);
		if (n <= 0)
			return lib_error(w->a, w->name, "cannot write", err);
		data = (const char *)data + n;
		len -= (size_t)n;
	}
	return NC_OK;
}

enum nc_status arc_writer_end(struct arc_writer *w, struct nc_error *err)
{
	if (archive_write_finish_entry(w->a) < ARCHIVE_WARN)
		return lib_error(w->a, w->name, "cannot write", err);
	return w->werrno ? write_error(w, err) : NC_OK;
}

enum nc_status arc_writer_add(struct arc_writer *w, const char *path,
			      const void *data, size_t len, int64_t mtime,
			      struct nc_error *err)
{
	enum nc_status s = arc_writer_begin(w, path, len, mtime, err);

	if (!s)
		s = arc_writer_write(w, data, len, err);
	if (!s)
		s = arc_writer_end(w, err);
	return s;
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

void arc_limits_set(struct arc_limits *lim, long long max_entry,
		    long long max_total)
{
	lim->max_entry = (uint64_t)max_entry;
	lim->max_total = max_total < 0 ? ARC_DEFAULT_MAX_TOTAL
		: (uint64_t)max_total;
	lim->max_ratio = max_total < 0 ? ARC_DEFAULT_MAX_RATIO : 0;
}

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
	/* the current entry: its data block not yet handed out */
	const char *path;
	const char *blk;
	size_t blen;
	uint64_t boff;		/* where blk starts in the entry */
	uint64_t out;		/* bytes of the entry handed out so far */
	int end;		/* the entry's data is all handed out */
	int failed;		/* damaged or over budget: leave the archive */
	/* standard input or a pipe, after its first bytes */
	int fd;
	const unsigned char *head;
	size_t headlen;
	unsigned char *inbuf;
};

static void problem(struct reader *r, enum nc_status code, const char *fmt,
		    const char *entry, const char *detail)
{
	struct nc_error err = { 0 };

	nc_fail(&err, code, fmt, r->name, entry, detail);
	r->ops->problem(r->ctx, &err);
}

/*
 * Whether the bytes read so far are over the budget: past max_total, and
 * (unless max_ratio is 0) more than max_ratio times the compressed bytes
 * read, as a bomb expands. A plain archive of large articles, or
 * newsctl's own export of repetitive text, stays under one or the other.
 */
static int over_budget(struct reader *r, struct nc_error *err)
{
	la_int64_t packed;
	uint64_t ratio;
	char detail[64];

	if (r->total <= r->lim->max_total)
		return 0;
	snprintf(detail, sizeof(detail), "%llu",
		 (unsigned long long)r->lim->max_total);
	if (!r->lim->max_ratio) {
		nc_fail(err, NC_ETOOBIG, "'%s': expands past '%s' over the "
			"total limit of %s bytes (see --max-total)", r->name,
			r->path, detail);
		return 1;
	}
	packed = archive_filter_bytes(r->a, -1);
	ratio = packed > 0 ? r->total / (uint64_t)packed : r->total;
	if (ratio <= r->lim->max_ratio)
		return 0;
	nc_fail(err, NC_ETOOBIG, "'%s': expands past '%s' over %s bytes, "
		"%llu times its compressed size; refused as a bomb (see "
		"--max-total)", r->name, r->path, detail,
		(unsigned long long)ratio);
	return 1;
}

/*
 * Read up to n bytes of the current entry into p: holes (sparse files)
 * as zeros, counted against the budget. Returns the bytes read, 0 at the
 * end of the entry, -1 when the archive is damaged or over the budget
 * (err set, r->failed set: the archive must be left).
 *
 * Blocks, not archive_read_data(): a hole before a block is zeros, but an
 * empty last block past the data (as the WARC reader gives) adds nothing.
 */
static ssize_t entry_data(struct reader *r, void *p, size_t n,
			  struct nc_error *err)
{
	size_t k;

	while (!r->end && !r->blen) {
		const void *block;
		la_int64_t offset;
		int rc = archive_read_data_block(r->a, &block, &r->blen,
						 &offset);

		if (rc == ARCHIVE_EOF) {
			r->end = 1;
			r->blen = 0;
			break;
		}
		if (rc < ARCHIVE_WARN || offset < 0) {
			r->failed = 1;
			nc_fail(err, NC_EDATA, "'%s': damaged or truncated "
				"archive at '%s': %s", r->name, r->path,
				archive_error_string(r->a) ?
				archive_error_string(r->a) : "read error");
			return -1;
		}
		r->blk = block;
		r->boff = (uint64_t)offset;
		if (r->boff < r->out) {	/* overlaps: keep only what is new */
			uint64_t skip = r->out - r->boff;

			skip = skip < r->blen ? skip : r->blen;
			r->blk += skip;
			r->blen -= (size_t)skip;
			r->boff += skip;
		}
	}
	if (r->end || !n)
		return 0;
	if (r->boff > r->out) {		/* a hole */
		uint64_t hole = r->boff - r->out;

		k = hole < n ? (size_t)hole : n;
		memset(p, 0, k);
	} else {
		k = r->blen < n ? r->blen : n;
		memcpy(p, r->blk, k);
		r->blk += k;
		r->blen -= k;
		r->boff += k;
	}
	r->out += k;
	r->total += k;
	if (over_budget(r, err)) {
		r->failed = 1;
		return -1;
	}
	return (ssize_t)k;
}

/*
 * Read the current entry into b, up to max_entry bytes and one more (the
 * cap is enforced while reading). Returns 0 when b holds the whole entry,
 * 1 when more follows, -1 when the archive must be left (reported).
 */
static int read_head(struct reader *r, struct buf *b)
{
	struct nc_error err = { 0 };
	uint64_t cap = r->lim->max_entry + 1;

	for (;;) {
		size_t want = READ_CHUNK;
		ssize_t n;

		if (b->len >= cap)
			return 1;
		if (cap - b->len < want)
			want = (size_t)(cap - b->len);
		buf_grow(b, want);
		n = entry_data(r, b->s + b->len, want, &err);
		if (n < 0) {
			r->ops->problem(r->ctx, &err);
			return -1;
		}
		if (n == 0)
			return 0;
		buf_setlen(b, b->len + (size_t)n);
	}
}

/* Read and drop the rest of the current entry; -1 when it fails. */
static int discard(struct reader *r)
{
	struct nc_error err = { 0 };
	char scratch[READ_CHUNK];
	ssize_t n;

	while ((n = entry_data(r, scratch, sizeof(scratch), &err)) > 0)
		;
	if (n < 0)
		r->ops->problem(r->ctx, &err);
	return n < 0 ? -1 : 0;
}

/* The rest of an entry over max_entry, handed to ops->more. */
struct entry_stream {
	struct stream st;
	struct reader *r;
};

static ssize_t entry_stream_read(struct stream *st, void *p, size_t n,
				 struct nc_error *err)
{
	return entry_data(((struct entry_stream *)st)->r, p, n, err);
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

/* libarchive's input callback for a pipe: the first bytes, then fd. */
static la_ssize_t fd_read(struct archive *a, void *ctx, const void **out)
{
	struct reader *r = ctx;
	ssize_t n;

	if (r->headlen) {
		*out = r->head;
		n = (ssize_t)r->headlen;
		r->headlen = 0;
		return n;
	}
	do
		n = read(r->fd, r->inbuf, READ_CHUNK);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		archive_set_error(a, errno, "%s", strerror(errno));
	*out = r->inbuf;
	return n;
}

/*
 * Skip the entry at the header just read, or say what it is: NULL to
 * read it, else the reason it is skipped (p is its path).
 */
static const char *skip_reason(struct archive_entry *e, const char *p)
{
	int kind = archive_entry_filetype(e);

	if (kind != AE_IFREG || archive_entry_hardlink(e))
		return archive_entry_symlink(e) ? "a symbolic link"
			: archive_entry_hardlink(e) ? "a hard link"
			: "not a regular file";
	if (!safe_path(p))
		return *p == '/' ? "an absolute path"
			: "a path outside the archive";
	return NULL;
}

/* Hand the entry at the header just read (path p) to the caller. */
static enum nc_status read_one(struct reader *r, const char *p, struct buf *b)
{
	const struct arc_reader_ops *ops = r->ops;
	struct entry_stream rest = { { entry_stream_read }, r };
	char detail[32];
	int rc;

	r->path = p;
	r->blen = 0;
	r->out = 0;
	r->end = 0;
	buf_reset(b);
	rc = read_head(r, b);
	if (rc < 0)
		return NC_OK;
	if (rc == 0)
		return ops->entry(r->ctx, p, (const unsigned char *)b->s,
				  b->len);
	if (ops->more) {
		enum nc_status s = ops->more(r->ctx, p,
					     (const unsigned char *)b->s,
					     b->len, &rest.st);

		/* what the caller left unread counts against the budget
		 * too: libarchive would expand it to skip it anyway */
		if (!s && !r->failed)
			discard(r);
		return s;
	}
	snprintf(detail, sizeof(detail), "%llu",
		 (unsigned long long)r->lim->max_entry);
	problem(r, NC_ETOOBIG, "'%s!%s': over the size limit of %s bytes "
		"(see --max-size), skipped", p, detail);
	discard(r);
	return NC_OK;
}

/* Read every entry of the archive r->a has opened. */
static enum nc_status read_entries(struct reader *r)
{
	struct archive_entry *e;
	struct buf b = BUF_INIT;
	enum nc_status s = NC_OK;
	long entries = 0;
	int rc = ARCHIVE_OK;

	while (!s && !r->failed) {
		const char *p, *why;

		rc = archive_read_next_header(r->a, &e);
		if (rc == ARCHIVE_EOF)
			break;
		if (rc < ARCHIVE_WARN) {
			problem(r, NC_EDATA, "'%s': damaged or truncated "
				"archive%s: %s", "", archive_error_string(r->a)
				? archive_error_string(r->a) : "read error");
			break;
		}
		entries++;
		p = archive_entry_pathname_utf8(e);
		if (!p)
			p = archive_entry_pathname(e);
		if (!p)
			p = "";
		if (archive_format(r->a) == ARCHIVE_FORMAT_RAW)
			p = "data";
		if (archive_entry_filetype(e) == AE_IFDIR)
			continue;
		if ((why = skip_reason(e, p))) {
			problem(r, NC_EDATA, "'%s!%s': %s, skipped", p, why);
			continue;
		}
		if (r->ops->want && !r->ops->want(r->ctx, p))
			continue;
		s = read_one(r, p, &b);
	}
	/* a tar whose first 1024 bytes are zeros reads as empty: say so
	 * rather than report nothing at all */
	if (rc == ARCHIVE_EOF && !entries)
		problem(r, NC_EDATA, "'%s': no entries: an empty archive, or "
			"data that starts with zero bytes%s%s", "", "");
	buf_release(&b);
	return s;
}

/* Open r->a on path, the memory at mem, or r->fd; then read it. */
static enum nc_status read_archive(struct reader *r, const char *path,
				   const void *mem, size_t len)
{
	enum nc_status s = NC_OK;
	int rc;

	r->a = reader_new(r->ops->allow_raw);
	if (!r->a) {
		problem(r, NC_ESOFTWARE, "'%s': cannot read archive%s%s", "",
			"");
		return NC_OK;
	}
	if (path)
		rc = archive_read_open_filename(r->a, path, READ_CHUNK);
	else if (mem)
		rc = archive_read_open_memory(r->a, mem, len);
	else
		rc = archive_read_open(r->a, r, NULL, fd_read, NULL);
	if (rc < ARCHIVE_WARN)
		problem(r, NC_EDATA, "'%s': not a readable archive%s: %s", "",
			archive_error_string(r->a) ? archive_error_string(r->a)
			: "unknown format");
	else
		s = read_entries(r);
	archive_read_free(r->a);
	return s;
}

enum nc_status arc_read(const char *path, const void *mem, size_t len,
			const char *name, const struct arc_limits *lim,
			const struct arc_reader_ops *ops, void *ctx)
{
	struct reader r = { .name = name, .lim = lim, .ops = ops, .ctx = ctx,
			    .fd = -1 };

	return read_archive(&r, path, mem ? mem : "", len);
}

enum nc_status arc_read_fd(int fd, const void *head, size_t headlen,
			   const char *name, const struct arc_limits *lim,
			   const struct arc_reader_ops *ops, void *ctx)
{
	struct reader r = { .name = name, .lim = lim, .ops = ops, .ctx = ctx,
			    .fd = fd, .head = head, .headlen = headlen };
	enum nc_status s;

	r.inbuf = xmalloc(READ_CHUNK);
	s = read_archive(&r, NULL, NULL, 0);
	free(r.inbuf);
	return s;
}

enum nc_status arc_openable(const char *path, struct nc_error *err)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return nc_fail(err, NC_ENOENT, "'%s': cannot open: %s", path,
			       strerror(errno));
	close(fd);
	return NC_OK;
}
