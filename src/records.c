/*
 * records.c - CSV and JSON Lines exports; see records.h.
 *
 * All lengths are in bytes. The reader never copies the export: a CSV row
 * is unquoted into a buffer the reader owns, a JSON line is parsed by
 * jansson into an object the reader frees on the next row.
 */
#include "records.h"
#include "stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

/*
 * Default mapping: the names common crawler exports and datasets use,
 * most specific first. To support another export, add its names here
 * (or map them at run time with --field).
 */
static const char *const default_paths[RF_COUNT][RECORDS_MAP_MAX] = {
	[RF_ID] = { "id", "doc_id", "_id", "guid" },
	[RF_URL] = { "url", "link", "canonical_url" },
	[RF_SOURCE] = { "source", "source.name", "site", "publisher" },
	[RF_SECTION] = { "section", "category", "category.primary" },
	[RF_TITLE] = { "title", "headline" },
	[RF_LEAD] = { "lead", "sapo", "description", "summary" },
	[RF_DATE] = { "published_at", "date", "time", "published",
		      "pubDate", "datetime" },
	[RF_AUTHOR] = { "author", "byline", "authors", "author.name" },
	[RF_BODY] = { "content", "content.text", "body", "text" },
};

static const char *const field_names[RF_COUNT] = {
	[RF_ID] = "id", [RF_URL] = "url", [RF_SOURCE] = "source",
	[RF_SECTION] = "section", [RF_TITLE] = "title", [RF_LEAD] = "lead",
	[RF_DATE] = "date", [RF_AUTHOR] = "author", [RF_BODY] = "body",
};

/* Other names --field accepts for a field. */
static const struct {
	const char *name;
	enum record_field field;
} field_aliases[] = {
	{ "external_id", RF_ID }, { "doc_id", RF_ID },
	{ "link", RF_URL },
	{ "category", RF_SECTION },
	{ "headline", RF_TITLE },
	{ "sapo", RF_LEAD }, { "description", RF_LEAD },
	{ "published", RF_DATE }, { "published_at", RF_DATE },
	{ "time", RF_DATE },
	{ "byline", RF_AUTHOR },
	{ "content", RF_BODY }, { "text", RF_BODY },
};

/* A header row of more columns is refused (no export has so many). */
#define CSV_MAX_COLUMNS 4096

struct records_reader {
	enum records_format fmt;
	const unsigned char *data;
	size_t len;
	size_t pos;		/* next byte to read */
	long line;		/* line of data[pos], from 1 */
	/* CSV */
	char **cols;		/* header names, NUL-terminated */
	size_t ncols;
	struct buf row;		/* the current row's values, unquoted */
	size_t *off;		/* value i is row.s + off[i], vlen[i] bytes */
	size_t *vlen;
	size_t nvals, capvals;
	/* JSONL */
	json_t *obj;
	/* a stream: data is a window of the export, refilled from src */
	struct stream *src;	/* NULL: data is the whole export */
	struct buf win;
	size_t max_row;		/* longer rows are skipped */
	int eof;		/* src has no more */
	int failed;		/* src failed: the rest is not read */
};

const char *record_field_name(enum record_field f)
{
	return f < RF_COUNT ? field_names[f] : NULL;
}

void records_map_init(struct records_map *m)
{
	memset(m, 0, sizeof(*m));
	memcpy(m->paths, default_paths, sizeof(m->paths));
}

enum nc_status records_map_set(struct records_map *m, const char *spec,
			       struct nc_error *err)
{
	const char *eq = strchr(spec, '=');
	size_t kl, i;
	int f = -1;

	if (!eq || eq == spec)
		return nc_fail(err, NC_EUSAGE, "--field '%s': not FIELD=PATH",
			       spec);
	kl = (size_t)(eq - spec);
	for (i = 0; i < RF_COUNT; i++)
		if (strlen(field_names[i]) == kl &&
		    !strncasecmp(spec, field_names[i], kl))
			f = (int)i;
	for (i = 0; f < 0 && i < sizeof(field_aliases) /
	     sizeof(*field_aliases); i++)
		if (strlen(field_aliases[i].name) == kl &&
		    !strncasecmp(spec, field_aliases[i].name, kl))
			f = (int)field_aliases[i].field;
	if (f < 0)
		return nc_fail(err, NC_EUSAGE, "--field '%s': unknown field "
			       "'%.*s' (one of: id, url, source, section, "
			       "title, lead, date, author, body)", spec,
			       (int)kl, spec);
	if (!m->overridden[f]) {
		memset(m->paths[f], 0, sizeof(m->paths[f]));
		m->overridden[f] = 1;
	}
	if (!eq[1])
		return NC_OK;
	for (i = 0; i < RECORDS_MAP_MAX; i++)
		if (!m->paths[f][i]) {
			m->paths[f][i] = eq + 1;
			return NC_OK;
		}
	return nc_fail(err, NC_EUSAGE, "--field: more than %d paths for '%s'",
		       RECORDS_MAP_MAX, field_names[f]);
}

/* ---- detection ---- */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

/* Is name (n bytes) a default column name of the title or the body? */
static int known_column(const char *name, size_t n)
{
	static const enum record_field fs[] = { RF_TITLE, RF_BODY };

	for (size_t k = 0; k < sizeof(fs) / sizeof(*fs); k++)
		for (size_t i = 0; i < RECORDS_MAP_MAX; i++) {
			const char *p = default_paths[fs[k]][i];

			if (p && strlen(p) == n && !strncasecmp(p, name, n))
				return 1;
		}
	return 0;
}

/* Does the line s (n bytes) look like the header row of a CSV export? */
static int csv_header_line(const char *s, size_t n)
{
	size_t i = 0, fields = 0;
	int known = 0;

	while (i <= n) {
		size_t b = i, e;

		while (i < n && s[i] != ',')
			i++;
		e = i;
		if (e > b && s[b] == '"' && s[e - 1] == '"' && e - b >= 2) {
			b++;
			e--;
		}
		if (e - b > 64)
			return 0;
		for (size_t k = b; k < e; k++)
			if (!strchr("abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.- ",
				    s[k]))
				return 0;
		known |= known_column(s + b, e - b);
		fields++;
		i++;
	}
	return fields >= 2 && known;
}

enum records_format records_detect(const char *name,
				   const unsigned char *data, size_t len)
{
	const char *s = (const char *)data;
	const char *nl;
	size_t n;

	if (name && strcmp(name, "-")) {
		if (ends_with(name, ".csv"))
			return RECORDS_CSV;
		if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson"))
			return RECORDS_JSONL;
		if (ends_with(name, ".txt"))
			return RECORDS_TEXT;
	}
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
		s += 3;
		len -= 3;
	}
	while (len && strchr(" \t\r\n", *s)) {
		s++;
		len--;
	}
	nl = memchr(s, '\n', len);
	n = nl ? (size_t)(nl - s) : len;
	while (n && s[n - 1] == '\r')
		n--;
	if (n && s[0] == '{') {
		json_error_t jerr;
		json_t *j = json_loadb(s, n, 0, &jerr);
		/* a first row longer than the bytes given ends early */
		int obj = j ? json_is_object(j) : !nl &&
			json_error_code(&jerr) ==
			json_error_premature_end_of_input;

		json_decref(j);
		return obj ? RECORDS_JSONL : RECORDS_TEXT;
	}
	return n && csv_header_line(s, n) ? RECORDS_CSV : RECORDS_TEXT;
}

/* ---- CSV ---- */

/* Move past the line end at r->pos (LF, CRLF or CR), if any. */
static void csv_eol(struct records_reader *r)
{
	if (r->pos < r->len && r->data[r->pos] == '\r')
		r->pos++;
	else if (r->pos < r->len && r->data[r->pos] != '\n')
		return;
	if (r->pos < r->len && r->data[r->pos] == '\n')
		r->pos++;
	r->line++;
}

/* Resume after the first line end at or after byte start, on line line+1. */
static void csv_resync(struct records_reader *r, size_t start, long line)
{
	size_t p = start;

	while (p < r->len && r->data[p] != '\n' && r->data[p] != '\r')
		p++;
	r->pos = p;
	r->line = line;
	if (p < r->len)
		csv_eol(r);
}

/*
 * Start the next value of the row. Values past the header's count are
 * only counted (the row is refused for them): a row of a hundred million
 * commas costs no memory beyond its own bytes. Returns whether the value
 * is kept.
 */
static int csv_new_value(struct records_reader *r)
{
	if (r->ncols && r->nvals >= r->ncols) {
		r->nvals++;
		return 0;
	}
	if (r->nvals == r->capvals) {
		r->capvals = r->capvals ? 2 * r->capvals : 16;
		r->off = xrealloc(r->off, r->capvals * sizeof(*r->off));
		r->vlen = xrealloc(r->vlen, r->capvals * sizeof(*r->vlen));
	}
	r->off[r->nvals] = r->row.len;
	r->vlen[r->nvals] = 0;
	r->nvals++;
	return 1;
}

/* Append n bytes at p to the current value, if it is kept. */
static void csv_add(struct records_reader *r, int keep, const void *p,
		    size_t n)
{
	if (keep)
		buf_add(&r->row, p, n);
}

/*
 * Read the quoted field at r->pos (its opening quote) into the row when
 * keep is set. On NC_EDATA r->pos has moved to the line after the row,
 * which starts at start on line line.
 */
static enum nc_status csv_quoted(struct records_reader *r, int keep,
				 size_t start, long line, struct nc_error *err)
{
	const unsigned char *d = r->data;
	size_t n = r->len, q = ++r->pos;
	long qline = r->line, l;

	for (;;) {
		if (r->pos >= n) {
			csv_resync(r, start, line);
			return nc_fail(err, NC_EDATA, "unbalanced quote: the "
				       "quoted field from line %ld never "
				       "ends", qline);
		}
		if (d[r->pos] == '"') {
			if (r->pos + 1 < n && d[r->pos + 1] == '"') {
				csv_add(r, keep, d + q, r->pos + 1 - q);
				r->pos += 2;
				q = r->pos;
				continue;
			}
			break;
		}
		if (d[r->pos] == '\n' || (d[r->pos] == '\r' &&
		    (r->pos + 1 >= n || d[r->pos + 1] != '\n')))
			r->line++;
		r->pos++;
	}
	csv_add(r, keep, d + q, r->pos - q);
	r->pos++;
	if (r->pos >= n || (d[r->pos] && strchr(",\r\n", d[r->pos])))
		return NC_OK;
	l = r->line;
	csv_resync(r, start, line);
	return nc_fail(err, NC_EDATA, "unbalanced quote: text after the "
		       "closing quote of field %zu on line %ld", r->nvals, l);
}

/*
 * Read one CSV row at r->pos into r->row/off/vlen, skipping blank lines
 * before it. *start and *line get where it starts. NC_NOMATCH at the end,
 * NC_EDATA (r->pos moved to the next line) for a row that cannot be read.
 */
static enum nc_status csv_row(struct records_reader *r, size_t *start,
			      long *line, struct nc_error *err)
{
	const unsigned char *d = r->data;
	size_t n = r->len;
	enum nc_status s;

	while (r->pos < n && (d[r->pos] == '\n' || d[r->pos] == '\r'))
		csv_eol(r);
	if (r->pos >= n)
		return NC_NOMATCH;
	*start = r->pos;
	*line = r->line;
	buf_reset(&r->row);
	r->nvals = 0;
	for (;;) {
		int keep = csv_new_value(r);

		if (!r->ncols && r->nvals > CSV_MAX_COLUMNS) {
			csv_resync(r, *start, *line);
			return nc_fail(err, NC_EDATA, "the header row has "
				       "more than %d columns",
				       CSV_MAX_COLUMNS);
		}
		if (r->pos < n && d[r->pos] == '"') {
			if ((s = csv_quoted(r, keep, *start, *line, err)))
				return s;
		} else {
			size_t b = r->pos;

			/* a NUL byte is text, not the end of the field */
			while (r->pos < n && (!d[r->pos] ||
					      !strchr(",\r\n", d[r->pos])))
				r->pos++;
			csv_add(r, keep, d + b, r->pos - b);
		}
		if (keep) {
			r->vlen[r->nvals - 1] = r->row.len -
				r->off[r->nvals - 1];
			/* values are NUL-separated: each is a C string */
			buf_addc(&r->row, '\0');
		}
		if (r->pos < n && d[r->pos] == ',') {
			r->pos++;
			continue;
		}
		break;
	}
	return NC_OK;
}

/* ---- streaming ---- */

#define READ_CHUNK 65536

/*
 * Drop the window's bytes before keep (r->pos moves with the rest), then
 * read more from the stream. NC_OK, or the stream's error: r->failed is
 * set then and nothing more is read.
 */
static enum nc_status fill(struct records_reader *r, size_t keep,
			   struct nc_error *err)
{
	ssize_t n;

	if (keep) {
		memmove(r->win.s, r->win.s + keep, r->win.len - keep);
		buf_setlen(&r->win, r->win.len - keep);
		r->pos = r->pos > keep ? r->pos - keep : 0;
	}
	buf_grow(&r->win, READ_CHUNK);
	n = stream_read(r->src, r->win.s + r->win.len, READ_CHUNK, err);
	if (n <= 0)
		r->eof = 1;
	else
		buf_setlen(&r->win, r->win.len + (size_t)n);
	r->failed = n < 0;
	r->data = (const unsigned char *)r->win.s;
	r->len = r->win.len;
	return n < 0 ? err->code : NC_OK;
}

/* Where the CSV row scanner stands (see csv_step()). */
enum { S_ROW, S_FIELD, S_BARE, S_QUOTED, S_QUOTE };

/*
 * Scan byte c of a CSV row as csv_row() reads it, from *st = S_ROW
 * (before the row: blank lines are skipped). Returns 1 when c is the
 * line end that ends the row.
 */
static int csv_step(int *st, unsigned char c)
{
	int eol = c == '\n' || c == '\r';

	switch (*st) {
	case S_ROW:
		if (eol)
			return 0;
		*st = S_FIELD;
		/* fall through */
	case S_FIELD:
		if (c == '"') {
			*st = S_QUOTED;
			return 0;
		}
		break;
	case S_QUOTED:
		if (c == '"')
			*st = S_QUOTE;
		return 0;
	case S_QUOTE:
		if (c == '"') {
			*st = S_QUOTED;
			return 0;
		}
		break;
	}
	if (c == ',') {
		*st = S_FIELD;
		return 0;
	}
	*st = S_BARE;
	return eol;
}

/*
 * A stream: make the window hold the next row whole from r->pos (with
 * the blank lines before it) and the byte after its line end, so that
 * csv_row() and jsonl_row() read it as they read a whole export. A row
 * longer than r->max_row is dropped as it is read, never held: NC_ETOOBIG
 * with *line the line it starts on. Other errors are the stream's.
 */
static enum nc_status ensure_row(struct records_reader *r, long *line,
				 struct nc_error *err)
{
	int csv = r->fmt == RECORDS_CSV, st = S_ROW, cr = 0, over = 0;
	size_t i = r->pos, bytes = 0;	/* of the row, without its end */
	long l = r->line, first = 0;
	enum nc_status s;

	for (;;) {
		unsigned char c;
		int end;

		if (i >= r->len) {
			size_t keep = over ? i : r->pos;

			if (r->eof)
				break;
			i -= keep;
			if ((s = fill(r, keep, err))) {
				*line = first ? first : l;
				return s;
			}
			continue;
		}
		if (!csv) {	/* a JSON line: to its LF, at memchr's speed */
			const unsigned char *nl = memchr(r->data + i, '\n',
							 r->len - i);
			size_t stop = nl ? (size_t)(nl - r->data) : r->len;

			bytes += stop - i;
			i = nl ? stop + 1 : stop;
			over |= bytes > r->max_row;
			if (nl)
				break;
			continue;
		}
		c = r->data[i++];
		if (!first && c != '\n' && c != '\r')
			first = l;
		if (c == '\r' || (c == '\n' && !cr))
			l++;
		cr = c == '\r';
		end = csv_step(&st, c);
		if (end)
			break;
		if (first)
			bytes++;
		if (bytes > r->max_row)
			over = 1;
	}
	/* the byte after a CR, which may be the LF of a CRLF */
	if (cr && i >= r->len && !r->eof) {
		i -= over ? i : r->pos;
		if ((s = fill(r, over ? r->len : r->pos, err)))
			return s;
	}
	if (!over)
		return NC_OK;
	if (cr && i < r->len && r->data[i] == '\n')
		i++;
	r->pos = i;
	*line = csv ? (first ? first : r->line) : r->line;
	r->line = csv ? l : r->line + 1;
	return nc_fail(err, NC_ETOOBIG, "row of %zu bytes, over the size "
		       "limit of %zu (see --max-size)", bytes, r->max_row);
}

static enum nc_status csv_open(struct records_reader *r, struct nc_error *err)
{
	enum nc_status s;
	size_t start;
	long line;

	if (r->len >= 3 && !memcmp(r->data, "\xef\xbb\xbf", 3))
		r->pos = 3;
	if (r->len >= 2 && (!memcmp(r->data, "\xff\xfe", 2) ||
			    !memcmp(r->data, "\xfe\xff", 2)))
		return nc_fail(err, NC_EDATA, "UTF-16 CSV is not supported "
			       "(convert the export to UTF-8)");
	if (r->src && (s = ensure_row(r, &line, err)))
		return s;
	s = csv_row(r, &start, &line, err);
	if (s == NC_NOMATCH)
		return nc_fail(err, NC_EDATA, "no header row");
	if (s)
		return s;
	r->ncols = r->nvals;
	r->cols = xcalloc(r->ncols, sizeof(*r->cols));
	for (size_t i = 0; i < r->ncols; i++) {
		struct buf c = BUF_INIT;

		buf_add(&c, r->row.s + r->off[i], r->vlen[i]);
		buf_trim(&c);
		r->cols[i] = buf_detach(&c, NULL);
	}
	return NC_OK;
}

/* ---- reader ---- */

/* Start reader *out on data (len bytes); rest as records_open_stream(). */
static enum nc_status open_reader(struct records_reader **out,
				  enum records_format fmt,
				  const unsigned char *data, size_t len,
				  struct stream *rest, size_t max_row,
				  struct nc_error *err)
{
	struct records_reader *r = xcalloc(1, sizeof(*r));
	enum nc_status s = NC_OK;

	r->fmt = fmt;
	r->data = data;
	r->len = len;
	r->line = 1;
	buf_init(&r->row);
	buf_init(&r->win);
	if (rest) {
		r->src = rest;
		r->max_row = max_row;
		buf_add(&r->win, data, len);
		r->data = (const unsigned char *)r->win.s;
		/* enough for csv_open() to see a byte order mark */
		while (!s && r->len < 3 && !r->eof)
			s = fill(r, 0, err);
	}
	if (!s && fmt == RECORDS_CSV)
		s = csv_open(r, err);
	else if (!s && fmt != RECORDS_JSONL)
		s = nc_fail(err, NC_ESOFTWARE, "records_open: not an export");
	if (s) {
		records_close(r);
		r = NULL;
	}
	*out = r;
	return s;
}

enum nc_status records_open(struct records_reader **out,
			    enum records_format fmt,
			    const unsigned char *data, size_t len,
			    struct nc_error *err)
{
	return open_reader(out, fmt, data, len, NULL, 0, err);
}

enum nc_status records_open_stream(struct records_reader **out,
				   enum records_format fmt,
				   const unsigned char *data, size_t len,
				   struct stream *rest, size_t max_row,
				   struct nc_error *err)
{
	return open_reader(out, fmt, data, len, rest, max_row, err);
}

void records_close(struct records_reader *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	buf_release(&r->row);
	buf_release(&r->win);
	free(r->off);
	free(r->vlen);
	json_decref(r->obj);
	free(r);
}

static enum nc_status jsonl_row(struct records_reader *r, size_t *start,
				size_t *end, long *line, struct nc_error *err)
{
	const char *d = (const char *)r->data;
	json_error_t jerr;

	for (;;) {
		const char *nl;
		size_t b, e, k;
		enum nc_status s;

		if (r->src && (s = ensure_row(r, line, err)))
			return s;
		d = (const char *)r->data;
		b = r->pos;
		if (b >= r->len)
			return NC_NOMATCH;
		nl = memchr(d + b, '\n', r->len - b);
		e = nl ? (size_t)(nl - d) : r->len;
		r->pos = nl ? e + 1 : r->len;
		*line = r->line++;
		if (*line == 1 && e >= b + 3 && !memcmp(d + b, "\xef\xbb\xbf",
							  3))
			b += 3;
		while (e > b && strchr(" \t\r", d[e - 1]))
			e--;
		for (k = b; k < e && strchr(" \t", d[k]); k++)
			;
		if (k == e)
			continue;
		*start = b;
		*end = e;
		r->obj = json_loadb(d + b, e - b, 0, &jerr);
		if (!r->obj)
			return nc_fail(err, NC_EDATA, "invalid JSON at column "
				       "%d: %s", jerr.column, jerr.text);
		if (!json_is_object(r->obj))
			return nc_fail(err, NC_EDATA, "not a JSON object");
		return NC_OK;
	}
}

enum nc_status records_next(struct records_reader *r, struct record *rec,
			    long *bad_line, struct nc_error *err)
{
	enum nc_status s;
	size_t start = 0, end = 0;
	long line = 0;

	memset(rec, 0, sizeof(*rec));
	json_decref(r->obj);
	r->obj = NULL;
	if (r->failed)
		return NC_NOMATCH;
	if (r->fmt == RECORDS_JSONL) {
		s = jsonl_row(r, &start, &end, &line, err);
	} else {
		s = r->src ? ensure_row(r, &line, err) : NC_OK;
		if (!s)
			s = csv_row(r, &start, &line, err);
		end = r->pos;
		while (end > start && (r->data[end - 1] == '\n' ||
				       r->data[end - 1] == '\r'))
			end--;
		if (!s && r->pos < r->len)
			csv_eol(r);
		if (!s && r->nvals != r->ncols)
			s = nc_fail(err, NC_EDATA, "%zu fields, the header "
				    "row has %zu", r->nvals, r->ncols);
	}
	if (s && s != NC_NOMATCH)
		*bad_line = line;
	if (s)
		return s;
	rec->line = line;
	rec->raw = (const char *)r->data + start;
	rec->raw_len = end - start;
	rec->r = r;
	rec->nvals = r->nvals;
	rec->json = r->obj;
	return NC_OK;
}

/* ---- values ---- */

/* Append the text of JSON value v to out; 1 if it is present, not empty. */
static int json_text(json_t *v, const char *sep, struct buf *out)
{
	size_t before = out->len, i;
	json_t *e;
	char *dump;

	switch (json_typeof(v)) {
	case JSON_STRING:
		buf_add(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
	case JSON_REAL:
	case JSON_TRUE:
	case JSON_FALSE:
		dump = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
		if (dump)
			buf_adds(out, dump);
		free(dump);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, e) {
			size_t mark = out->len;

			if (json_is_object(e) || json_is_array(e))
				continue;
			if (out->len > before)
				buf_adds(out, sep);
			if (!json_text(e, sep, out))
				buf_setlen(out, mark);
		}
		break;
	default:
		break;
	}
	return out->len > before;
}

/* The member of obj named key (klen bytes): exact, else ignoring case. */
static json_t *json_member(json_t *obj, const char *key, size_t klen)
{
	const char *k;
	json_t *v;

	if (!json_is_object(obj))
		return NULL;
	json_object_foreach(obj, k, v)
		if (strlen(k) == klen && !memcmp(k, key, klen))
			return v;
	json_object_foreach(obj, k, v)
		if (strlen(k) == klen && !strncasecmp(k, key, klen))
			return v;
	return NULL;
}

/*
 * Find path (len bytes) in obj: a key with that whole name, or a key
 * ending at one of its dots whose object holds the rest. Among nested
 * objects the first path that leads to a non-empty value wins.
 */
static int json_path(json_t *obj, const char *path, size_t len,
		     const char *sep, struct buf *out)
{
	json_t *v = json_member(obj, path, len);

	if (v && json_text(v, sep, out))
		return 1;
	for (size_t i = 0; i < len; i++) {
		if (path[i] != '.')
			continue;
		v = json_member(obj, path, i);
		if (v && json_is_object(v) &&
		    json_path(v, path + i + 1, len - i - 1, sep, out))
			return 1;
	}
	return 0;
}

int record_get(const struct record *rec, const char *path, const char *sep,
	       struct buf *out)
{
	const struct records_reader *r = rec->r;
	size_t i;

	if (!r)
		return 0;
	if (rec->json)
		return json_path(rec->json, path, strlen(path), sep, out);
	for (i = 0; i < r->ncols; i++)
		if (!strcmp(r->cols[i], path))
			break;
	if (i == r->ncols)
		for (i = 0; i < r->ncols; i++)
			if (!strcasecmp(r->cols[i], path))
				break;
	if (i == r->ncols || i >= rec->nvals || !r->vlen[i])
		return 0;
	buf_add(out, r->row.s + r->off[i], r->vlen[i]);
	return 1;
}

int record_field(const struct record *rec, const struct records_map *m,
		 enum record_field f, struct buf *out)
{
	const char *sep = f == RF_BODY || f == RF_LEAD ? "\n\n" : ", ";

	for (size_t i = 0; i < RECORDS_MAP_MAX && m->paths[f][i]; i++)
		if (record_get(rec, m->paths[f][i], sep, out))
			return 1;
	return 0;
}
