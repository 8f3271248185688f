/*
 * export.c - the entries and manifest of an export archive; see export.h.
 */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include "date.h"
#include "hash.h"
#include "output.h"

#define SLUG_MAX 60

void export_item_init(struct export_item *it)
{
	memset(it, 0, sizeof(*it));
	buf_init(&it->txt_path);
	buf_init(&it->txt);
	buf_init(&it->orig_path);
}

void export_item_release(struct export_item *it)
{
	buf_release(&it->txt_path);
	buf_release(&it->txt);
	buf_release(&it->orig_path);
}

/* The ASCII letter under a Latin letter with marks (đ gives d), or 0. */
static int base_letter(UChar32 c)
{
	const UNormalizer2 *nfd;
	UErrorCode status = U_ZERO_ERROR;
	UChar d[8];
	int32_t n;

	if (c == 0x111 || c == 0x110)
		return 'd';
	nfd = unorm2_getNFDInstance(&status);
	if (U_FAILURE(status))
		return 0;
	n = unorm2_getDecomposition(nfd, c, d, 8, &status);
	if (U_FAILURE(status) || n < 1 || d[0] >= 128)
		return 0;
	return d[0];
}

void export_slug(const char *title, struct buf *out)
{
	size_t start = out->len, last_word = out->len;
	int32_t i = 0, len = title ? (int32_t)strlen(title) : 0;
	int gap = 0;

	while (i < len) {
		UChar32 c;
		int ch;

		U8_NEXT(title, i, len, c);
		ch = c >= 0 && c < 128 ? (int)c : c > 0 ? base_letter(c) : 0;
		if (ch >= 'A' && ch <= 'Z')
			ch += 'a' - 'A';
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
			gap = out->len > start;
			continue;
		}
		if (gap) {
			if (out->len - start + 2 > SLUG_MAX)
				break;
			last_word = out->len;
			buf_addc(out, '-');
			gap = 0;
		}
		if (out->len - start >= SLUG_MAX) {
			buf_setlen(out, last_word > start ? last_word
				   : out->len);
			break;
		}
		buf_addc(out, ch);
	}
	if (out->len == start)
		buf_adds(out, "article");
}

/* Whether s starts with YYYY-MM-DD. */
static int has_day(const char *s)
{
	static const char shape[] = "dddd-dd-dd";

	if (!s)
		return 0;
	for (int i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
			return 0;
	return 1;
}

int64_t export_mtime(const struct article *a)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	struct tm tm = { 0 };
	const char *z;
	int64_t t, off = DATE_VN_OFFSET;

	if (!has_day(a->published) ||
	    sscanf(a->published, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return a->ingested;
	z = a->published + n;
	if (*z == 'T' && sscanf(z + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &n) == 3)
		z += 1 + n;
	else if (*z == 'T' && sscanf(z + 1, "%2d:%2d%n", &h, &mi, &n) == 2)
		z += 1 + n;
	if (*z == 'Z') {
		off = 0;
	} else if ((*z == '+' || *z == '-') && strlen(z) >= 6) {
		int oh = atoi(z + 1), om = atoi(z + 4);

		off = (oh * 3600 + om * 60) * (*z == '-' ? -1 : 1);
	}
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = (int64_t)timegm(&tm);
	return t - off;
}

/* "YYYY/MM/DD" of the article (see DAY_KEY in store.c). */
static void day_folder(const struct article *a, struct buf *out)
{
	if (has_day(a->published)) {
		buf_addf(out, "%.4s/%.2s/%.2s", a->published,
			 a->published + 5, a->published + 8);
	} else {
		time_t t = (time_t)(a->ingested + DATE_VN_OFFSET);
		struct tm tm;

		gmtime_r(&t, &tm);
		buf_addf(out, "%04d/%02d/%02d", tm.tm_year + 1900,
			 tm.tm_mon + 1, tm.tm_mday);
	}
}

/* A header line "Key: value" with line breaks in value made spaces. */
static void header(struct buf *out, const char *key, const char *value)
{
	if (!value)
		return;
	buf_adds(out, key);
	buf_adds(out, ": ");
	for (const char *p = value; *p; p++)
		buf_addc(out, *p == '\n' || *p == '\r' ? ' ' : *p);
	buf_addc(out, '\n');
}

void export_article(const struct article *a, struct export_item *it)
{
	size_t text_start;

	buf_reset(&it->txt_path);
	buf_reset(&it->txt);
	buf_reset(&it->orig_path);
	day_folder(a, &it->txt_path);
	buf_addf(&it->orig_path, "%s/%lld.orig", it->txt_path.s,
		 (long long)a->id);
	buf_addf(&it->txt_path, "/%lld-", (long long)a->id);
	export_slug(a->title, &it->txt_path);
	buf_adds(&it->txt_path, ".txt");

	header(&it->txt, "Title", a->title);
	header(&it->txt, "Date", a->published);
	header(&it->txt, "Source", a->source);
	header(&it->txt, "URL", a->url);
	header(&it->txt, "Section", a->section);
	header(&it->txt, "Author", a->byline);
	header(&it->txt, "Credit", a->credit);
	for (size_t i = 0; i < a->ncaptions; i++)
		header(&it->txt, "Caption", a->captions[i]);
	header(&it->txt, "Hash", a->hash);
	buf_addc(&it->txt, '\n');
	text_start = it->txt.len;
	buf_adds(&it->txt, a->title ? a->title : "");
	buf_adds(&it->txt, "\n\n");
	if (a->lead) {
		buf_adds(&it->txt, a->lead);
		buf_adds(&it->txt, "\n\n");
	}
	it->body_offset = it->txt.len;
	buf_adds(&it->txt, a->body ? a->body : "");
	buf_addc(&it->txt, '\n');
	hash_hex(it->txt.s, it->txt.len, it->txt_sha);
	if (a->raw && a->raw_len == it->txt.len - text_start &&
	    !memcmp(a->raw, it->txt.s + text_start, a->raw_len)) {
		buf_reset(&it->orig_path);
		it->orig_sha[0] = '\0';
	} else {
		hash_hex(a->raw ? (const void *)a->raw : "", a->raw_len,
			 it->orig_sha);
	}
	it->mtime = export_mtime(a);
}

void export_manifest_line(const struct article *a,
			  const struct export_item *it, FILE *fp)
{
	struct printer *pr = printer_new(PR_JSON, fp, NULL, 0);

	pr_begin_map(pr);
	pr_article_keys(pr, a, PR_ART_FIELDS);
	pr_key(pr, "raw_size");
	pr_int(pr, (long long)a->raw_len);
	pr_key(pr, "txt");
	pr_begin_map(pr);
	pr_key(pr, "path");
	pr_str(pr, it->txt_path.s);
	pr_key(pr, "size");
	pr_int(pr, (long long)it->txt.len);
	pr_key(pr, "sha256");
	pr_str(pr, it->txt_sha);
	pr_key(pr, "body_offset");
	pr_int(pr, (long long)it->body_offset);
	pr_key(pr, "body_bytes");
	pr_int(pr, a->body ? (long long)strlen(a->body) : 0);
	pr_end(pr);
	pr_key(pr, "orig");
	if (it->orig_path.len) {
		pr_begin_map(pr);
		pr_key(pr, "path");
		pr_str(pr, it->orig_path.s);
		pr_key(pr, "size");
		pr_int(pr, (long long)a->raw_len);
		pr_key(pr, "sha256");
		pr_str(pr, it->orig_sha);
		pr_end(pr);
	} else {
		pr_null(pr);
	}
	pr_end(pr);
	pr_record(pr);
	printer_free(pr);
}

/* Reading a manifest line back (jansson). */

static int get_str(json_t *o, const char *key, char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return -1;
	*out = xstrndup(json_string_value(v), json_string_length(v));
	return 0;
}

static int get_int(json_t *o, const char *key, long long *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		return -1;
	*out = json_integer_value(v);
	return 0;
}

static int get_sha(json_t *o, char out[HASH_HEX_LEN + 1])
{
	json_t *v = json_object_get(o, "sha256");

	if (!json_is_string(v) || json_string_length(v) != HASH_HEX_LEN)
		return -1;
	memcpy(out, json_string_value(v), HASH_HEX_LEN + 1);
	return 0;
}

/*
 * Over 80 lines: one manifest field after another, each checked; in
 * pieces every one would need the JSON object and the "bad" flag.
 */
enum nc_status export_record_parse(const char *line, size_t len,
				   struct export_record *r,
				   struct nc_error *err)
{
	json_error_t jerr;
	json_t *o = json_loadb(line, len, 0, &jerr), *v, *txt, *orig;
	struct article *a = &r->a;
	char *hash = NULL;
	long long n, off = 0, body = 0, size = 0;
	int bad = 0;

	memset(r, 0, sizeof(*r));
	article_init(a);
	if (!o)
		return nc_fail(err, NC_EDATA, "not JSON: %s", jerr.text);
	if (!json_is_object(o) || get_int(o, "id", &n) || n <= 0) {
		json_decref(o);
		return nc_fail(err, NC_EDATA, "no article id");
	}
	a->id = n;
	bad |= get_str(o, "hash", &hash);
	if (!hash || strlen(hash) != HASH_HEX_LEN)
		bad = 1;
	else
		memcpy(a->hash, hash, HASH_HEX_LEN + 1);
	free(hash);
	bad |= get_str(o, "source", &a->source);
	bad |= get_str(o, "origin", &a->origin);
	bad |= get_str(o, "url", &a->url);
	bad |= get_str(o, "external_id", &a->external_id);
	bad |= get_str(o, "section", &a->section);
	bad |= get_str(o, "title", &a->title);
	bad |= get_str(o, "lead", &a->lead);
	bad |= get_str(o, "published", &a->published);
	bad |= get_str(o, "byline", &a->byline);
	bad |= get_str(o, "credit", &a->credit);
	bad |= get_str(o, "fetched", &a->fetched);
	bad |= get_str(o, "encoding", &a->encoding);
	v = json_object_get(o, "captions");
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++) {
			json_t *c = json_array_get(v, i);

			if (!json_is_string(c)) {
				bad = 1;
				break;
			}
			article_add_caption(a, json_string_value(c),
					    json_string_length(c));
		}
	}
	v = json_object_get(o, "views");
	a->views = json_is_integer(v) ? json_integer_value(v)
		: ARTICLE_NO_VIEWS;
	bad |= get_int(o, "ingested", &n);
	a->ingested = n;
	bad |= get_int(o, "raw_size", &n);
	a->raw_len = (size_t)n;
	txt = json_object_get(o, "txt");
	orig = json_object_get(o, "orig");
	if (!json_is_object(txt) || get_str(txt, "path", &r->txt_path) ||
	    !r->txt_path || get_sha(txt, r->txt_sha) ||
	    get_int(txt, "size", &size) ||
	    get_int(txt, "body_offset", &off) ||
	    get_int(txt, "body_bytes", &body) || off < 0 || body < 0 ||
	    body > size || off > size - body)	/* no overflow */
		bad = 1;
	r->txt_size = (uint64_t)size;
	r->body_offset = (size_t)off;
	r->body_bytes = (size_t)body;
	if (json_is_object(orig)) {
		if (get_str(orig, "path", &r->orig_path) || !r->orig_path ||
		    get_sha(orig, r->orig_sha) || get_int(orig, "size", &size))
			bad = 1;
		r->orig_size = (uint64_t)size;
	} else if (orig && !json_is_null(orig)) {
		bad = 1;
	}
	if (!a->title)
		bad = 1;
	json_decref(o);
	if (bad) {
		char id[32];

		snprintf(id, sizeof(id), "%lld", (long long)a->id);
		export_record_release(r);
		return nc_fail(err, NC_EDATA, "article %s: missing or bad "
			       "fields", id);
	}
	return NC_OK;
}

void export_record_release(struct export_record *r)
{
	article_release(&r->a);
	free(r->txt_path);
	free(r->orig_path);
	r->txt_path = r->orig_path = NULL;
}

const char *export_text_part(const char *txt, size_t len, size_t *text_len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if (txt[i] == '\n' && txt[i + 1] == '\n') {
			*text_len = len - i - 2;
			return txt + i + 2;
		}
	return NULL;
}

void export_spool_init(struct export_spool *sp)
{
	memset(sp, 0, sizeof(*sp));
	hash_init(&sp->h);
}

void export_spool_release(struct export_spool *sp)
{
	if (sp->fp)
		fclose(sp->fp);
	export_spool_init(sp);
}

enum nc_status export_spool_piece(struct export_spool *sp,
				  const unsigned char *data, size_t len,
				  struct nc_error *err)
{
	if (!sp->fp && !(sp->fp = tmpfile()))
		return nc_fail(err, NC_EIO, "cannot create a temporary file "
			       "for the manifest: %s", strerror(errno));
	if (!data) {
		hash_final(&sp->h, sp->sha);
		sp->done = 1;
		return NC_OK;
	}
	hash_update(&sp->h, data, len);
	if (fwrite(data, 1, len, sp->fp) != len)
		return nc_fail(err, NC_EIO, "cannot write the manifest to a "
			       "temporary file: %s", strerror(errno));
	return NC_OK;
}

enum nc_status export_spool_stream(struct export_spool *sp,
				   const unsigned char *head, size_t len,
				   struct stream *rest, struct nc_error *err)
{
	unsigned char block[65536];
	enum nc_status s = export_spool_piece(sp, head, len, err);
	ssize_t n;

	while (!s && (n = stream_read(rest, block, sizeof(block), err)) != 0)
		s = n < 0 ? NC_EDATA : export_spool_piece(sp, block, (size_t)n,
							  err);
	if (!s)
		s = export_spool_piece(sp, NULL, 0, err);
	return s;
}

enum nc_status export_spool_lines(struct export_spool *sp, size_t max_line,
				  export_line_fn fn, void *ctx,
				  struct nc_error *err)
{
	struct buf line = BUF_INIT;
	enum nc_status s = NC_OK;
	long long number = 0;
	int c = 0, over = 0;

	if (!sp->fp)
		return NC_OK;
	if (fflush(sp->fp) || fseeko(sp->fp, 0, SEEK_SET))
		return nc_fail(err, NC_EIO, "cannot read the manifest back: "
			       "%s", strerror(errno));
	while (!s && c != EOF) {
		c = getc_unlocked(sp->fp);
		if (c != '\n' && c != EOF) {
			if (line.len < max_line)
				buf_addc(&line, (char)c);
			else
				over = 1;
			continue;
		}
		if (c == EOF && !line.len && !over)
			break;
		number++;
		s = fn(ctx, number, over ? NULL : line.s, line.len);
		buf_reset(&line);
		over = 0;
	}
	if (!s && ferror(sp->fp))
		s = nc_fail(err, NC_EIO, "cannot read the manifest back: %s",
			    strerror(errno));
	buf_release(&line);
	return s;
}
