/*
 * mojibake.c - undo UTF-8 read as Windows-1252, Windows-1258 or Latin-1;
 * see mojibake.h.
 */
#include "mojibake.h"

#include <stdint.h>
#include <string.h>

#include <unicode/utf8.h>

#include "charsets.h"

enum western { W_1252, W_1258, W_LATIN1, W_COUNT };

static const char *const western_names[W_COUNT] = {
	"windows-1252", "windows-1258", "ISO-8859-1",
};

/* Windows-1258 where it is not Latin-1 in 0xA0-0xFF. */
static const struct {
	uint8_t byte;
	uint16_t cp;
} cp1258_hi[] = {
	{ 0xC3, 0x0102 }, { 0xCC, 0x0300 }, { 0xD0, 0x0110 },
	{ 0xD2, 0x0309 }, { 0xD5, 0x01A0 }, { 0xDD, 0x01AF },
	{ 0xDE, 0x0303 }, { 0xE3, 0x0103 }, { 0xEC, 0x0301 },
	{ 0xF0, 0x0111 }, { 0xF2, 0x0323 }, { 0xF5, 0x01A1 },
	{ 0xFD, 0x01B0 }, { 0xFE, 0x20AB },
};

/*
 * The code point byte b (0x80-0xFF) reads as in w. Bytes an encoding
 * leaves undefined read as the C1 control of the same number, as lenient
 * decoders write them.
 */
static uint32_t read_byte(enum western w, uint8_t b)
{
	if (w == W_LATIN1)
		return b;
	if (b < 0xA0) {
		/* 1258 lacks 1252's Š Ž š ž */
		if (w == W_1258 && (b == 0x8A || b == 0x8E || b == 0x9A ||
				    b == 0x9E))
			return b;
		return cp1252_c1(b);
	}
	if (w == W_1258)
		for (size_t i = 0; i < sizeof(cp1258_hi) / sizeof(*cp1258_hi);
		     i++)
			if (cp1258_hi[i].byte == b)
				return cp1258_hi[i].cp;
	return b;
}

/* The byte that reads as cp, from tab[] (read_byte() of 0x80-0xFF), or -1. */
static int byte_of(const uint32_t *tab, uint32_t cp)
{
	if (cp < 0x80)
		return (int)cp;
	if (cp <= 0xFF && tab[cp - 0x80] == cp)
		return (int)cp;
	for (int b = 0; b < 0x80; b++)
		if (tab[b] == cp)
			return b + 0x80;
	return -1;
}

int mojibake_suspect(const unsigned char *s, size_t len)
{
	const unsigned char *p = s, *end = s + len;

	/* Ã Ä Å Æ á (Windows-1258: Ă), what the lead bytes 0xC3-0xC6 and
	 * 0xE1 of Vietnamese letters read as, then a symbol of U+0080-U+00BF
	 * (UTF-8 0xC2 ..), what most continuation bytes read as: áº, á»,
	 * Ã¢. Clean Vietnamese text holds few 0xC2 bytes (no-break spaces,
	 * guillemets), so memchr() finds them fast. */
	while ((p = memchr(p, 0xC2, (size_t)(end - p)))) {
		if (p - s >= 2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0xBF &&
		    ((p[-2] == 0xC3 && ((p[-1] >= 0x83 && p[-1] <= 0x86) ||
					p[-1] == 0xA1)) ||
		     (p[-2] == 0xC4 && p[-1] == 0x82)))
			return 1;
		p++;
	}
	return 0;
}

/* The bytes s reads back to in w, into out; 0 if some code point has none. */
static int undo(enum western w, const unsigned char *s, size_t len,
		struct buf *out)
{
	uint32_t tab[0x80];
	size_t i = 0;

	for (int b = 0; b < 0x80; b++)
		tab[b] = read_byte(w, (uint8_t)(b + 0x80));
	buf_reset(out);
	while (i < len) {
		UChar32 c;
		int b;

		if (s[i] < 0x80) {
			buf_addc(out, s[i++]);
			continue;
		}
		U8_NEXT_UNSAFE(s, i, c);
		b = byte_of(tab, (uint32_t)c);
		if (b < 0)
			return 0;
		buf_addc(out, b);
	}
	return 1;
}

/* Is s (len bytes) valid UTF-8 holding a code point past ASCII? */
static int utf8_beyond_ascii(const char *s, size_t len)
{
	int32_t i = 0, n = (int32_t)len;
	int wide = 0;

	if (len > INT32_MAX)
		return 0;
	while (i < n) {
		UChar32 c;

		U8_NEXT(s, i, n, c);
		if (c < 0)
			return 0;
		wide |= c >= 0x80;
	}
	return wide;
}

const char *mojibake_undo(const unsigned char *s, size_t len,
			  struct buf *out)
{
	struct buf other = BUF_INIT;
	const char *found = NULL;

	for (int w = 0; w < W_COUNT; w++) {
		struct buf *b = found ? &other : out;

		if (!undo((enum western)w, s, len, b) ||
		    !utf8_beyond_ascii(b->s, b->len))
			continue;
		if (!found) {
			found = western_names[w];
		} else if (other.len != out->len ||
			   memcmp(other.s, out->s, out->len)) {
			found = NULL;		/* two readings disagree */
			break;
		}
	}
	buf_release(&other);
	if (!found)
		buf_reset(out);
	return found;
}
