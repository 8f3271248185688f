/*
 * testdata.h - the tables of tests/data/ for the unit tests: opening one,
 * and the \uXXXX escapes they write code points with.
 */
#ifndef NEWSCTL_TESTDATA_H
#define NEWSCTL_TESTDATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tests/data/NAME, found from this file's own path. */
static FILE *open_data(const char *name)
{
	char path[4096];
	const char *slash = strrchr(__FILE__, '/');
	int dir = slash ? (int)(slash - __FILE__) : 0;

	snprintf(path, sizeof(path), "%.*s%sdata/%s", dir, __FILE__,
		 slash ? "/" : "", name);
	return fopen(path, "r");
}

/* Replace each \uXXXX in s (in place) by the code point in UTF-8. */
static void unescape(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (r[0] == '\\' && r[1] == 'u') {
			unsigned long c = strtoul((char[]){ r[2], r[3], r[4],
						r[5], 0 }, NULL, 16);

			if (c < 0x80) {
				*w++ = (char)c;
			} else if (c < 0x800) {
				*w++ = (char)(0xC0 | c >> 6);
				*w++ = (char)(0x80 | (c & 0x3F));
			} else {
				*w++ = (char)(0xE0 | c >> 12);
				*w++ = (char)(0x80 | ((c >> 6) & 0x3F));
				*w++ = (char)(0x80 | (c & 0x3F));
			}
			r += 6;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

#endif
