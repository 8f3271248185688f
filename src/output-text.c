/*
 * output-text.c - text for people: colour decisions, safe terminal output
 * and snippets with their matches marked.
 */
#include "output.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "article.h"
#include "buf.h"
#include "store.h"

int out_color_wanted(FILE *fp, int mode)
{
	const char *no_color;

	if (mode != COLOR_AUTO)
		return mode == COLOR_ALWAYS;
	no_color = getenv("NO_COLOR");
	if (no_color && *no_color)
		return 0;
	return isatty(fileno(fp));
}

void out_text(FILE *fp, const char *s, size_t len, int keep_lines)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != 0x7f)
			continue;
		if (keep_lines && (c == '\n' || c == '\t'))
			continue;
		fwrite(s + start, 1, i - start, fp);
		fputs(c == '\n' || c == '\t' ? " " : "\xef\xbf\xbd", fp);
		start = i + 1;
	}
	fwrite(s + start, 1, len - start, fp);
}

void out_snippet(FILE *fp, const char *s, int bold)
{
	while (*s) {
		size_t n = strcspn(s, MARK_OPEN MARK_CLOSE);

		out_text(fp, s, n, 0);
		s += n;
		if (!*s)
			break;
		if (bold)
			fputs(*s == MARK_OPEN[0] ? "\033[1m" : "\033[0m", fp);
		s++;
	}
}

void out_snippet_marked(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == MARK_OPEN[0])
			buf_adds(out, MARK_OPEN_HTML);
		else if (*s == MARK_CLOSE[0])
			buf_adds(out, MARK_CLOSE_HTML);
		else
			buf_addc(out, *s);
	}
}

void out_snippet_plain(struct buf *out, const char *s)
{
	for (; *s; s++)
		if (*s != MARK_OPEN[0] && *s != MARK_CLOSE[0])
			buf_addc(out, *s);
}

/* "2017-10-12T04:18:00+07:00" -> "2017-10-12 04:18" (times are UTC+7). */
static void text_date(FILE *fp, const char *iso)
{
	if (!iso) {
		fputs("----------      ", fp);
		return;
	}
	if (strlen(iso) >= 16 && iso[10] == 'T')
		fprintf(fp, "%.10s %.5s", iso, iso + 11);
	else
		fprintf(fp, "%-16.10s", iso);
}

void out_text_hit(FILE *fp, const struct store_hit *h, int color)
{
	const char *title = h->title_marked ? h->title_marked
		: h->a.title ? h->a.title : "";

	fprintf(fp, "%s%lld%s  ", color ? "\033[33m" : "",
		(long long)h->a.id, color ? "\033[0m" : "");
	text_date(fp, h->a.published);
	fputs("  ", fp);
	out_snippet(fp, title, color);
	if (h->a.source) {
		fputs(" (", fp);
		out_text(fp, h->a.source, strlen(h->a.source), 0);
		fputc(')', fp);
	}
	if (h->copies)
		fprintf(fp, " (+%lld %s)", h->copies,
			h->copies == 1 ? "copy" : "copies");
	fputs("\n    ", fp);
	out_snippet(fp, h->snippet ? h->snippet : "", color);
	fputc('\n', fp);
}

static void text_field(FILE *fp, const char *key, const char *value)
{
	if (!value)
		return;
	fprintf(fp, "%-10s ", key);
	out_text(fp, value, strlen(value), 0);
	fputc('\n', fp);
}

void out_text_article(FILE *fp, const struct article *a,
		      const int64_t *copies, size_t ncopies)
{
	char views[32];

	fprintf(fp, "%-10s %lld\n", "id:", (long long)a->id);
	text_field(fp, "title:", a->title);
	text_field(fp, "section:", a->section);
	text_field(fp, "published:", a->published);
	text_field(fp, "byline:", a->byline);
	text_field(fp, "credit:", a->credit);
	text_field(fp, "source:", a->source);
	text_field(fp, "url:", a->url);
	text_field(fp, "origin:", a->origin);
	if (a->views >= 0) {
		snprintf(views, sizeof(views), "%lld", (long long)a->views);
		text_field(fp, "views:", views);
	}
	text_field(fp, "encoding:", a->encoding);
	text_field(fp, "hash:", a->hash);
	for (size_t i = 0; i < a->ncaptions; i++)
		text_field(fp, "caption:", a->captions[i]);
	if (ncopies) {
		fprintf(fp, "%-10s", "copies:");
		for (size_t i = 0; i < ncopies; i++)
			fprintf(fp, " %lld", (long long)copies[i]);
		fputc('\n', fp);
	}
	fputc('\n', fp);
	if (a->lead) {
		out_text(fp, a->lead, strlen(a->lead), 1);
		fputs("\n\n", fp);
	}
	out_text(fp, a->body ? a->body : "", a->body ? strlen(a->body) : 0,
		 1);
	fputc('\n', fp);
}

void out_text_stats(FILE *fp, const struct store_stats *s, const char *path)
{
	fprintf(fp, "articles:  %lld\n", s->articles);
	fprintf(fp, "first:     %s\n", s->first ? s->first : "-");
	fprintf(fp, "last:      %s\n", s->last ? s->last : "-");
	fprintf(fp, "clusters:  %lld (%lld copies)\n", s->clusters,
		s->copies);
	fprintf(fp, "database:  %lld bytes (", s->db_bytes);
	out_text(fp, path, strlen(path), 0);
	fputs(")\nsources:\n", fp);
	for (size_t i = 0; i < s->nsources; i++) {
		const char *name = s->sources[i].name;

		fputs("  ", fp);
		out_text_facet(fp, name, s->sources[i].articles);
	}
}

void out_text_facet(FILE *fp, const char *value, long long articles)
{
	fprintf(fp, "%8lld  ", articles);
	if (value)
		out_text(fp, value, strlen(value), 0);
	else
		fputs("(none)", fp);
	fputc('\n', fp);
}

/* As a hit: the canonical member, then the size and the members. */
void out_text_cluster(FILE *fp, const struct store_cluster *c)
{
	const struct article *a = &c->a;

	fprintf(fp, "%lld  ", (long long)a->id);
	text_date(fp, a->published);
	fputs("  ", fp);
	if (a->title)
		out_text(fp, a->title, strlen(a->title), 0);
	if (a->source) {
		fputs(" (", fp);
		out_text(fp, a->source, strlen(a->source), 0);
		fputc(')', fp);
	}
	fprintf(fp, "\n    %lld articles:", c->size);
	for (long long i = 0; i < c->size; i++)
		fprintf(fp, " %lld", (long long)c->members[i]);
	fputc('\n', fp);
}
