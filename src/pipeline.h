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

struct pipeline_opts {
	const char *encoding;	/* forced input encoding, or NULL to detect */
	const char *source;	/* source name to record, or NULL */
};

/*
 * Turn len bytes read from origin into *a (initialised by the caller):
 * every field, the original bytes, the hash and the ingest time. Errors
 * name origin: "'file.txt': not valid UTF-8 ...".
 */
enum nc_status pipeline_article(const unsigned char *data, size_t len,
				const char *origin,
				const struct pipeline_opts *opts,
				struct article *a, struct nc_error *err);

/* The content hash of normalised text (len bytes). */
void pipeline_hash(const char *text, size_t len, char hex[65]);

#endif
