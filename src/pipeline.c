/*
 * pipeline.c - bytes to article; see pipeline.h.
 */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "decode.h"
#include "hash.h"
#include "vietnamese.h"

void pipeline_hash(const char *text, size_t len, char hex[65])
{
	struct buf canon = BUF_INIT;

	vn_canonical_tones(text, len, &canon);
	hash_hex(canon.s, canon.len, hex);
	buf_release(&canon);
}

/* Put "'origin': " before the message of a module that did not know it. */
static void name_origin(struct nc_error *err, const char *origin)
{
	char msg[sizeof(err->msg)];

	snprintf(msg, sizeof(msg), "%s", err->msg);
	nc_fail(err, err->code, "'%s': %s", origin, msg);
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\n", s[i]))
			return 0;
	return 1;
}

enum nc_status pipeline_article(const unsigned char *data, size_t len,
				const char *origin,
				const struct pipeline_opts *opts,
				struct article *a, struct nc_error *err)
{
	struct buf text = BUF_INIT;
	const char *encoding = NULL;
	enum nc_status s;

	if (len == 0) {
		s = nc_fail(err, NC_EDATA, "'%s': empty file", origin);
		goto out;
	}
	s = decode_text(data, len, opts->encoding, &text, &encoding, err);
	if (s) {
		name_origin(err, origin);
		goto out;
	}
	if (blank(text.s, text.len)) {
		s = nc_fail(err, NC_EDATA, "'%s': only white space", origin);
		goto out;
	}
	s = article_parse(a, text.s, text.len, err);
	if (s) {
		name_origin(err, origin);
		goto out;
	}
	pipeline_hash(text.s, text.len, a->hash);
	article_set(&a->origin, origin, strlen(origin));
	article_set(&a->encoding, encoding, strlen(encoding));
	if (opts->source)
		article_set(&a->source, opts->source, strlen(opts->source));
	free(a->raw);
	a->raw = xmalloc(len);
	memcpy(a->raw, data, len);
	a->raw_len = len;
	a->ingested = (int64_t)time(NULL);
out:
	buf_release(&text);
	return s;
}
