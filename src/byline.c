/*
 * byline.c - bylines and source credits; see byline.h.
 *
 * News sites end an article with the author's name and, for a story taken
 * from elsewhere, a credit naming the agency or paper: "Nhật Linh" on one
 * line and "Theo Reuters" on the next. Text dumps of such pages often join
 * the two lines with nothing between them ("Nhật LinhTheo Reuters"), so a
 * lower-case letter followed by an upper-case one inside a short last line
 * is read as the seam of two lines when both halves read as such lines.
 *
 * All lengths are in bytes of UTF-8.
 */
#include "byline.h"

#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "text.h"

#define NAME_MAX_BYTES 60
#define NAME_MAX_WORDS 5
/* A credit on its own line: "Theo NAME" with NAME of up to 6 words. */
#define CREDIT_MAX_BYTES 60
#define CREDIT_MAX_WORDS 6
/* In parentheses after a byline a credit may be longer: the parentheses
 * already mark it ("Q. Vinh (Theo Global Times và The Star)"). */
#define PAREN_MAX_BYTES 120
#define PAREN_MAX_WORDS 12

/* The code point at s (len bytes) and its length in *n; -1 if invalid. */
static UChar32 cp_at(const char *s, size_t len, size_t *n)
{
	int32_t i = 0, m = len > 4 ? 4 : (int32_t)len;
	UChar32 c;

	if (!len) {
		*n = 0;
		return -1;
	}
	U8_NEXT(s, i, m, c);
	*n = (size_t)i;
	return c;
}

/*
 * Count the words of a name (words in parentheses are not counted) into
 * *words, the capitalised ones into *caps. 0 when s holds a digit or
 * sentence punctuation ("." is allowed inside initials, "P.V", and after
 * a one-letter word, "M. Hà"; "," only when commas is set), or when its
 * first word is not capitalised.
 */
static int name_words(const char *s, size_t len, int commas, size_t *words,
		      size_t *caps)
{
	size_t i = 0, n, wlen = 0;
	int start = 1, paren = 0;

	*words = *caps = 0;
	while (i < len) {
		UChar32 c = cp_at(s + i, len - i, &n);

		if (c < 0 || u_isdigit(c) ||
		    (c < 128 && strchr(":;!?\"", c)) || (c == ',' && !commas))
			return 0;
		if (c == 0x201c || c == 0x201d || c == 0x2026)
			return 0;
		if (c == '.' && !(i + 1 < len && s[i + 1] != ' ') &&
		    !(wlen == 1 && i + 1 < len))
			return 0;
		if (c == '(')
			paren++;
		else if (c == ')' && paren)
			paren--;
		if (text_space_at(s + i, len - i)) {
			start = 1;
		} else if (start && u_isalpha(c)) {
			start = 0;
			wlen = 0;
			if (!paren) {
				++*words;
				if (u_isupper(c) || u_istitle(c))
					++*caps;
				else if (*words == 1)
					return 0;
			}
		}
		if (u_isalpha(c))
			wlen++;
		i += n ? n : 1;
	}
	return 1;
}

int byline_is_name(const char *s, size_t len)
{
	size_t words, caps;

	if (!len || len > NAME_MAX_BYTES || !name_words(s, len, 0, &words,
							&caps))
		return 0;
	return words >= 1 && words <= NAME_MAX_WORDS && caps * 3 >= words * 2;
}

/* An agency or paper after "Theo" or "Nguồn:": capitalised, commas
 * allowed, 1 to maxw words. */
static int is_agency(const char *s, size_t len, size_t maxw)
{
	size_t words, caps;

	return len && name_words(s, len, 1, &words, &caps) && words >= 1 &&
	       words <= maxw;
}

/*
 * A credit: "Theo NAME", "Nguồn: NAME", "Tổng hợp", each possibly in
 * parentheses (then up to PAREN_MAX_* long, else CREDIT_MAX_*). Sets
 * *c, *clen to the credit without its parentheses.
 */
static int is_credit(const char *s, size_t len, const char **c, size_t *clen)
{
	size_t maxb = CREDIT_MAX_BYTES, maxw = CREDIT_MAX_WORDS, m;

	if (len >= 2 && s[0] == '(' && s[len - 1] == ')') {
		s++, len -= 2;
		text_trim(&s, &len);
		maxb = PAREN_MAX_BYTES, maxw = PAREN_MAX_WORDS;
	}
	if (!len || len > maxb)
		return 0;
	*c = s, *clen = len;
	if (text_ci_prefix(s, len, "Tổng hợp") == len)
		return 1;
	if (!(m = text_ci_word(s, len, "Theo")) &&
	    !(m = text_ci_prefix(s, len, "Nguồn:")) &&
	    !(m = text_ci_prefix(s, len, "Nguồn :")))
		return 0;
	s += m, len -= m;
	text_trim(&s, &len);
	return is_agency(s, len, maxw);
}

/* Words of a name or a "Theo" credit's agency; 2 or more, or initials
 * ("D.Anh"), make a person's name rather than a word cut in two. */
static int whole_name(const char *s, size_t len)
{
	size_t words, caps, m = text_ci_word(s, len, "Theo");

	if (m)
		s += m, len -= m;
	text_trim(&s, &len);
	return name_words(s, len, 0, &words, &caps) &&
	       (words >= 2 || memchr(s, '.', len));
}

/* "NAME (theo X)": a byline, then a credit in parentheses. */
static int read_paren(const char *s, size_t len, struct byline_parts *p)
{
	const char *open;
	size_t nl;

	if (!len || s[len - 1] != ')')
		return 0;
	for (open = s + len - 1; open > s && *open != '('; open--)
		;
	nl = (size_t)(open - s);
	text_trim(&s, &nl);
	if (!nl || !byline_is_name(s, nl) ||
	    !is_credit(open, len - (size_t)(open - s), &p->credit,
		       &p->credit_len))
		return 0;
	p->name = s, p->name_len = nl;
	return 1;
}

/* Where a lower-case letter is followed by an upper-case one, or 0. */
static size_t seam(const char *s, size_t len)
{
	size_t i = 0, n;
	int lower = 0;

	while (i < len) {
		UChar32 c = cp_at(s + i, len - i, &n);

		if (c < 0)
			return 0;
		if (lower && (u_isupper(c) || u_istitle(c)))
			return i;
		lower = u_islower(c);
		i += n ? n : 1;
	}
	return 0;
}

/* Two lines joined without a space: "NAMETheo X", "Theo NAMEOutlet". */
static int read_glued(const char *s, size_t len, struct byline_parts *p)
{
	size_t g = seam(s, len);
	const char *r = s + g;
	size_t rl = len - g;

	if (!g || len > PAREN_MAX_BYTES || !whole_name(s, g))
		return 0;
	if (byline_is_name(s, g) && is_credit(r, rl, &p->credit,
					      &p->credit_len)) {
		p->name = s, p->name_len = g;
		return 1;
	}
	if (is_credit(s, g, &p->credit, &p->credit_len) &&
	    is_agency(r, rl, CREDIT_MAX_WORDS)) {
		p->outlet = r, p->outlet_len = rl;
		return 1;
	}
	return 0;
}

int byline_is_person_credit(const char *c, size_t clen)
{
	size_t i, n, words = 0, m = text_ci_word(c, clen, "Theo");
	int start = 1;

	if (!m)
		return 0;
	for (i = m; i < clen; i += n ? n : 1) {
		UChar32 ch = cp_at(c + i, clen - i, &n);

		if (text_space_at(c + i, clen - i) || ch == ',' || ch == '-') {
			start = 1;
			continue;
		}
		if (ch < 0 || !u_isalpha(ch))
			return 0;
		if (start != (u_isupper(ch) || u_istitle(ch)))
			return 0;
		words += start;
		start = 0;
	}
	return words >= 2;
}

int byline_read(const char *s, size_t len, struct byline_parts *p)
{
	memset(p, 0, sizeof(*p));
	/* glued first: "Theo Ngọc HàVietNamNet" reads as one credit too */
	if (read_glued(s, len, p) || read_paren(s, len, p))
		return 1;
	memset(p, 0, sizeof(*p));
	if (is_credit(s, len, &p->credit, &p->credit_len))
		return 1;
	memset(p, 0, sizeof(*p));
	if (!byline_is_name(s, len))
		return 0;
	p->name = s, p->name_len = len;
	return 1;
}
