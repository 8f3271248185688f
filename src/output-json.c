/*
 * output-json.c - the printer: compact JSON, one record a line, or TSV.
 *
 * Strings are written as UTF-8 with '"', '\\' and control characters
 * escaped (\n, \t, \uXXXX), as notmuch's sprinter-json.c does. In TSV
 * mode the same calls write the scalars of each record as tab-separated
 * fields (see output-tsv.c).
 */
#include "output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define MAX_DEPTH 32

struct printer {
	FILE *fp;
	int depth;
	int count[MAX_DEPTH];	/* values written at each level */
	char close[MAX_DEPTH];	/* '}' or ']' for each open level */
	int after_key;		/* the next value follows a key */
	int tsv;		/* TSV instead of JSON */
};

struct printer *printer_json_new(FILE *fp)
{
	struct printer *p = xcalloc(1, sizeof(*p));

	p->fp = fp;
	return p;
}

struct printer *printer_tsv_new(FILE *fp)
{
	struct printer *p = printer_json_new(fp);

	p->tsv = 1;
	return p;
}

/*
 * TSV: should a scalar be written at this depth? Writes the tab before
 * every field but the first of the record.
 */
static int tsv_field(struct printer *p)
{
	p->after_key = 0;
	if (p->depth != 1)
		return 0;
	if (p->count[1]++ > 0)
		fputc('\t', p->fp);
	return 1;
}

void printer_free(struct printer *p)
{
	free(p);
}

/* Write the separator that comes before a value at the current level. */
static void before_value(struct printer *p)
{
	if (p->after_key) {
		p->after_key = 0;
		return;
	}
	if (p->depth > 0 && p->count[p->depth]++ > 0)
		fputc(',', p->fp);
}

static void begin(struct printer *p, int open, int close)
{
	if (p->tsv)
		p->after_key = 0;
	else
		before_value(p);
	if (!p->tsv)
		fputc(open, p->fp);
	if (p->depth + 1 >= MAX_DEPTH)
		abort();	/* nesting is fixed by our own code */
	p->depth++;
	p->count[p->depth] = 0;
	p->close[p->depth] = (char)close;
}

void pr_begin_map(struct printer *p)
{
	begin(p, '{', '}');
}

void pr_begin_list(struct printer *p)
{
	begin(p, '[', ']');
}

void pr_end(struct printer *p)
{
	if (p->depth == 0)
		return;
	if (!p->tsv)
		fputc(p->close[p->depth], p->fp);
	p->depth--;
}

static void write_string(FILE *fp, const char *s, size_t len)
{
	size_t run = 0;		/* start of the bytes that need no escape */

	fputc('"', fp);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc;

		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\t': esc = "\\t"; break;
		case '\r': esc = "\\r"; break;
		default:
			if (c >= 0x20 && c != 0x7f)
				continue;
			esc = NULL;
		}
		fwrite(s + run, 1, i - run, fp);
		run = i + 1;
		if (esc)
			fputs(esc, fp);
		else
			fprintf(fp, "\\u%04x", c);
	}
	fwrite(s + run, 1, len - run, fp);
	fputc('"', fp);
}

void pr_key(struct printer *p, const char *key)
{
	if (p->tsv) {
		p->after_key = 1;
		return;
	}
	before_value(p);
	write_string(p->fp, key, strlen(key));
	fputc(':', p->fp);
	p->after_key = 1;
}

void pr_strn(struct printer *p, const char *s, size_t len)
{
	if (p->tsv) {
		if (tsv_field(p))
			out_tsv_field(p->fp, s, len);
		return;
	}
	before_value(p);
	write_string(p->fp, s, len);
}

void pr_str(struct printer *p, const char *s)
{
	pr_strn(p, s, strlen(s));
}

void pr_str_or_null(struct printer *p, const char *s)
{
	if (s)
		pr_str(p, s);
	else
		pr_null(p);
}

void pr_int(struct printer *p, long long v)
{
	if (p->tsv) {
		if (tsv_field(p))
			fprintf(p->fp, "%lld", v);
		return;
	}
	before_value(p);
	fprintf(p->fp, "%lld", v);
}

void pr_double(struct printer *p, double v)
{
	if (p->tsv) {
		if (tsv_field(p) && isfinite(v))
			fprintf(p->fp, "%.6g", v);
		return;
	}
	before_value(p);
	if (isfinite(v))
		fprintf(p->fp, "%.6g", v);
	else
		fputs("null", p->fp);
}

void pr_bool(struct printer *p, int v)
{
	if (p->tsv) {
		if (tsv_field(p))
			fputs(v ? "true" : "false", p->fp);
		return;
	}
	before_value(p);
	fputs(v ? "true" : "false", p->fp);
}

void pr_null(struct printer *p)
{
	if (p->tsv) {
		tsv_field(p);
		return;
	}
	before_value(p);
	fputs("null", p->fp);
}

void pr_record(struct printer *p)
{
	fputc('\n', p->fp);
	p->depth = 0;
	p->count[0] = 0;
	p->after_key = 0;
}
