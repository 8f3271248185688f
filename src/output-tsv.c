/*
 * output-tsv.c - one TSV or CSV field, escaped; the printer's TSV and CSV
 * backends (output.c) write each column through these.
 */
#include <string.h>

#include "output.h"

void out_tsv_field(FILE *fp, const char *s, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		const char *esc;

		switch (s[i]) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		default: continue;
		}
		fwrite(s + start, 1, i - start, fp);
		fputs(esc, fp);
		start = i + 1;
	}
	fwrite(s + start, 1, len - start, fp);
}

void out_csv_field(FILE *fp, const char *s, size_t len)
{
	if (!memchr(s, '"', len) && !memchr(s, ',', len) &&
	    !memchr(s, '\n', len) && !memchr(s, '\r', len)) {
		fwrite(s, 1, len, fp);
		return;
	}
	fputc('"', fp);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			fputc('"', fp);
		fputc(s[i], fp);
	}
	fputc('"', fp);
}
