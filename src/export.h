/*
 * export.h - what an export archive holds, shared by export, import and
 * verify.
 *
 * Entries, in byte order of their paths:
 *   YYYY/MM/DD/<id>-<slug>.txt  a header block ("Key: value" lines: Title,
 *                               Date, Source, URL, Section, Author, Caption,
 *                               Hash), a blank line, then the text: the
 *                               headline, the lead and the body separated
 *                               by blank lines, and a final newline
 *   YYYY/MM/DD/<id>.orig        the original bytes, when they differ from
 *                               that text
 *   SHA256SUMS                  "sha256sum -c" input for every other entry
 *   manifest.jsonl              one JSON object per article: every field,
 *                               its entries, their sizes and SHA-256
 * The day is the article's published date, else its ingest day (UTC+7).
 */
#ifndef NEWSCTL_EXPORT_H
#define NEWSCTL_EXPORT_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "article.h"
#include "buf.h"
#include "err.h"
#include "hash.h"
#include "stream.h"

#define EXPORT_MANIFEST "manifest.jsonl"
#define EXPORT_SUMS "SHA256SUMS"

/* The entries of one article, built by export_article(). */
struct export_item {
	struct buf txt_path;
	struct buf txt;		/* the .txt entry */
	size_t body_offset;	/* where the body starts in txt (bytes) */
	struct buf orig_path;	/* empty when raw equals the text part */
	char txt_sha[HASH_HEX_LEN + 1];
	char orig_sha[HASH_HEX_LEN + 1];
	int64_t mtime;		/* Unix seconds */
};

void export_item_init(struct export_item *it);
void export_item_release(struct export_item *it);

/*
 * Build the entries of a (read with its raw bytes) into it, and hash them.
 */
void export_article(const struct article *a, struct export_item *it);

/* Write a's manifest object (one line, with '\n') to fp. */
void export_manifest_line(const struct article *a,
			  const struct export_item *it, FILE *fp);

/* The mtime of an article: published (its zone, else UTC+7) or ingested. */
int64_t export_mtime(const struct article *a);

/* An ASCII slug of a headline ("gia-vang-tang"), at most 60 bytes. */
void export_slug(const char *title, struct buf *out);

/*
 * One manifest line read back: the article's fields (raw and body not
 * set), and its entries. Owned by the caller: export_record_release().
 */
struct export_record {
	struct article a;
	char *txt_path;
	char *orig_path;	/* NULL when the .txt holds the original */
	char txt_sha[HASH_HEX_LEN + 1];
	char orig_sha[HASH_HEX_LEN + 1];
	uint64_t txt_size, orig_size;
	size_t body_offset, body_bytes;
};

/* Parse one manifest line (len bytes). NC_EDATA with a message. */
enum nc_status export_record_parse(const char *line, size_t len,
				   struct export_record *r,
				   struct nc_error *err);
void export_record_release(struct export_record *r);

/*
 * manifest.jsonl as import and verify read it: in pieces (arc_reader_ops
 * entry, and more past --max-size) into an unnamed temporary file, hashed
 * on the way, then line by line, so that memory holds one line whatever the
 * manifest's size (a million articles give 524 MB).
 */
struct export_spool {
	FILE *fp;
	struct hash_ctx h;
	char sha[HASH_HEX_LEN + 1];	/* set at the end of the entry */
	int done;			/* the whole entry was read */
};

void export_spool_init(struct export_spool *sp);
void export_spool_release(struct export_spool *sp);
/* One piece of the entry (data NULL at its end). NC_EIO with a message. */
enum nc_status export_spool_piece(struct export_spool *sp,
				  const unsigned char *data, size_t len,
				  struct nc_error *err);
/*
 * The whole entry, over the size limit of one entry: its first len bytes
 * at head, the rest from rest (archive.h's ops->more). A failed read of
 * rest is NC_EDATA (the archive is left).
 */
enum nc_status export_spool_stream(struct export_spool *sp,
				   const unsigned char *head, size_t len,
				   struct stream *rest, struct nc_error *err);
/*
 * Call fn with each line of the manifest read (without its '\n'), and
 * its number from 1; a line over max_line bytes is passed as NULL. A
 * status other than NC_OK from fn stops and is returned.
 */
typedef enum nc_status (*export_line_fn)(void *ctx, long long number,
					 const char *line, size_t len);
enum nc_status export_spool_lines(struct export_spool *sp, size_t max_line,
				  export_line_fn fn, void *ctx,
				  struct nc_error *err);

/* The text part of a .txt entry (after the header block), or NULL. */
const char *export_text_part(const char *txt, size_t len, size_t *text_len);

#endif
