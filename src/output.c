/*
 * output.c - the printer: one interface, a backend per format (see
 * output.h).
 *
 * JSON is written as the calls come. The other backends are flat: they
 * keep the scalars of the top-level map (TSV: those of its columns; ids:
 * the "id"; text: all, in order) as text in cells, and write the line
 * when the record ends.
 */
#include "output-int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "opt.h"

const struct opt_keyword pr_formats[] = {
	{ "text", PR_TEXT }, { "json", PR_JSON }, { "tsv", PR_TSV },
	{ "csv", PR_CSV }, { "ids", PR_IDS }, { NULL, 0 },
};

const struct opt_keyword pr_formats_no_ids[] = {
	{ "text", PR_TEXT }, { "json", PR_JSON }, { "tsv", PR_TSV },
	{ "csv", PR_CSV }, { NULL, 0 },
};

/* A flat backend with named columns. */
static int columnar(enum pr_format fmt)
{
	return fmt == PR_TSV || fmt == PR_CSV;
}

struct printer *printer_new(enum pr_format fmt, FILE *fp,
			    const char *const *columns, int color)
{
	struct printer *p = xcalloc(1, sizeof(*p));
	size_t ncells = 1;

	p->fmt = fmt;
	p->fp = fp;
	p->color = color;
	if (columnar(fmt) && columns) {
		p->columns = columns;
		while (columns[p->ncolumns])
			p->ncolumns++;
		if (p->ncolumns)
			ncells = p->ncolumns;
	}
	p->cells = xcalloc(ncells, sizeof(*p->cells));
	for (size_t i = 0; i < ncells; i++)
		buf_init(&p->cells[i]);
	if (fmt == PR_CSV && p->ncolumns) {
		/* RFC 4180's optional header line, for the readers that
		 * name columns by it */
		for (size_t i = 0; i < p->ncolumns; i++) {
			if (i)
				fputc(',', fp);
			out_csv_field(fp, columns[i], strlen(columns[i]));
		}
		fputs("\r\n", fp);
	}
	return p;
}

void printer_free(struct printer *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < (p->ncolumns ? p->ncolumns : 1); i++)
		buf_release(&p->cells[i]);
	free(p->cells);
	free(p);
}

enum pr_format pr_format(const struct printer *p)
{
	return p->fmt;
}

/*
 * Flat backends: the cell a scalar at the top level of the record goes
 * to, or NULL when it is not written. For text, the separating space is
 * added here.
 */
static struct buf *flat_cell(struct printer *p)
{
	const char *key = p->key;

	p->after_key = 0;
	p->key = NULL;
	if (p->depth != 1)
		return NULL;
	switch (p->fmt) {
	case PR_TSV:
	case PR_CSV:
		for (size_t i = 0; key && i < p->ncolumns; i++)
			if (!strcmp(p->columns[i], key)) {
				buf_reset(&p->cells[i]);
				return &p->cells[i];
			}
		return NULL;
	case PR_IDS:
		if (!key || strcmp(key, "id"))
			return NULL;
		p->have_id = 1;
		buf_reset(&p->cells[0]);
		return &p->cells[0];
	case PR_TEXT:
		if (p->cells[0].len)
			buf_addc(&p->cells[0], ' ');
		return &p->cells[0];
	case PR_JSON:
		break;
	}
	return NULL;
}

/* JSON: the separator that comes before a value at the current level. */
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
	if (p->fmt == PR_JSON) {
		before_value(p);
		fputc(open, p->fp);
	} else {
		p->after_key = 0;
		p->key = NULL;
	}
	if (p->depth + 1 >= PR_MAX_DEPTH)
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
	if (p->fmt == PR_JSON)
		fputc(p->close[p->depth], p->fp);
	p->depth--;
}

void pr_key(struct printer *p, const char *key)
{
	if (p->fmt == PR_JSON) {
		before_value(p);
		out_json_string(p->fp, key, strlen(key));
		fputc(':', p->fp);
	} else {
		p->key = key;
	}
	p->after_key = 1;
}

void pr_strn(struct printer *p, const char *s, size_t len)
{
	struct buf *cell;

	if (p->fmt == PR_JSON) {
		before_value(p);
		out_json_string(p->fp, s, len);
	} else if ((cell = flat_cell(p))) {
		buf_add(cell, s, len);
	}
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

/* A number written as text (JSON: as it is; flat: into its cell). */
static void number(struct printer *p, const char *text)
{
	struct buf *cell;

	if (p->fmt == PR_JSON) {
		before_value(p);
		fputs(text, p->fp);
	} else if ((cell = flat_cell(p))) {
		buf_adds(cell, text);
	}
}

void pr_int(struct printer *p, long long v)
{
	char s[32];

	snprintf(s, sizeof(s), "%lld", v);
	number(p, s);
}

void pr_double(struct printer *p, double v)
{
	char s[32];

	if (!isfinite(v)) {
		pr_null(p);
		return;
	}
	snprintf(s, sizeof(s), "%.6g", v);
	number(p, s);
}

void pr_null(struct printer *p)
{
	if (p->fmt == PR_JSON) {
		before_value(p);
		fputs("null", p->fp);
	} else if (p->fmt == PR_TEXT) {
		p->after_key = 0;	/* text leaves out what is not known */
		p->key = NULL;
	} else {
		flat_cell(p);	/* an empty field */
	}
}

void pr_record(struct printer *p)
{
	switch (p->fmt) {
	case PR_JSON:
		fputc('\n', p->fp);
		break;
	case PR_TSV:
		for (size_t i = 0; i < p->ncolumns; i++) {
			if (i)
				fputc('\t', p->fp);
			out_tsv_field(p->fp, p->cells[i].s, p->cells[i].len);
			buf_reset(&p->cells[i]);
		}
		fputc('\n', p->fp);
		break;
	case PR_CSV:
		for (size_t i = 0; i < p->ncolumns; i++) {
			if (i)
				fputc(',', p->fp);
			out_csv_field(p->fp, p->cells[i].s, p->cells[i].len);
			buf_reset(&p->cells[i]);
		}
		fputs("\r\n", p->fp);
		break;
	case PR_IDS:
		if (p->have_id)
			fprintf(p->fp, "%s\n", p->cells[0].s);
		p->have_id = 0;
		buf_reset(&p->cells[0]);
		break;
	case PR_TEXT:
		out_text(p->fp, p->cells[0].s, p->cells[0].len, 0);
		fputc('\n', p->fp);
		buf_reset(&p->cells[0]);
		break;
	}
	p->depth = 0;
	p->count[0] = 0;
	p->after_key = 0;
	p->key = NULL;
}
