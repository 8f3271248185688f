/*
 * warc-read.h - reading WARC files (ISO 28500, WARC 1.0 and 1.1) record by
 * record, on zlib.
 *
 * The file may be plain, one gzip stream, or a gzip member per record (or
 * records split across members: the members are read as one stream). The
 * reader treats the file as hostile: a record's block is read into memory
 * only when its Content-Length is within the cap; a bigger one is skipped
 * without being held. A record that ends before its Content-Length says,
 * or whose block is not followed by the CRLF CRLF that ends a record, is
 * reported and stores nothing; the reader then looks for the next
 * "WARC/" line (plain) or gzip member (compressed) and goes on, so one
 * bad record costs only itself.
 */
#ifndef NEWSCTL_WARC_READ_H
#define NEWSCTL_WARC_READ_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* A record's header block may not be longer than this. */
#define WARC_MAX_HEADER (256u << 10)

/* One record; the strings are "" when the header lacks the field. */
struct warc_record {
	char type[32];		/* WARC-Type: "response", "resource"... */
	char *target_uri;	/* WARC-Target-URI, without <> */
	char *date;		/* WARC-Date as written */
	char *record_id;	/* WARC-Record-ID */
	char *content_type;	/* Content-Type of the block */
	char *truncated;	/* WARC-Truncated: the writer cut it */
	const unsigned char *block;	/* Content-Length bytes */
	size_t block_len;
	uint64_t offset;	/* of the record in the (decompressed) stream */
};

struct warc_reader;

/*
 * Read the WARC in the len bytes at data (which must stay valid until
 * warc_close()); name is used in messages. Blocks over max_record bytes
 * are skipped with NC_ETOOBIG.
 */
struct warc_reader *warc_open(const unsigned char *data, size_t len,
			      const char *name, uint64_t max_record);
/*
 * The next record into *rec (valid until the next call). Returns NC_OK,
 * NC_NOMATCH at the end, or NC_EDATA / NC_ETOOBIG for a record that was
 * skipped (err says why and where); call again for the next record.
 */
enum nc_status warc_next(struct warc_reader *r, struct warc_record *rec,
			 struct nc_error *err);
void warc_close(struct warc_reader *r);

/* Whether len bytes at head start a WARC file (plain or gzip'd). */
int warc_sniff(const unsigned char *head, size_t len);

#endif
