/*
 * warc-write.c - the WARC records of an export; see warc.h.
 */
#include "warc.h"

#include <stdio.h>
#include <time.h>

#include "buf.h"
#include "hash.h"

/* "<urn:uuid:...>" made from 32 hex digits of a SHA-256 (version 8). */
static void record_id(const char *hex, char out[WARC_ID_SIZE])
{
	snprintf(out, WARC_ID_SIZE, "<urn:uuid:%.8s-%.4s-8%.3s-8%.3s-%.12s>",
		 hex, hex + 8, hex + 12, hex + 15, hex + 18);
}

static void warc_date(int64_t t, struct buf *out)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];

	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_adds(out, s);
}

/* "sha256:" and the RFC 4648 base32 of digest d. */
static void digest_base32(const unsigned char d[HASH_SIZE], struct buf *out)
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned acc = 0;
	int bits = 0;
	size_t chars = 0;

	buf_adds(out, "sha256:");
	for (size_t i = 0; i < HASH_SIZE; i++) {
		acc = (acc << 8) | d[i];
		bits += 8;
		while (bits >= 5) {
			buf_addc(out, b32[(acc >> (bits - 5)) & 31]);
			bits -= 5;
			chars++;
		}
	}
	if (bits) {
		buf_addc(out, b32[(acc << (5 - bits)) & 31]);
		chars++;
	}
	while (chars++ % 8)
		buf_addc(out, '=');
}

/* Whether s may stand in a WARC header as a URI. */
static int header_safe(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return 0;
	return 1;
}

enum nc_status warc_write_article(struct arc_writer *w,
				  const struct article *a,
				  const char *info_id, struct nc_error *err)
{
	unsigned char d[HASH_SIZE];
	struct buf h = BUF_INIT, digest = BUF_INIT;
	char id[WARC_ID_SIZE];
	enum nc_status s;

	record_id(a->hash, id);
	buf_addf(&h, "WARC-Type: resource\r\nWARC-Record-ID: %s\r\n"
		 "WARC-Date: ", id);
	warc_date(a->ingested, &h);
	buf_adds(&h, "\r\nWARC-Target-URI: ");
	if (header_safe(a->url))
		buf_adds(&h, a->url);
	else
		buf_addf(&h, "urn:sha256:%s", a->hash);
	buf_addf(&h, "\r\nWARC-Warcinfo-ID: %s\r\n", info_id);
	if (header_safe(a->encoding))
		buf_addf(&h, "Content-Type: text/plain; charset=%s\r\n",
			 a->encoding);
	else
		buf_adds(&h, "Content-Type: application/octet-stream\r\n");
	/* the block is the payload: one digest serves both headers */
	hash_digest(a->raw, a->raw_len, d);
	digest_base32(d, &digest);
	buf_addf(&h, "WARC-Payload-Digest: %s\r\nWARC-Block-Digest: %s\r\n",
		 digest.s, digest.s);
	s = arc_writer_record(w, h.s, a->raw, a->raw_len, err);
	buf_release(&h);
	buf_release(&digest);
	return s;
}

enum nc_status warc_write_info(struct arc_writer *w, int64_t upto,
			       int64_t date, char id[WARC_ID_SIZE],
			       struct nc_error *err)
{
	struct buf h = BUF_INIT, body = BUF_INIT;
	char hex[HASH_HEX_LEN + 1];
	enum nc_status s;

	buf_addf(&body, "newsctl export up to article %lld", (long long)upto);
	hash_hex(body.s, body.len, hex);
	record_id(hex, id);
	buf_reset(&body);
	buf_addf(&body, "software: newsctl/%s\r\nformat: WARC File Format "
		 "1.0\r\n", NEWSCTL_VERSION);
	buf_addf(&h, "WARC-Type: warcinfo\r\nWARC-Record-ID: %s\r\n"
		 "WARC-Date: ", id);
	warc_date(date, &h);
	buf_adds(&h, "\r\nContent-Type: application/warc-fields\r\n");
	s = arc_writer_record(w, h.s, body.s, body.len, err);
	buf_release(&h);
	buf_release(&body);
	return s;
}
