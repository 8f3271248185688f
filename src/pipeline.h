/*
 * pipeline.h - from the bytes of one input to an article ready to store:
 * decode and normalise (decode.h), recover the fields (article.h), and
 * compute the content hash.
 *
 * The content hash is the SHA-256 of the normalised text with tone marks
 * in their canonical place (vietnamese.h), so the same article saved in
 * another encoding, in NFD, or with the other tone-mark style has the
 * same hash and is stored once.
 */
#ifndef NEWSCTL_PIPELINE_H
#define NEWSCTL_PIPELINE_H

#include <stddef.h>

#include "article.h"
#include "err.h"
#include "hash.h"
#include "records.h"

struct pipeline_opts {
	const char *encoding;	/* forced input encoding, or NULL to detect */
	const char *source;	/* source name to record, or NULL */
	int source_from_url;	/* the source is the host of the URL */
};

/*
 * Turn len bytes read from origin into *a (initialised by the caller):
 * every field, the original bytes, the hash and the ingest time. Errors
 * name origin: "'file.txt': not valid UTF-8 ...", and so does a->warning,
 * set when the parser doubted a field (article.h).
 */
enum nc_status pipeline_article(const unsigned char *data, size_t len,
				const char *origin,
				const struct pipeline_opts *opts,
				struct article *a, struct nc_error *err);

/*
 * The fields of one row of an export (records.h), as the export wrote
 * them: v[f] points at len[f] bytes, or is NULL when the row lacks f.
 * raw is the whole row, kept as the article's original bytes.
 */
struct pipeline_fields {
	const char *v[RF_COUNT];
	size_t len[RF_COUNT];
	const unsigned char *raw;
	size_t raw_len;
};

/*
 * Turn the mapped fields of a row into *a (initialised by the caller).
 * Each field is decoded and normalised (decode_text()); the body and lead
 * keep their paragraphs (one per line, joined by a blank line), the other
 * fields become one line. The date is read by date_parse() (left out when
 * unreadable), page chrome of the site is cut from the body (chrome.h),
 * and the source is opts->source, else the URL's host when
 * opts->source_from_url, else the source field, else the URL's host.
 *
 * The hash is pipeline_hash() over the normalised fields (all but the
 * source, the body before chrome removal) in a fixed order, so the same
 * row ingested again is found unchanged. origin is recorded as the
 * article's origin ("file.csv:12"). Errors (NC_EDATA: "missing body",
 * "missing title", a field that cannot be decoded) give the reason only:
 * the caller names the file and line.
 */
enum nc_status pipeline_record(const struct pipeline_fields *f,
			       const char *origin,
			       const struct pipeline_opts *opts,
			       struct article *a, struct nc_error *err);

/*
 * Rewrite the normalised text in b: as paragraphs (each line trimmed,
 * empty lines dropped, the rest joined by "\n\n") when paras is set, else
 * as one line (runs of white space made one space). Trimmed.
 */
void pipeline_reflow(struct buf *b, int paras);

/*
 * The content hashes ingest gives, computed again for an article read
 * back from an archive, whose manifest hash is only a claim:
 *   - a file: its original bytes read again as ingest reads a file, in
 *     encoding (the recorded one); all zeros when they are no article;
 *   - a page (a web page's article): its normalised title, lead and body
 *     (body_len bytes), as ingest hashes what it extracts from a page;
 *   - a row of a CSV or JSON Lines export (origin "NAME:LINE"): hashed
 *     over fields under a column mapping the archive does not keep, so
 *     it cannot be computed again; pipeline_row_hash() is a hash of its
 *     original bytes in a space of its own (a prefix byte no normalised
 *     text holds), which no ingest gives.
 */
void pipeline_file_hash(const unsigned char *raw, size_t len,
			const char *encoding, char hex[HASH_HEX_LEN + 1]);
void pipeline_text_hash(const char *title, const char *lead,
			const char *body, size_t body_len,
			char hex[HASH_HEX_LEN + 1]);
void pipeline_row_hash(const unsigned char *raw, size_t len,
		       char hex[HASH_HEX_LEN + 1]);
/* Whether origin names a row of an export ("NAME:LINE"). */
int pipeline_row_origin(const char *origin);
/*
 * Check a->hash against a's content (its original bytes and fields):
 * 1 when it is a's file or page hash, else -1 for a row (its row hash in
 * hex), else 0.
 */
int pipeline_rehash(const struct article *a, char hex[HASH_HEX_LEN + 1]);

/* The content hash of normalised text (len bytes). */
void pipeline_hash(const char *text, size_t len, char hex[HASH_HEX_LEN + 1]);

#endif
