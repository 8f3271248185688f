/*
 * output-text.c - text for people: colour decisions, safe terminal output
 * and snippets with their matches marked.
 */
#include "output.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

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
			buf_adds(out, "<mark>");
		else if (*s == MARK_CLOSE[0])
			buf_adds(out, "</mark>");
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
