/*
 * web.c - saved pages and WARC records into articles; see web.h.
 */
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#include "buf.h"
#include "chrome.h"
#include "date.h"
#include "decode.h"
#include "extract.h"
#include "http.h"
#include "warc-read.h"

static int has_suffix(const char *name, const char *suf)
{
	size_t n = strlen(name), s = strlen(suf);

	return n >= s && !strcasecmp(name + n - s, suf);
}

/* Whether gzip data starts with a WARC record: inflate a little. */
static int gzip_warc(const unsigned char *data, size_t len)
{
	unsigned char out[8];
	z_stream zs = { 0 };
	int ok;

	if (len < 2 || data[0] != 0x1f || data[1] != 0x8b ||
	    inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return 0;
	zs.next_in = (unsigned char *)data;
	zs.avail_in = (uInt)(len > 65536 ? 65536 : len);
	zs.next_out = out;
	zs.avail_out = sizeof(out);
	inflate(&zs, Z_NO_FLUSH);
	ok = sizeof(out) - zs.avail_out >= 5 && warc_sniff(out, 5);
	inflateEnd(&zs);
	return ok;
}

/* Whether the first bytes read as HTML (after a BOM and white space). */
static int looks_html(const unsigned char *d, size_t len)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' ||
			   d[i] == '\t'))
		i++;
	return (len - i >= 14 && !strncasecmp((const char *)d + i,
					       "<!doctype html", 14)) ||
		(len - i >= 5 && !strncasecmp((const char *)d + i, "<html", 5));
}

enum web_kind web_kind(const char *name, const unsigned char *data,
		       size_t len)
{
	if (warc_sniff(data, len) || gzip_warc(data, len))
		return WEB_WARC;
	if (has_suffix(name, ".html") || has_suffix(name, ".htm") ||
	    has_suffix(name, ".xhtml") || looks_html(data, len))
		return WEB_HTML;
	return WEB_NONE;
}

int web_is_wacz(const char *name)
{
	return has_suffix(name, ".wacz");
}

int web_wacz_member(const char *name)
{
	return has_suffix(name, ".warc") || has_suffix(name, ".warc.gz");
}

/*
 * Normalise text from a page into *field (decode.h), as one line, or as
 * paragraphs (lines kept, each trimmed, joined by a blank line) when
 * paras is set. Left NULL when nothing remains.
 */
static void put(char **field, const char *s, int paras)
{
	struct buf t = BUF_INIT;
	struct nc_error err;
	const char *used;

	if (s && !decode_text((const unsigned char *)s, strlen(s), "UTF-8",
			      &t, &used, &err)) {
		pipeline_reflow(&t, paras);
		if (t.len)
			article_set(field, t.s, t.len);
	}
	buf_release(&t);
}

void web_fields(struct article *t, const struct web_page *p,
		const char *target, const struct pipeline_opts *po)
{
	char iso[DATE_ISO_MAX], host[256];
	const char *site = NULL;

	put(&t->title, p->title, 0);
	put(&t->body, p->body, 1);
	put(&t->lead, p->lead, 0);
	put(&t->byline, p->byline, 0);
	put(&t->section, p->section, 0);
	for (size_t i = 0; i < p->ncaptions; i++) {
		char *c = NULL;

		put(&c, p->captions[i], 0);
		if (c)
			article_add_caption(t, c, strlen(c));
		free(c);
	}
	if (p->published && date_parse(p->published, strlen(p->published), 0,
				       iso))
		article_set(&t->published, iso, strlen(iso));
	put(&t->url, p->canonical ? p->canonical : target, 0);
	if (t->url)
		site = chrome_site_of_url(t->url, host, sizeof(host));
	if (po && po->source)
		put(&t->source, po->source, 0);
	else if (p->site_name && !(po && po->source_from_url))
		put(&t->source, p->site_name, 0);
	else if (site)
		put(&t->source, site, 0);
}

/* The content hash: the normalised title, lead and body. */
static void hash(struct article *t)
{
	pipeline_text_hash(t->title, t->lead, t->body,
			   t->body ? strlen(t->body) : 0, t->hash);
}

/* Pass a problem about origin on: "'origin': msg". */
static void problem(const struct web_sink *sink, const char *origin,
		    const struct nc_error *why)
{
	struct nc_error e;

	nc_fail(&e, why->code, "'%s': %s", origin, why->msg);
	sink->problem(sink->ctx, &e);
}

/*
 * One page of len bytes read from origin: target is the URL it was
 * fetched from, id its record id and fetched its WARC-Date (or NULL),
 * charset the HTTP one.
 */
static enum nc_status page(const struct web_sink *sink, const char *origin,
			   const unsigned char *html, size_t len,
			   const char *charset, const char *target,
			   const char *id, const char *fetched)
{
	struct web_page p;
	struct article t;
	struct nc_error err = { 0 };
	enum nc_status s;

	if (len > sink->max_page) {
		nc_fail(&err, NC_ETOOBIG, "page of %zu bytes, over the size "
			"limit of %zu (see --max-size)", len, sink->max_page);
		problem(sink, origin, &err);
		return NC_OK;
	}
	web_page_init(&p);
	s = extract_page(html, len, charset, target, &p, &err);
	if (s == NC_NOMATCH) {
		sink->skip(sink->ctx, err.msg);
		web_page_release(&p);
		return NC_OK;
	}
	if (s) {
		problem(sink, origin, &err);
		web_page_release(&p);
		return NC_OK;
	}
	if (*p.note) {
		nc_fail(&err, NC_OK, "'%s': %s", origin, p.note);
		sink->note(sink->ctx, &err);
	}
	article_init(&t);
	web_fields(&t, &p, target, sink->popts);
	if (!t.title || !t.body) {
		nc_fail(&err, NC_EDATA, "page without %s", t.title ?
			"article text" : "a headline");
		problem(sink, origin, &err);
		goto out;
	}
	hash(&t);
	if (id && *id)
		article_set(&t.external_id, id, strlen(id));
	if (fetched && *fetched)
		article_set(&t.fetched, fetched, strlen(fetched));
	article_set(&t.origin, origin, strlen(origin));
	article_set(&t.encoding, p.encoding, strlen(p.encoding));
	t.raw = xmalloc(len ? len : 1);
	memcpy(t.raw, html, len);
	t.raw_len = len;
	t.ingested = (int64_t)time(NULL);
	s = sink->article(sink->ctx, &t, len);
out:
	article_release(&t);
	web_page_release(&p);
	return s;
}

enum nc_status web_read_html(const char *name, const unsigned char *data,
			     size_t len, const struct web_sink *sink)
{
	return page(sink, name, data, len, NULL, NULL, NULL, NULL);
}

enum payload { PAYLOAD_OTHER, PAYLOAD_HTML, PAYLOAD_TEXT };

/* What a payload of media type ct (or, without one, its bytes) is. */
static enum payload payload_kind(const char *ct, const unsigned char *d,
				 size_t len)
{
	if (!ct || !*ct)
		return looks_html(d, len) ? PAYLOAD_HTML : PAYLOAD_OTHER;
	if (!strncasecmp(ct, "text/html", 9) ||
	    !strncasecmp(ct, "application/xhtml+xml", 21))
		return PAYLOAD_HTML;
	if (!strncasecmp(ct, "text/plain", 10))
		return PAYLOAD_TEXT;
	return PAYLOAD_OTHER;
}

/* A plain-text payload: read as a text article (article.h). */
static enum nc_status text(const struct web_sink *sink, const char *origin,
			   const unsigned char *d, size_t len,
			   const char *target, const char *id,
			   const char *fetched)
{
	struct article a = ARTICLE_INIT;
	struct nc_error err = { 0 };
	enum nc_status s = NC_OK;

	if (len > sink->max_page) {
		nc_fail(&err, NC_ETOOBIG, "'%s': text of %zu bytes, over the "
			"size limit of %zu (see --max-size)", origin, len,
			sink->max_page);
		sink->problem(sink->ctx, &err);
		return NC_OK;
	}
	if (pipeline_article(d, len, origin, sink->popts, &a, &err)) {
		sink->problem(sink->ctx, &err);
	} else {
		if (!a.url && target && *target)
			article_set(&a.url, target, strlen(target));
		if (id && *id)
			article_set(&a.external_id, id, strlen(id));
		if (fetched && *fetched)
			article_set(&a.fetched, fetched, strlen(fetched));
		s = sink->article(sink->ctx, &a, len);
	}
	article_release(&a);
	return s;
}

/* The payload of a response or resource record, by its media type. */
static enum nc_status payload(const struct web_sink *sink, const char *origin,
			      const struct warc_record *rec, const char *ct,
			      const unsigned char *d, size_t len)
{
	char charset[40];

	switch (payload_kind(ct, d, len)) {
	case PAYLOAD_HTML:
		http_charset(ct, charset, sizeof(charset));
		return page(sink, origin, d, len, charset, rec->target_uri,
			    rec->record_id, rec->date);
	case PAYLOAD_TEXT:
		return text(sink, origin, d, len, rec->target_uri,
			    rec->record_id, rec->date);
	default:
		sink->skip(sink->ctx, "not HTML or text");
		return NC_OK;
	}
}

static enum nc_status response(const struct web_sink *sink, const char *origin,
			       const struct warc_record *rec)
{
	struct http_response h;
	struct nc_error err = { 0 };
	enum nc_status s = NC_OK;

	if (!strstr(rec->content_type, "application/http")) {
		sink->skip(sink->ctx, "not an HTTP response");
		return NC_OK;
	}
	http_response_init(&h);
	if (http_parse_response(rec->block, rec->block_len, sink->max_page,
				&h, &err))
		problem(sink, origin, &err);
	else if (h.status >= 300 && h.status < 400)
		sink->skip(sink->ctx, "redirect");
	else if (h.status < 200 || h.status >= 300)
		sink->skip(sink->ctx, "HTTP error");
	else if (!h.body.len)
		sink->skip(sink->ctx, "empty payload");
	else
		s = payload(sink, origin, rec, h.content_type,
			    (const unsigned char *)h.body.s, h.body.len);
	http_response_release(&h);
	return s;
}

enum nc_status web_read_warc(const char *name, const unsigned char *data,
			     size_t len, const struct web_sink *sink)
{
	struct warc_reader *r = warc_open(data, len, name, sink->max_record);
	struct warc_record rec;
	struct nc_error err = { 0 };
	struct buf origin = BUF_INIT;
	enum nc_status s, fs = NC_OK;

	while (!fs && (s = warc_next(r, &rec, &err)) != NC_NOMATCH) {
		if (s) {
			sink->problem(sink->ctx, &err);
			continue;
		}
		buf_reset(&origin);
		buf_addf(&origin, "%s:%llu", name,
			 (unsigned long long)rec.offset);
		if (!strcmp(rec.type, "response"))
			fs = response(sink, origin.s, &rec);
		else if (!strcmp(rec.type, "resource"))
			fs = payload(sink, origin.s, &rec, rec.content_type,
				     rec.block, rec.block_len);
		else
			sink->skip(sink->ctx, *rec.type ? rec.type :
				   "record without a type");
	}
	buf_release(&origin);
	warc_close(r);
	return fs;
}

void web_skips_add(struct web_skips *k, const char *reason)
{
	for (size_t i = 0; i < k->n; i++)
		if (!strcmp(k->reason[i], reason)) {
			k->count[i]++;
			return;
		}
	k->reason = xrealloc(k->reason, (k->n + 1) * sizeof(*k->reason));
	k->count = xrealloc(k->count, (k->n + 1) * sizeof(*k->count));
	k->reason[k->n] = xstrdup(reason);
	k->count[k->n++] = 1;
}

void web_skips_format(const struct web_skips *k, struct buf *out)
{
	for (size_t i = 0; i < k->n; i++)
		buf_addf(out, "%s%lld %s", i ? ", " : "", k->count[i],
			 k->reason[i]);
}

void web_skips_release(struct web_skips *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->reason[i]);
	free(k->reason);
	free(k->count);
	memset(k, 0, sizeof(*k));
}
