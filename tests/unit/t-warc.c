/*
 * t-warc.c - the WARC reader (plain, gzip per record, gzip of the whole
 * file, records split across members; truncated, mislabelled and oversized
 * records) and HTTP responses (chunked, gzip, deflate, brotli, bombs).
 * Every WARC here is built by the test.
 */
#include <brotli/encode.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "buf.h"
#include "http.h"
#include "tap.h"
#include "warc-read.h"

/* Append data as one gzip member (zlib's deflate, gzip wrapper). */
static void gz(struct buf *out, const void *data, size_t len)
{
	z_stream zs = { 0 };

	deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
		     Z_DEFAULT_STRATEGY);
	buf_grow(out, deflateBound(&zs, len));
	zs.next_in = (unsigned char *)data;
	zs.avail_in = (uInt)len;
	zs.next_out = (unsigned char *)out->s + out->len;
	zs.avail_out = (uInt)(out->cap - out->len - 1);
	deflate(&zs, Z_FINISH);
	buf_setlen(out, out->len + zs.total_out);
	deflateEnd(&zs);
}

/* Append a record; clen < 0 writes the true Content-Length. */
static void record(struct buf *out, const char *type, int n,
		   const char *block, long clen)
{
	buf_addf(out, "WARC/1.0\r\nWARC-Type: %s\r\n"
		 "WARC-Target-URI: <http://example.vn/%d>\r\n"
		 "WARC-Date: 2024-05-0%dT10:00:00Z\r\n"
		 "WARC-Record-ID: <urn:uuid:%d>\r\n"
		 "Content-Type: application/http; msgtype=response\r\n"
		 "Content-Length: %ld\r\n\r\n%s\r\n\r\n", type, n, n % 9, n,
		 clen < 0 ? (long)strlen(block) : clen, block);
}

static const char *blocks[] = { "block one", "the second block",
	"block three, the last" };

/* Read every record of w: blocks read into got ("|"-joined), errors
 * counted and the last one kept. */
static int read_all(const struct buf *w, uint64_t cap, struct buf *got,
		    struct nc_error *last)
{
	struct warc_reader *r = warc_open((unsigned char *)w->s, w->len,
					  "test.warc", cap);
	struct warc_record rec;
	struct nc_error err = { 0 };
	enum nc_status s;
	int errors = 0;

	while ((s = warc_next(r, &rec, &err)) != NC_NOMATCH) {
		if (s) {
			errors++;
			*last = err;
			continue;
		}
		if (got->len)
			buf_addc(got, '|');
		buf_add(got, rec.block, rec.block_len);
	}
	warc_close(r);
	return errors;
}

static void expect(const struct buf *w, const char *want, int errors,
		   const char *name)
{
	struct buf got = BUF_INIT;
	struct nc_error last = { 0 };
	int e = read_all(w, 1 << 20, &got, &last);

	is_str(got.s, want, name);
	if (!is_int(e, errors, "  its errors"))
		printf("#   last: %s\n", last.msg);
	buf_release(&got);
}

static void test_fields(void)
{
	struct buf w = BUF_INIT;
	struct warc_record rec;
	struct nc_error err;
	struct warc_reader *r;

	record(&w, "response", 1, blocks[0], -1);
	r = warc_open((unsigned char *)w.s, w.len, "t", 1000);
	is_int(warc_next(r, &rec, &err), NC_OK, "a record reads");
	is_str(rec.type, "response", "WARC-Type");
	is_str(rec.target_uri, "http://example.vn/1", "WARC-Target-URI "
	       "without its angle brackets");
	is_str(rec.date, "2024-05-01T10:00:00Z", "WARC-Date");
	is_str(rec.record_id, "urn:uuid:1", "WARC-Record-ID");
	ok(!strncmp(rec.content_type, "application/http", 16),
	   "Content-Type");
	is_int(warc_next(r, &rec, &err), NC_NOMATCH, "then the end");
	warc_close(r);
	buf_release(&w);
	ok(warc_sniff((const unsigned char *)"WARC/1.1\r\n", 10),
	   "warc_sniff knows a WARC");
	ok(!warc_sniff((const unsigned char *)"<html>", 6),
	   "warc_sniff refuses HTML");
}

static void test_layouts(void)
{
	struct buf plain = BUF_INIT, w = BUF_INIT;
	const char *all = "block one|the second block|block three, the last";
	size_t half;

	for (int i = 0; i < 3; i++)
		record(&plain, "resource", i + 1, blocks[i], -1);
	expect(&plain, all, 0, "plain WARC");

	for (int i = 0; i < 3; i++) {
		struct buf one = BUF_INIT;

		record(&one, "resource", i + 1, blocks[i], -1);
		gz(&w, one.s, one.len);
		buf_release(&one);
	}
	expect(&w, all, 0, "a gzip member per record");

	buf_reset(&w);
	gz(&w, plain.s, plain.len);
	expect(&w, all, 0, "the whole file in one gzip member");

	buf_reset(&w);
	half = plain.len / 2;	/* inside the second record */
	gz(&w, plain.s, half);
	gz(&w, plain.s + half, plain.len - half);
	expect(&w, all, 0, "records split across gzip members");

	/* NUL padding between members, as some writers leave */
	buf_reset(&w);
	gz(&w, plain.s, half);
	buf_add(&w, "\0\0\0\0", 4);
	gz(&w, plain.s + half, plain.len - half);
	expect(&w, all, 0, "NUL padding between members");
	buf_release(&plain);
	buf_release(&w);
}

static void test_bad(void)
{
	struct buf w = BUF_INIT, m = BUF_INIT, got = BUF_INIT;
	struct nc_error last = { 0 };
	size_t cut;

	/* the second member breaks off half way */
	record(&m, "resource", 1, blocks[0], -1);
	gz(&w, m.s, m.len);
	buf_reset(&m);
	record(&m, "resource", 2, blocks[1], -1);
	cut = w.len;
	gz(&w, m.s, m.len);
	buf_setlen(&w, cut + (w.len - cut) / 2);
	buf_reset(&m);
	record(&m, "resource", 3, blocks[2], -1);
	gz(&w, m.s, m.len);
	is_int(read_all(&w, 1 << 20, &got, &last), 1,
	       "a truncated gzip member is one error");
	is_str(got.s, "block one|block three, the last",
	       "  and the records around it read");
	ok(strstr(last.msg, "gzip") != NULL, "  it says gzip: %s", last.msg);
	buf_reset(&got);

	buf_reset(&w);
	record(&w, "resource", 1, blocks[0], -1);
	record(&w, "resource", 2, blocks[1], (long)strlen(blocks[1]) + 40);
	record(&w, "resource", 3, blocks[2], -1);
	expect(&w, "block one|block three, the last", 1,
	       "a Content-Length too long: that record only");

	buf_reset(&w);
	record(&w, "resource", 1, blocks[0], -1);
	record(&w, "resource", 2, blocks[1], (long)strlen(blocks[1]) - 5);
	record(&w, "resource", 3, blocks[2], -1);
	expect(&w, "block one|block three, the last", 1,
	       "a Content-Length too short: that record only");

	buf_reset(&w);
	record(&w, "resource", 1, blocks[0], -1);
	record(&w, "resource", 2, blocks[1], 2147483648L);
	expect(&w, "block one", 1, "a 2 GB Content-Length in a small file");

	buf_reset(&w);
	record(&w, "resource", 1, blocks[0], -1);
	buf_adds(&w, "garbage that is no record\r\n");
	record(&w, "resource", 3, blocks[2], -1);
	expect(&w, "block one|block three, the last", 1,
	       "garbage between records");

	buf_reset(&w);
	buf_adds(&w, "WARC/1.0\r\nWARC-Type: resource\r\n\r\n"
		 "no length\r\n\r\n");
	record(&w, "resource", 3, blocks[2], -1);
	expect(&w, "block three, the last", 1, "a missing Content-Length");

	buf_reset(&w);
	record(&w, "resource", 1, blocks[0], -1);
	buf_setlen(&w, w.len - 10);
	expect(&w, "", 1, "a record shorter than its Content-Length stores "
	       "nothing");
	buf_release(&w);
	buf_release(&m);
	buf_release(&got);
}

static void test_cap(void)
{
	struct buf w = BUF_INIT, big = BUF_INIT, got = BUF_INIT;
	struct nc_error last = { 0 };

	for (int i = 0; i < 5000; i++)
		buf_addc(&big, 'x');
	record(&w, "resource", 1, blocks[0], -1);
	record(&w, "resource", 2, big.s, -1);
	record(&w, "resource", 3, blocks[2], -1);
	is_int(read_all(&w, 1000, &got, &last), 1,
	       "a record over the cap is one error");
	is_int(last.code, NC_ETOOBIG, "  NC_ETOOBIG");
	ok(strstr(last.msg, "--max-record") != NULL, "  it names the option");
	is_str(got.s, "block one|block three, the last",
	       "  and the next record reads");
	buf_release(&w);
	buf_release(&big);
	buf_release(&got);
}

static enum nc_status parse(const char *msg, size_t len, size_t max,
			    struct http_response *h, struct nc_error *err)
{
	http_response_release(h);
	return http_parse_response((const unsigned char *)msg, len, max, h,
				   err);
}

static void test_http(void)
{
	static const char chunked[] = "HTTP/1.1 200 OK\r\n"
		"Transfer-Encoding: chunked\r\n"
		"Content-Type: text/html; charset=\"windows-1258\"\r\n\r\n"
		"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n";
	static const char bad[] = "HTTP/1.1 200 OK\r\n"
		"Transfer-Encoding: chunked\r\n\r\n5\r\nhel";
	static const char dechunked[] = "HTTP/1.1 200 OK\r\n"
		"Transfer-Encoding: chunked\r\n\r\n<html>stored de-chunked";
	struct http_response h;
	struct nc_error err;
	char cs[40];

	http_response_init(&h);
	is_int(parse(chunked, sizeof(chunked) - 1, 1000, &h, &err), NC_OK,
	       "chunked response");
	is_str(h.body.s, "hello world", "  de-chunked");
	is_int(h.status, 200, "  status");
	http_charset(h.content_type, cs, sizeof(cs));
	is_str(cs, "windows-1258", "  charset from Content-Type");
	is_int(parse(bad, sizeof(bad) - 1, 1000, &h, &err), NC_EDATA,
	       "invalid chunked encoding fails");
	ok(strstr(err.msg, "chunked") != NULL, "  and says so: %s", err.msg);
	is_int(parse(dechunked, sizeof(dechunked) - 1, 1000, &h, &err), NC_OK,
	       "a body stored de-chunked is kept");
	is_str(h.body.s, "<html>stored de-chunked", "  as it is");
	is_int(parse("HTTP/1.1 404 Not Found\r\n\r\n", 26, 1000, &h, &err),
	       NC_OK, "404 parses");
	is_int(h.status, 404, "  its status");
	is_int(parse("HTTP/1.0 200\r\n\r\nok", 18, 1000, &h, &err), NC_OK,
	       "a status line without reason");
	is_int(parse("HTTPX/1.1 200 OK\r\n\r\n", 20, 1000, &h, &err),
	       NC_EDATA, "not HTTP fails");
	http_response_release(&h);
}

/* "HTTP ... Content-Encoding: ce" + body into msg. */
static void encoded(struct buf *msg, const char *ce, const struct buf *body)
{
	buf_reset(msg);
	buf_addf(msg, "HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\n\r\n", ce);
	buf_add(msg, body->s, body->len);
}

static void brotli(struct buf *out, const char *data, size_t len)
{
	size_t n = BrotliEncoderMaxCompressedSize(len);

	buf_grow(out, n);
	BrotliEncoderCompress(5, 22, BROTLI_MODE_GENERIC, len,
			      (const uint8_t *)data, &n,
			      (uint8_t *)out->s + out->len);
	buf_setlen(out, out->len + n);
}

static void test_encodings(void)
{
	static const char page[] = "<html><body>trang tin</body></html>";
	struct buf body = BUF_INIT, msg = BUF_INIT, zeros = BUF_INIT;
	struct http_response h;
	struct nc_error err;
	z_stream zs = { 0 };
	uLongf n;

	http_response_init(&h);
	gz(&body, page, sizeof(page) - 1);
	encoded(&msg, "gzip", &body);
	is_int(parse(msg.s, msg.len, 1000, &h, &err), NC_OK, "gzip payload");
	is_str(h.body.s, page, "  decoded");

	buf_reset(&body);
	n = compressBound(sizeof(page));
	buf_grow(&body, n);
	compress((Bytef *)body.s, &n, (const Bytef *)page, sizeof(page) - 1);
	buf_setlen(&body, n);
	encoded(&msg, "deflate", &body);
	is_int(parse(msg.s, msg.len, 1000, &h, &err), NC_OK,
	       "deflate (zlib) payload");
	is_str(h.body.s, page, "  decoded");

	buf_reset(&body);
	deflateInit2(&zs, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	buf_grow(&body, 256);
	zs.next_in = (unsigned char *)page;
	zs.avail_in = sizeof(page) - 1;
	zs.next_out = (unsigned char *)body.s;
	zs.avail_out = 256;
	deflate(&zs, Z_FINISH);
	buf_setlen(&body, zs.total_out);
	deflateEnd(&zs);
	encoded(&msg, "deflate", &body);
	is_int(parse(msg.s, msg.len, 1000, &h, &err), NC_OK,
	       "raw deflate payload");
	is_str(h.body.s, page, "  decoded");

	buf_reset(&body);
	brotli(&body, page, sizeof(page) - 1);
	encoded(&msg, "br", &body);
	is_int(parse(msg.s, msg.len, 1000, &h, &err), NC_OK, "brotli payload");
	is_str(h.body.s, page, "  decoded");

	buf_setlen(&msg, msg.len - 3);
	is_int(parse(msg.s, msg.len, 1000, &h, &err), NC_EDATA,
	       "a truncated brotli payload fails");

	buf_reset(&body);
	buf_adds(&body, page);
	encoded(&msg, "gzip", &body);
	is_int(parse(msg.s, msg.len, 1000, &h, &err), NC_OK,
	       "a payload labelled gzip but stored plain is kept");
	is_str(h.body.s, page, "  as it is");

	/* bombs: 32 MiB of zeros, a few KiB compressed, a 1 MiB cap */
	buf_grow(&zeros, 32u << 20);
	memset(zeros.s, 0, 32u << 20);
	buf_setlen(&zeros, 32u << 20);
	buf_reset(&body);
	gz(&body, zeros.s, zeros.len);
	encoded(&msg, "gzip", &body);
	is_int(parse(msg.s, msg.len, 1u << 20, &h, &err), NC_ETOOBIG,
	       "a gzip bomb stops at the cap");
	ok(strstr(err.msg, "more than") != NULL, "  %s", err.msg);
	buf_reset(&body);
	brotli(&body, zeros.s, zeros.len);
	encoded(&msg, "br", &body);
	is_int(parse(msg.s, msg.len, 1u << 20, &h, &err), NC_ETOOBIG,
	       "a brotli bomb stops at the cap");
	http_response_release(&h);
	buf_release(&body);
	buf_release(&msg);
	buf_release(&zeros);
}

int main(void)
{
	test_fields();
	test_layouts();
	test_bad();
	test_cap();
	test_http();
	test_encodings();
	return done_testing();
}
