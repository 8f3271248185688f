/*
 * text.c - UTF-8 matching helpers; see text.h.
 */
#include "text.h"

#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

size_t text_ci_prefix(const char *s, size_t len, const char *pat)
{
	int32_t i = 0, j = 0;
	int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	int32_t m = (int32_t)strlen(pat);

	while (j < m) {
		UChar32 a, b;

		if (i >= n)
			return 0;
		U8_NEXT(s, i, n, a);
		U8_NEXT(pat, j, m, b);
		if (a < 0 || u_foldCase(a, U_FOLD_CASE_DEFAULT) !=
		    u_foldCase(b, U_FOLD_CASE_DEFAULT))
			return 0;
	}
	return (size_t)i;
}

int text_alnum_at(const char *s, size_t len)
{
	int32_t i = 0, n = len > 8 ? 8 : (int32_t)len;
	UChar32 c;

	if (!len)
		return 0;
	U8_NEXT(s, i, n, c);
	return c >= 0 && u_isalnum(c);
}

size_t text_ci_word(const char *s, size_t len, const char *pat)
{
	size_t m = text_ci_prefix(s, len, pat);

	return m && text_alnum_at(s + m, len - m) ? 0 : m;
}

size_t text_space_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len && (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' ||
		    u[0] == '\f' || u[0] == '\v'))
		return 1;
	if (len >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0x8b)
		return 3;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return 3;
	return 0;
}

void text_trim(const char **s, size_t *len)
{
	size_t m;

	while (*len && (m = text_space_at(*s, *len))) {
		*s += m;
		*len -= m;
	}
	for (;;) {
		size_t k = 0;

		for (size_t back = 1; back <= 3 && back <= *len; back++)
			if (text_space_at(*s + *len - back, back) == back)
				k = back;
		if (!k)
			break;
		*len -= k;
	}
}
