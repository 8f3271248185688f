/*
 * archive.h - reading and writing archives with libarchive.
 *
 * Writing is deterministic: the caller adds entries in the order it wants
 * (sorted), each with a fixed owner (0/0, no names), mode 0644 and the mtime
 * it gives; compressed streams carry no timestamp or file name. WARC output
 * is written one gzip member per record, as .warc.gz readers expect.
 *
 * Reading treats the archive as hostile input: entries are read into
 * memory, never extracted; the caps on entry size and on the total
 * expanded size hold while reading (no entry is read past its cap); links,
 * devices, folders, absolute paths and paths with a ".." component are
 * skipped and reported.
 */
#ifndef NEWSCTL_ARCHIVE_H
#define NEWSCTL_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "stream.h"

enum arc_format {
	ARC_TAR_ZST,
	ARC_TAR_GZ,
	ARC_TAR_XZ,
	ARC_TAR,
	ARC_ZIP,
	ARC_WARC_GZ,
};

/* The format a file name asks for by its suffix, or -1. */
int arc_format_from_name(const char *name);

struct arc_writer;

/*
 * Start an archive of format fmt written to fd (which stays open and
 * owned by the caller). name is used in messages.
 */
enum nc_status arc_writer_open(struct arc_writer **out, int fd,
			       enum arc_format fmt, const char *name,
			       struct nc_error *err);
/*
 * Add a regular file path holding len bytes of data, with mtime in Unix
 * seconds. Not for ARC_WARC_GZ.
 */
enum nc_status arc_writer_add(struct arc_writer *w, const char *path,
			      const void *data, size_t len, int64_t mtime,
			      struct nc_error *err);
/*
 * The same in pieces, for an entry too large to hold: begin with its
 * size, write exactly size bytes in any pieces, end.
 */
enum nc_status arc_writer_begin(struct arc_writer *w, const char *path,
				uint64_t size, int64_t mtime,
				struct nc_error *err);
enum nc_status arc_writer_write(struct arc_writer *w, const void *data,
				size_t len, struct nc_error *err);
enum nc_status arc_writer_end(struct arc_writer *w, struct nc_error *err);
/*
 * ARC_WARC_GZ only: one record in its own gzip member. headers holds the
 * named fields, each ending in CRLF, without the version line and without
 * Content-Length, which are added.
 */
enum nc_status arc_writer_record(struct arc_writer *w, const char *headers,
				 const void *data, size_t len,
				 struct nc_error *err);
/* Finish the archive (all data written to fd); frees w either way. */
enum nc_status arc_writer_close(struct arc_writer *w, struct nc_error *err);
/* Free w after a failure, without finishing. */
void arc_writer_abort(struct arc_writer *w);

/*
 * Caps on what reading may expand to. The budget of an archive is the
 * bytes of the entries it reads, those over max_entry included (they are
 * expanded to be skipped all the same): reading stops once
 * they pass max_total and (unless max_ratio is 0) are more than
 * max_ratio times the compressed bytes read, as a bomb's are. A user's
 * --max-total sets max_ratio to 0: the total alone then counts.
 */
struct arc_limits {
	uint64_t max_entry;	/* bytes of one entry */
	uint64_t max_total;	/* bytes of all entries read */
	unsigned max_ratio;	/* expanded / compressed, past max_total */
};

#define ARC_DEFAULT_MAX_TOTAL (4ULL << 30)
#define ARC_DEFAULT_MAX_RATIO 200

/*
 * Limits from --max-size and --max-total (negative when not given: the
 * default total with the ratio; given, the total alone).
 */
void arc_limits_set(struct arc_limits *lim, long long max_entry,
		    long long max_total);

struct arc_reader_ops {
	/* Whether to read entry name (NULL: every entry). */
	int (*want)(void *ctx, const char *name);
	/*
	 * One regular-file entry of len bytes, valid during the call.
	 * Return NC_OK to go on; another status stops the reading and is
	 * returned by arc_read().
	 */
	enum nc_status (*entry)(void *ctx, const char *name,
				const unsigned char *data, size_t len);
	/* A skipped entry, or a damaged archive (the reading then ends). */
	void (*problem)(void *ctx, const struct nc_error *err);
	/* Accept a compressed single file (gzip, zstd...) as one entry. */
	int allow_raw;
	/*
	 * An entry over max_entry: its first max_entry + 1 bytes in data and
	 * the rest to read from rest, during the call (NULL: such entries
	 * are skipped and reported). A failed read of rest leaves the
	 * archive; its error is the caller's to report.
	 */
	enum nc_status (*more)(void *ctx, const char *name,
			       const unsigned char *data, size_t len,
			       struct stream *rest);
};

/*
 * Read the archive at path (or, when path is NULL, the len bytes at mem;
 * name is used in messages either way). Problems go to ops->problem and
 * NC_OK is returned; only a status returned by ops->entry stops it
 * otherwise.
 */
enum nc_status arc_read(const char *path, const void *mem, size_t len,
			const char *name, const struct arc_limits *lim,
			const struct arc_reader_ops *ops, void *ctx);

/*
 * The same for an archive read from fd (a pipe: standard input) whose
 * first headlen bytes, already read, are at head.
 */
enum nc_status arc_read_fd(int fd, const void *head, size_t headlen,
			   const char *name, const struct arc_limits *lim,
			   const struct arc_reader_ops *ops, void *ctx);

/*
 * NC_ENOENT ("'PATH': cannot open: why") when the file at path cannot be
 * opened for reading: a missing archive is not a damaged one.
 */
enum nc_status arc_openable(const char *path, struct nc_error *err);

/*
 * Whether the first len bytes of a file look like an archive or a
 * compressed stream that arc_read() reads (tar, zip, WARC, gzip, bzip2,
 * xz, zstd, lz4).
 */
int arc_sniff(const unsigned char *head, size_t len);

#endif
