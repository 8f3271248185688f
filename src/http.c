/*
 * http.c - HTTP responses from WARC records; see http.h.
 *
 * Every decoder writes into a buf in bounded steps and stops at max_body,
 * so a small compressed payload cannot expand without limit.
 */
#include "http.h"

#include <brotli/decode.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define STEP (64u << 10)

void http_response_init(struct http_response *h)
{
	memset(h, 0, sizeof(*h));
	buf_init(&h->body);
}

void http_response_release(struct http_response *h)
{
	free(h->content_type);
	free(h->location);
	buf_release(&h->body);
	http_response_init(h);
}

void http_charset(const char *ct, char *out, size_t size)
{
	const char *p = ct;
	size_t n = 0;

	out[0] = 0;
	while (p && (p = strchr(p, ';'))) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "charset=", 8))
			continue;
		p += 8;
		if (*p == '"' || *p == '\'')
			p++;
		while (p[n] && !strchr("\"'; \t", p[n]) && n + 1 < size) {
			out[n] = p[n];
			n++;
		}
		out[n] = 0;
		return;
	}
}

static int too_big(struct nc_error *err, size_t max)
{
	nc_fail(err, NC_ETOOBIG, "payload decodes to more than %zu bytes "
		"(see --max-payload)", max);
	return -1;
}

/* Inflate (gzip when gz, else zlib or raw deflate) into out. 1: the data
 * is not in this encoding, 0: done, -1: err set. */
static int inflate_to(const unsigned char *in, size_t len, int gz,
		      size_t max, struct buf *out, struct nc_error *err)
{
	z_stream zs = { 0 };
	int rc, bits = gz ? 16 + MAX_WBITS : MAX_WBITS;

	if (gz && (len < 2 || in[0] != 0x1f || in[1] != 0x8b))
		return 1;
	/* "deflate" is zlib-wrapped by the standard, raw by some servers */
	if (!gz && (len < 2 || ((in[0] << 8 | in[1]) % 31) ||
		    (in[0] & 15) != 8))
		bits = -MAX_WBITS;
	if (inflateInit2(&zs, bits) != Z_OK)
		return nc_fail(err, NC_ESOFTWARE, "zlib: cannot start"), -1;
	zs.next_in = (unsigned char *)in;
	zs.avail_in = (uInt)len;
	do {
		if (out->len >= max) {
			inflateEnd(&zs);
			return too_big(err, max);
		}
		buf_grow(out, STEP);
		zs.next_out = (unsigned char *)out->s + out->len;
		zs.avail_out = STEP;
		rc = inflate(&zs, Z_NO_FLUSH);
		buf_setlen(out, out->len + STEP - zs.avail_out);
	} while (rc == Z_OK);
	inflateEnd(&zs);
	if (out->len > max)
		return too_big(err, max);
	if (rc != Z_STREAM_END) {
		nc_fail(err, NC_EDATA, "%s payload is %s", gz ? "gzip" :
			"deflate", rc == Z_BUF_ERROR ? "truncated" : "damaged");
		return -1;
	}
	return 0;
}

static int unbrotli(const unsigned char *in, size_t len, size_t max,
		    struct buf *out, struct nc_error *err)
{
	BrotliDecoderState *st = BrotliDecoderCreateInstance(NULL, NULL, NULL);
	BrotliDecoderResult rc;
	size_t avail_in = len;
	const uint8_t *next_in = in;

	if (!st)
		return nc_fail(err, NC_ESOFTWARE, "brotli: cannot start"), -1;
	do {
		size_t avail_out = STEP;
		uint8_t *next_out;

		if (out->len >= max) {
			BrotliDecoderDestroyInstance(st);
			return too_big(err, max);
		}
		buf_grow(out, STEP);
		next_out = (uint8_t *)out->s + out->len;
		rc = BrotliDecoderDecompressStream(st, &avail_in, &next_in,
						   &avail_out, &next_out, NULL);
		buf_setlen(out, out->len + STEP - avail_out);
	} while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT);
	BrotliDecoderDestroyInstance(st);
	if (out->len > max)
		return too_big(err, max);
	if (rc != BROTLI_DECODER_RESULT_SUCCESS) {
		nc_fail(err, NC_EDATA, "brotli payload is %s",
			rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT ?
			"truncated" : "damaged");
		return -1;
	}
	return 0;
}

/* Undo chunked transfer encoding. 1: not chunked, 0: done, -1: err. */
static int dechunk(const unsigned char *in, size_t len, size_t max,
		   struct buf *out, struct nc_error *err)
{
	size_t i = 0;

	if (!len || !isxdigit(in[0]))
		return 1;
	for (;;) {
		unsigned long long n = 0;
		size_t digits = 0;

		while (i < len && isxdigit(in[i]) && digits < 16) {
			n = n * 16 + (unsigned)(isdigit(in[i]) ? in[i] - '0' :
						(in[i] | 32) - 'a' + 10);
			i++;
			digits++;
		}
		if (!digits)
			break;
		while (i < len && in[i] != '\n')	/* extensions */
			i++;
		if (i++ >= len)
			break;
		if (n == 0)
			return 0;	/* trailers are ignored */
		if (n > len - i)
			break;
		if (out->len + n > max)
			return too_big(err, max);
		buf_add(out, in + i, (size_t)n);
		i += (size_t)n;
		if (i < len && in[i] == '\r')
			i++;
		if (i >= len || in[i] != '\n')
			break;
		i++;
		if (i == len)
			return 0;	/* no last chunk: tolerated */
	}
	nc_fail(err, NC_EDATA, "invalid chunked encoding at byte %zu of the "
		"payload", i);
	return -1;
}

/* Read "Name: value" headers from h (len bytes); returns the values
 * wanted into h's fields and the transfer and content encodings. */
static void read_headers(const char *s, size_t len, struct http_response *h,
			 char *te, char *ce, size_t size)
{
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i), *c;
		size_t e = nl ? (size_t)(nl - s) : len, l = e, v;
		char **slot = NULL, *dst = NULL;

		while (l > i && s[l - 1] == '\r')
			l--;
		c = memchr(s + i, ':', l - i);
		if (c) {
			size_t n = (size_t)(c - s) - i;

			if (n == 12 && !strncasecmp(s + i, "Content-Type", n))
				slot = &h->content_type;
			else if (n == 8 && !strncasecmp(s + i, "Location", n))
				slot = &h->location;
			else if (n == 17 && !strncasecmp(s + i,
					"Transfer-Encoding", n))
				dst = te;
			else if (n == 16 && !strncasecmp(s + i,
					"Content-Encoding", n))
				dst = ce;
			for (v = (size_t)(c - s) + 1; v < l && s[v] == ' '; v++)
				;
			if (slot) {
				free(*slot);
				*slot = xstrndup(s + v, l - v);
			} else if (dst) {
				snprintf(dst, size, "%.*s", (int)(l - v),
					 s + v);
			}
		}
		i = e + 1;
	}
}

/* Find the end of the head: the offset past the blank line, or 0. */
static size_t head_end(const unsigned char *m, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t j = i;

		if (m[i] != '\n')
			continue;
		for (j = i + 1; j < len && m[j] == '\r'; j++)
			;
		if (j < len && m[j] == '\n')
			return j + 1;
	}
	return 0;
}

/* Undo the content encoding ce of body into out; body kept when it is
 * not really encoded. */
static enum nc_status decode_content(const char *ce, struct buf *body,
				     size_t max, struct nc_error *err)
{
	struct buf out = BUF_INIT;
	int rc = 1;

	if (!strcasecmp(ce, "gzip") || !strcasecmp(ce, "x-gzip"))
		rc = inflate_to((unsigned char *)body->s, body->len, 1, max,
				&out, err);
	else if (!strcasecmp(ce, "deflate"))
		rc = inflate_to((unsigned char *)body->s, body->len, 0, max,
				&out, err);
	else if (!strcasecmp(ce, "br"))
		rc = unbrotli((unsigned char *)body->s, body->len, max, &out,
			      err);
	if (rc < 0) {
		buf_release(&out);
		return err->code;
	}
	if (rc == 0) {
		buf_release(body);
		*body = out;
	}
	return NC_OK;
}

enum nc_status http_parse_response(const unsigned char *msg, size_t len,
				   size_t max_body, struct http_response *h,
				   struct nc_error *err)
{
	char te[64] = "", ce[64] = "";
	size_t hend, i;
	int rc;

	if (len < 12 || memcmp(msg, "HTTP/", 5))
		return nc_fail(err, NC_EDATA, "not an HTTP response");
	for (i = 5; i < len && msg[i] != ' '; i++)
		;
	if (i + 4 > len || !isdigit(msg[i + 1]) || !isdigit(msg[i + 2]) ||
	    !isdigit(msg[i + 3]))
		return nc_fail(err, NC_EDATA, "HTTP status line without a "
			       "status");
	h->status = (msg[i + 1] - '0') * 100 + (msg[i + 2] - '0') * 10 +
		(msg[i + 3] - '0');
	/* a message cut right after its headers has no body */
	hend = head_end(msg, len);
	if (!hend)
		hend = len;
	read_headers((const char *)msg, hend, h, te, ce, sizeof(te));
	buf_reset(&h->body);
	for (i = 0; te[i]; i++)
		te[i] = (char)tolower((unsigned char)te[i]);
	if (strstr(te, "chunked")) {
		rc = dechunk(msg + hend, len - hend, max_body, &h->body, err);
		if (rc < 0)
			return err->code;
		if (rc == 0)
			goto decoded;
	}
	if (len - hend > max_body)
		return too_big(err, max_body), err->code;
	buf_add(&h->body, msg + hend, len - hend);
decoded:
	if (*ce && strcasecmp(ce, "identity"))
		return decode_content(ce, &h->body, max_body, err);
	return NC_OK;
}
