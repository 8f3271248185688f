/*
 * pipeline.c - bytes to article; see pipeline.h.
 */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "chrome.h"
#include "date.h"
#include "decode.h"
#include "hash.h"
#include "vietnamese.h"

void pipeline_hash(const char *text, size_t len, char hex[HASH_HEX_LEN + 1])
{
	struct buf canon = BUF_INIT;

	vn_canonical_tones(text, len, &canon);
	hash_hex(canon.s, canon.len, hex);
	buf_release(&canon);
}

int pipeline_row_origin(const char *origin)
{
	const char *colon = origin ? strrchr(origin, ':') : NULL;

	if (!colon || !colon[1])
		return 0;
	return strspn(colon + 1, "0123456789") == strlen(colon + 1);
}

void pipeline_file_hash(const unsigned char *raw, size_t len,
			const char *encoding, char hex[HASH_HEX_LEN + 1])
{
	struct pipeline_opts opts = { encoding, NULL, 0 };
	struct article t = ARTICLE_INIT;
	struct nc_error err = { 0 };

	if (pipeline_article(raw ? raw : (const unsigned char *)"", len,
			     "archive", &opts, &t, &err))
		memset(hex, 0, HASH_HEX_LEN + 1);	/* matches no hash */
	else
		memcpy(hex, t.hash, HASH_HEX_LEN + 1);
	article_release(&t);
}

void pipeline_text_hash(const char *title, const char *lead,
			const char *body, size_t body_len,
			char hex[HASH_HEX_LEN + 1])
{
	struct buf ser = BUF_INIT;

	buf_adds(&ser, title ? title : "");
	buf_addc(&ser, 0x1e);
	buf_adds(&ser, lead ? lead : "");
	buf_addc(&ser, 0x1e);
	buf_add(&ser, body ? body : "", body ? body_len : 0);
	pipeline_hash(ser.s, ser.len, hex);
	buf_release(&ser);
}

void pipeline_row_hash(const unsigned char *raw, size_t len,
		       char hex[HASH_HEX_LEN + 1])
{
	struct buf b = BUF_INIT;

	buf_addc(&b, 0x1d);
	buf_add(&b, raw ? (const char *)raw : "", raw ? len : 0);
	hash_hex(b.s, b.len, hex);
	buf_release(&b);
}

int pipeline_rehash(const struct article *a, char hex[HASH_HEX_LEN + 1])
{
	pipeline_file_hash(a->raw, a->raw_len, a->encoding, hex);
	if (!strcmp(hex, a->hash))
		return 1;
	pipeline_text_hash(a->title, a->lead, a->body,
			   a->body ? strlen(a->body) : 0, hex);
	if (!strcmp(hex, a->hash))
		return 1;
	/* a WARC record's origin has a row's shape (NAME:OFFSET), but its
	 * hash is a page's or a file's, found above */
	if (!pipeline_row_origin(a->origin))
		return 0;
	pipeline_row_hash(a->raw, a->raw_len, hex);
	return -1;
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

/* Set a->source to the host of a->url, when it has one. */
static void source_from_url(struct article *a)
{
	char host[256];

	if (a->url && chrome_site_of_url(a->url, host, sizeof(host)))
		article_set(&a->source, host, strlen(host));
}

void pipeline_reflow(struct buf *b, int paras)
{
	struct buf o = BUF_INIT;
	int pending = 0;	/* 1: a space is due, 2: a paragraph break */

	buf_grow(&o, b->len + 16);
	for (size_t i = 0; i < b->len; i++) {
		char c = b->s[i];

		if (c == '\n' && paras) {
			pending = 2;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!pending)
				pending = 1;
			continue;
		}
		if (pending && o.len)
			buf_adds(&o, pending == 2 ? "\n\n" : " ");
		pending = 0;
		buf_addc(&o, c);
	}
	buf_release(b);
	*b = o;
}

/*
 * Over 80 lines: each step (decode, date, site, hash) fills what the next
 * reads; in pieces they would pass the nine fields and the hash around.
 */
enum nc_status pipeline_record(const struct pipeline_fields *f,
			       const char *origin,
			       const struct pipeline_opts *opts,
			       struct article *a, struct nc_error *err)
{
	static const enum record_field hashed[] = { RF_ID, RF_URL, RF_SECTION,
		RF_TITLE, RF_LEAD, RF_DATE, RF_AUTHOR, RF_BODY };
	struct buf v[RF_COUNT], ser = BUF_INIT;
	const char *encoding = "UTF-8", *used;
	char iso[DATE_ISO_MAX], host[256];
	const char *site = NULL;
	enum nc_status s = NC_OK;
	struct article t;
	size_t i;

	article_init(&t);
	for (i = 0; i < RF_COUNT; i++)
		buf_init(&v[i]);
	for (i = 0; i < RF_COUNT; i++) {
		if (!f->v[i] || !f->len[i])
			continue;
		s = decode_text((const unsigned char *)f->v[i], f->len[i],
				opts->encoding, &v[i], &used, err);
		if (s) {
			name_origin(err, record_field_name((enum record_field)i));
			goto out;
		}
		if (i == RF_BODY)
			encoding = used;
		pipeline_reflow(&v[i], i == RF_BODY || i == RF_LEAD);
	}
	if (!v[RF_BODY].len) {
		s = nc_fail(err, NC_EDATA, "missing body");
		goto out;
	}
	if (!v[RF_TITLE].len) {
		s = nc_fail(err, NC_EDATA, "missing title");
		goto out;
	}

	/* the hash: fields in a fixed order, separated by control bytes
	 * that normalised text never holds */
	for (i = 0; i < sizeof(hashed) / sizeof(*hashed); i++) {
		buf_adds(&ser, record_field_name(hashed[i]));
		buf_addc(&ser, 0x1f);
		buf_add(&ser, v[hashed[i]].s, v[hashed[i]].len);
		buf_addc(&ser, 0x1e);
	}
	pipeline_hash(ser.s, ser.len, t.hash);

	if (v[RF_URL].len) {
		article_set(&t.url, v[RF_URL].s, v[RF_URL].len);
		site = chrome_site_of_url(t.url, host, sizeof(host));
	}
	chrome_strip(site, v[RF_SOURCE].len ? v[RF_SOURCE].s : NULL,
		     v[RF_BODY].s);
	v[RF_BODY].len = strlen(v[RF_BODY].s);
	if (!v[RF_BODY].len) {
		s = nc_fail(err, NC_EDATA, "missing body (only page chrome)");
		goto out;
	}
	article_set(&t.body, v[RF_BODY].s, v[RF_BODY].len);
	article_set(&t.title, v[RF_TITLE].s, v[RF_TITLE].len);
	if (v[RF_ID].len)
		article_set(&t.external_id, v[RF_ID].s, v[RF_ID].len);
	if (v[RF_SECTION].len)
		article_set(&t.section, v[RF_SECTION].s, v[RF_SECTION].len);
	if (v[RF_LEAD].len)
		article_set(&t.lead, v[RF_LEAD].s, v[RF_LEAD].len);
	if (v[RF_AUTHOR].len)
		article_set(&t.byline, v[RF_AUTHOR].s, v[RF_AUTHOR].len);
	if (v[RF_DATE].len &&
	    (date_parse(v[RF_DATE].s, v[RF_DATE].len, 1, iso) ||
	     date_parse(v[RF_DATE].s, v[RF_DATE].len, 0, iso)))
		article_set(&t.published, iso, strlen(iso));
	if (opts->source)
		article_set(&t.source, opts->source, strlen(opts->source));
	else if (opts->source_from_url && site)
		article_set(&t.source, site, strlen(site));
	else if (v[RF_SOURCE].len)
		article_set(&t.source, v[RF_SOURCE].s, v[RF_SOURCE].len);
	else if (site)
		article_set(&t.source, site, strlen(site));
	article_set(&t.origin, origin, strlen(origin));
	article_set(&t.encoding, encoding, strlen(encoding));
	t.raw = xmalloc(f->raw_len ? f->raw_len : 1);
	memcpy(t.raw, f->raw, f->raw_len);
	t.raw_len = f->raw_len;
	t.ingested = (int64_t)time(NULL);

	/* hand every field over to a */
	t.id = a->id;
	article_release(a);
	*a = t;
	article_init(&t);
out:
	for (i = 0; i < RF_COUNT; i++)
		buf_release(&v[i]);
	buf_release(&ser);
	article_release(&t);
	return s;
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
	if (a->warning) {
		struct buf w = BUF_INIT;

		buf_addf(&w, "'%s': %s", origin, a->warning);
		free(a->warning);
		a->warning = buf_detach(&w, NULL);
	}
	article_set(&a->origin, origin, strlen(origin));
	article_set(&a->encoding, encoding, strlen(encoding));
	if (opts->source)
		article_set(&a->source, opts->source, strlen(opts->source));
	else if (opts->source_from_url)
		source_from_url(a);
	free(a->raw);
	a->raw = xmalloc(len);
	memcpy(a->raw, data, len);
	a->raw_len = len;
	a->ingested = (int64_t)time(NULL);
out:
	buf_release(&text);
	return s;
}
