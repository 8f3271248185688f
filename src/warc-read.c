/*
 * warc-read.c - WARC records from plain or gzip'd files; see warc-read.h.
 *
 * The file is turned into one stream of bytes (gzip members inflated one
 * after the other) held in a window: the current record and what has been
 * read past it. The window is compacted before each record, so memory is
 * bounded by the largest record read (the cap) plus one read chunk.
 *
 * Damage in the gzip layer (a member that breaks off, bad data) is noted
 * as a break at that stream offset; the inflater then looks for the next
 * member's magic bytes. A record that spans a break is reported with the
 * gzip error, and the record after the break is read as usual.
 */
#include "warc-read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "buf.h"

#define CHUNK (256u << 10)
#define NO_BREAK UINT64_MAX

struct warc_reader {
	const unsigned char *in;
	size_t in_len, in_pos;
	size_t member_start;	/* where the current gzip member began */
	const char *name;
	uint64_t max_record;
	int gz;			/* the file is gzip'd */
	int member;		/* inside a gzip member */
	z_stream zs;
	int zs_init;
	struct buf win;		/* the decompressed stream from base on */
	size_t pos;		/* parse position in win */
	uint64_t base;		/* stream offset of win.s[0] */
	int eof;		/* nothing more to read into win */
	uint64_t brk;		/* stream offset of the last gzip break */
	char brk_msg[160];
	char *fields[5];	/* the strings of the last record */
};

int warc_sniff(const unsigned char *head, size_t len)
{
	return (len >= 5 && !memcmp(head, "WARC/", 5));
}

struct warc_reader *warc_open(const unsigned char *data, size_t len,
			      const char *name, uint64_t max_record)
{
	struct warc_reader *r = xcalloc(1, sizeof(*r));

	r->in = data;
	r->in_len = len;
	r->name = name;
	r->max_record = max_record;
	r->gz = len >= 2 && data[0] == 0x1f && data[1] == 0x8b;
	r->brk = NO_BREAK;
	buf_init(&r->win);
	return r;
}

static void free_fields(struct warc_reader *r)
{
	for (size_t i = 0; i < sizeof(r->fields) / sizeof(*r->fields); i++) {
		free(r->fields[i]);
		r->fields[i] = NULL;
	}
}

void warc_close(struct warc_reader *r)
{
	if (!r)
		return;
	if (r->zs_init)
		inflateEnd(&r->zs);
	free_fields(r);
	buf_release(&r->win);
	free(r);
}

/* Note a break in the gzip layer at the current end of the stream. */
static void gz_break(struct warc_reader *r, const char *what)
{
	r->brk = r->base + r->win.len;
	snprintf(r->brk_msg, sizeof(r->brk_msg), "%s at byte %zu of the file",
		 what, r->in_pos);
}

/* Find the next gzip member at or after in_pos; 0 when there is none. */
static int next_member(struct warc_reader *r, int damaged)
{
	size_t i = r->in_pos;

	/* NUL or white space padding between members is common */
	while (!damaged && i < r->in_len &&
	       (!r->in[i] || r->in[i] == '\n' || r->in[i] == '\r'))
		i++;
	if (!damaged && i + 1 < r->in_len && r->in[i] == 0x1f &&
	    r->in[i + 1] == 0x8b) {
		r->in_pos = r->member_start = i;
		return 1;
	}
	if (!damaged && i < r->in_len) {
		gz_break(r, "data that is not gzip");
		r->member_start = i;
	}
	for (i = r->member_start + 1; i + 2 < r->in_len; i++) {
		const unsigned char *p = memchr(r->in + i, 0x1f,
						r->in_len - i - 2);

		if (!p)
			break;
		i = (size_t)(p - r->in);
		if (p[1] == 0x8b && p[2] == 8) {
			r->in_pos = r->member_start = i;
			return 1;
		}
	}
	r->in_pos = r->in_len;
	return 0;
}

/* Inflate up to one chunk more into the window. */
static void inflate_some(struct warc_reader *r)
{
	int rc;

	if (!r->member) {
		if (r->in_pos >= r->in_len || !next_member(r, 0)) {
			r->eof = 1;
			return;
		}
		if (!r->zs_init) {
			if (inflateInit2(&r->zs, 16 + MAX_WBITS) != Z_OK) {
				r->eof = 1;
				return;
			}
			r->zs_init = 1;
		} else {
			inflateReset(&r->zs);
		}
		r->member = 1;
	}
	buf_grow(&r->win, CHUNK);
	r->zs.next_in = (unsigned char *)r->in + r->in_pos;
	r->zs.avail_in = (uInt)(r->in_len - r->in_pos > (1u << 30) ?
				(1u << 30) : r->in_len - r->in_pos);
	r->zs.next_out = (unsigned char *)r->win.s + r->win.len;
	r->zs.avail_out = CHUNK;
	rc = inflate(&r->zs, Z_NO_FLUSH);
	r->win.len += CHUNK - r->zs.avail_out;
	r->win.s[r->win.len] = 0;
	r->in_pos = (size_t)(r->zs.next_in - r->in);
	if (rc == Z_STREAM_END) {
		r->member = 0;
	} else if (rc == Z_BUF_ERROR || (rc == Z_OK &&
		   r->in_pos >= r->in_len && r->zs.avail_out)) {
		if (r->in_pos >= r->in_len) {
			/* a member that breaks off may have swallowed the
			 * members after it: look for them inside */
			gz_break(r, "truncated gzip member");
			r->member = 0;
			next_member(r, 1);
		}
	} else if (rc != Z_OK) {
		gz_break(r, "damaged gzip data");
		r->member = 0;
		next_member(r, 1);
	}
}

/* Make at least need bytes past pos available, unless the stream ends. */
static int fill(struct warc_reader *r, size_t need)
{
	while (r->win.len - r->pos < need && !r->eof) {
		if (r->gz) {
			inflate_some(r);
		} else {
			size_t n = r->in_len - r->in_pos;

			if (!n) {
				r->eof = 1;
				break;
			}
			if (n > CHUNK)
				n = CHUNK;
			buf_add(&r->win, r->in + r->in_pos, n);
			r->in_pos += n;
		}
	}
	return r->win.len - r->pos >= need;
}

/* Drop what lies before pos from the window. */
static void compact(struct warc_reader *r)
{
	if (!r->pos)
		return;
	memmove(r->win.s, r->win.s + r->pos, r->win.len - r->pos);
	r->base += r->pos;
	buf_setlen(&r->win, r->win.len - r->pos);
	r->pos = 0;
}

/* Move pos to the next "WARC/" at from or at the start of a line after
 * it. */
static void resync(struct warc_reader *r, size_t from)
{
	r->pos = from;
	for (;;) {
		const char *w = r->win.s, *p;
		size_t i = r->pos;

		while ((p = memchr(w + i, 'W', r->win.len - i))) {
			i = (size_t)(p - w);
			if (r->win.len - i >= 5 && !memcmp(p, "WARC/", 5) &&
			    (i == 0 || i == from || w[i - 1] == '\n')) {
				r->pos = i;
				return;
			}
			i++;
		}
		if (r->eof) {
			r->pos = r->win.len;
			return;
		}
		r->pos = r->win.len > 4 ? r->win.len - 4 : 0;
		compact(r);
		fill(r, r->win.len - r->pos + CHUNK);
	}
}

/* Skip n bytes of the stream without holding them; 0 if it ends first. */
static int skip(struct warc_reader *r, uint64_t n)
{
	while (n) {
		size_t have;

		compact(r);
		/* a plain file: jump over what the window has not read */
		if (!r->gz && r->pos == r->win.len) {
			uint64_t left = r->in_len - r->in_pos;

			have = (size_t)(n < left ? n : left);
			r->in_pos += have;
			r->base += have;
			n -= have;
			if (n)
				return 0;
			break;
		}
		fill(r, 1);
		have = r->win.len - r->pos;
		if (!have)
			return 0;
		if (have > n)
			have = (size_t)n;
		r->pos += have;
		n -= have;
	}
	return 1;
}

/* Read the value of header line "Name: value" into *out when it is name. */
static int header_value(const char *line, size_t len, const char *name,
			char **out)
{
	size_t n = strlen(name), b, e;

	if (len <= n || strncasecmp(line, name, n) || line[n] != ':')
		return 0;
	for (b = n + 1; b < len && (line[b] == ' ' || line[b] == '\t'); b++)
		;
	for (e = len; e > b && (line[e - 1] == ' ' || line[e - 1] == '\t');
	     e--)
		;
	if (e > b + 1 && line[b] == '<' && line[e - 1] == '>') {
		b++;
		e--;
	}
	free(*out);
	*out = xstrndup(line + b, e - b);
	return 1;
}

/*
 * Parse the header block (hlen bytes at h, after the version line) into
 * rec and *clen. Returns 0 when Content-Length is missing or invalid.
 */
static int parse_header(struct warc_reader *r, const char *h, size_t hlen,
			struct warc_record *rec, uint64_t *clen)
{
	char *type = NULL, *len = NULL;
	int ok = 0;

	free_fields(r);
	for (size_t i = 0; i < hlen;) {
		const char *nl = memchr(h + i, '\n', hlen - i);
		size_t e = nl ? (size_t)(nl - h) : hlen, l = e;

		while (l > i && h[l - 1] == '\r')
			l--;
		if (!header_value(h + i, l - i, "WARC-Type", &type) &&
		    !header_value(h + i, l - i, "Content-Length", &len) &&
		    !header_value(h + i, l - i, "WARC-Target-URI",
				  &r->fields[0]) &&
		    !header_value(h + i, l - i, "WARC-Date", &r->fields[1]) &&
		    !header_value(h + i, l - i, "WARC-Record-ID",
				  &r->fields[2]) &&
		    !header_value(h + i, l - i, "Content-Type",
				  &r->fields[3]))
			header_value(h + i, l - i, "WARC-Truncated",
				     &r->fields[4]);
		i = e + 1;
	}
	for (size_t i = 0; i < 5; i++)
		if (!r->fields[i])
			r->fields[i] = xstrdup("");
	rec->target_uri = r->fields[0];
	rec->date = r->fields[1];
	rec->record_id = r->fields[2];
	rec->content_type = r->fields[3];
	rec->truncated = r->fields[4];
	snprintf(rec->type, sizeof(rec->type), "%s", type ? type : "");
	if (len && *len && strspn(len, "0123456789") == strlen(len) &&
	    strlen(len) < 19) {
		*clen = strtoull(len, NULL, 10);
		ok = 1;
	}
	free(type);
	free(len);
	return ok;
}

/* Find the end of the header block from pos: the offset past the blank
 * line, or 0 when there is none within WARC_MAX_HEADER. */
static size_t header_end(struct warc_reader *r)
{
	size_t from = r->pos;

	for (;;) {
		const char *w = r->win.s;

		for (size_t i = from; i < r->win.len; i++) {
			const char *nl = memchr(w + i, '\n', r->win.len - i);
			size_t j;

			if (!nl)
				break;
			i = (size_t)(nl - w);
			for (j = i + 1; j < r->win.len && w[j] == '\r'; j++)
				;
			if (j < r->win.len && w[j] == '\n')
				return j + 1;
		}
		if (r->win.len - r->pos >= WARC_MAX_HEADER || r->eof)
			return 0;
		from = r->win.len > r->pos + 4 ? r->win.len - 4 : r->pos;
		fill(r, r->win.len - r->pos + 4096);
	}
}

/* After a block ending at end: CR/LF/NUL padding (CRLF CRLF as written,
 * at least two of them), or none or one when the next record follows at
 * once. A block that ends elsewhere had a wrong Content-Length. */
static int ends_well(struct warc_reader *r, size_t end)
{
	size_t i = end;

	fill(r, end - r->pos + 64);
	while (i < r->win.len && (r->win.s[i] == '\r' || r->win.s[i] == '\n' ||
				  r->win.s[i] == 0)) {
		i++;
		if (i == r->win.len)
			fill(r, i - r->pos + 64);
	}
	if (i >= r->win.len || i >= end + 2)
		return i > end;
	fill(r, i - r->pos + 5);
	return r->win.len - i >= 5 && !memcmp(r->win.s + i, "WARC/", 5);
}

/* Report the record at stream offset at and go on from window offset
 * resume; a gzip break inside the record is the better reason. */
static enum nc_status bad(struct warc_reader *r, struct nc_error *err,
			  uint64_t at, size_t resume, enum nc_status code,
			  const char *why)
{
	if (r->brk != NO_BREAK && r->brk > at && r->brk >= r->base &&
	    r->brk <= r->base + r->win.len) {
		why = r->brk_msg;
		resume = (size_t)(r->brk - r->base);
		code = NC_EDATA;
	}
	nc_fail(err, code, "'%s': record at byte %llu: %s", r->name,
		(unsigned long long)at, why);
	r->brk = NO_BREAK;
	resync(r, resume);
	return code;
}

enum nc_status warc_next(struct warc_reader *r, struct warc_record *rec,
			 struct nc_error *err)
{
	uint64_t clen = 0, at;
	size_t hend, vend, end;
	char msg[400];

	compact(r);
	for (;;) {
		fill(r, 1);
		if (r->pos < r->win.len && strchr("\r\n", r->win.s[r->pos]) &&
		    r->win.s[r->pos])
			r->pos++;
		else if (r->pos < r->win.len && !r->win.s[r->pos])
			r->pos++;
		else
			break;
	}
	if (!fill(r, 1))
		return NC_NOMATCH;
	at = r->base + r->pos;
	fill(r, 16);
	if (r->win.len - r->pos < 5 || memcmp(r->win.s + r->pos, "WARC/", 5))
		return bad(r, err, at, r->pos + 1, NC_EDATA,
			   "not a WARC record (no 'WARC/' version line)");
	hend = header_end(r);
	if (!hend)
		return bad(r, err, at, r->pos + 1, NC_EDATA,
			   "header block without an end");
	vend = (size_t)((char *)memchr(r->win.s + r->pos, '\n',
				       hend - r->pos) - r->win.s) + 1;
	if (memcmp(r->win.s + r->pos, "WARC/1.", 7))
		return bad(r, err, at, vend, NC_EDATA,
			   "unsupported WARC version");
	if (!parse_header(r, r->win.s + vend, hend - vend, rec, &clen))
		return bad(r, err, at, vend, NC_EDATA,
			   "missing or invalid Content-Length");
	rec->offset = at;
	if (clen > r->max_record) {
		snprintf(msg, sizeof(msg), "%s record of %llu bytes, over the "
			 "record size limit of %llu (see --max-record)",
			 rec->type, (unsigned long long)clen,
			 (unsigned long long)r->max_record);
		r->pos = hend;
		if (!skip(r, clen))
			snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
				 "; the file ends inside it");
		return bad(r, err, at, r->pos, NC_ETOOBIG, msg);
	}
	if (!fill(r, hend - r->pos + (size_t)clen)) {
		snprintf(msg, sizeof(msg), "truncated: Content-Length is %llu "
			 "but the file ends after %zu bytes",
			 (unsigned long long)clen, r->win.len - hend);
		return bad(r, err, at, hend, NC_EDATA, msg);
	}
	end = hend + (size_t)clen;
	if (r->brk != NO_BREAK && r->brk > at && r->brk <= r->base + end)
		return bad(r, err, at, end, NC_EDATA, "");
	if (!ends_well(r, end))
		return bad(r, err, at, hend, NC_EDATA, "the block does not end "
			   "where its Content-Length says (wrong length)");
	rec->block = (const unsigned char *)r->win.s + hend;
	rec->block_len = (size_t)clen;
	r->pos = end;
	return NC_OK;
}
