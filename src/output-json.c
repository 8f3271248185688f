/*
 * output-json.c - JSON strings for the printer's JSON Lines backend.
 *
 * Strings are written as UTF-8 with '"', '\\' and control characters
 * escaped (\n, \t, \r, \uXXXX), as notmuch's sprinter-json.c does.
 */
#include "output-int.h"

void out_json_string(FILE *fp, const char *s, size_t len)
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
