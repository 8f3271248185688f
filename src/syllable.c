/*
 * syllable.c - is a word a well-formed Vietnamese syllable?
 *
 * The word is spelt into a skeleton, one ASCII byte per letter: consonants
 * as themselves (đ as '#'), the vowels a e i o u y as themselves and
 * ă â ê ô ơ ư as 1 2 3 4 5 6; the tone marks are counted apart. The
 * skeleton must then read initial consonant + vowel nucleus + final
 * consonant, with a nucleus the language has and a tone the final allows.
 */
#include "vietnamese.h"

#include <stdint.h>
#include <string.h>

#include "charsets.h"

#define MAX_LETTERS 10

enum { OPEN = 1, CLOSED = 2, BOTH = 3 };

/* The vowel nuclei, glides included, and whether a final may follow. */
static const struct nucleus {
	const char *sk;
	int kind;
} nuclei[] = {
	{ "a", BOTH }, { "e", BOTH }, { "3", BOTH }, { "i", BOTH },
	{ "o", BOTH }, { "4", BOTH }, { "5", BOTH }, { "u", BOTH },
	{ "6", BOTH }, { "y", BOTH }, { "oa", BOTH }, { "oe", BOTH },
	{ "u3", BOTH }, { "uy", BOTH },
	{ "1", CLOSED }, { "2", CLOSED }, { "o1", CLOSED }, { "u2", CLOSED },
	{ "i3", CLOSED }, { "y3", CLOSED }, { "u4", CLOSED }, { "65", CLOSED },
	{ "uy3", CLOSED }, { "oo", CLOSED },
	{ "ai", OPEN }, { "ao", OPEN }, { "au", OPEN }, { "ay", OPEN },
	{ "2u", OPEN }, { "2y", OPEN }, { "eo", OPEN }, { "3u", OPEN },
	{ "ia", OPEN }, { "iu", OPEN }, { "oi", OPEN }, { "4i", OPEN },
	{ "5i", OPEN }, { "ua", OPEN }, { "ui", OPEN }, { "6a", OPEN },
	{ "6i", OPEN }, { "6u", OPEN }, { "i3u", OPEN }, { "y3u", OPEN },
	{ "u4i", OPEN }, { "65i", OPEN }, { "65u", OPEN }, { "oai", OPEN },
	{ "oay", OPEN }, { "oao", OPEN }, { "oeo", OPEN }, { "u2y", OPEN },
	{ "uya", OPEN }, { "uyu", OPEN }, { "u5", OPEN },
};

static const char *const finals[] = {
	"c", "ch", "m", "n", "ng", "nh", "p", "t",
};

static int is_vowel(char c)
{
	return c && strchr("aeiouy123456", c) != NULL;
}

/*
 * Spell word (len bytes of UTF-8) into sk (lowercase skeleton, NUL
 * terminated, at most MAX_LETTERS letters); return the number of letters,
 * or -1 if the word has something else than Vietnamese letters. *tones
 * counts the toned letters, *tone is the last tone seen.
 */
static int spell(const unsigned char *w, size_t len, char *sk, int *tones,
		 int *tone)
{
	static const char code[CS_NLETTERS] = "a12e3io45u6y#";
	int n = 0;
	size_t i = 0;

	*tones = 0;
	*tone = CS_LEVEL;
	while (i < len) {
		uint32_t cp = w[i];
		int l, t, up;

		if (n == MAX_LETTERS)
			return -1;
		if (cp < 0x80) {
			i++;
		} else if ((cp & 0xE0) == 0xC0 && i + 1 < len) {
			cp = (cp & 0x1F) << 6 | (w[i + 1] & 0x3F);
			i += 2;
		} else if ((cp & 0xF0) == 0xE0 && i + 2 < len) {
			cp = (cp & 0x0F) << 12 | (w[i + 1] & 0x3F) << 6 |
				(w[i + 2] & 0x3F);
			i += 3;
		} else {
			return -1;
		}
		if (cs_letter_info(cp, &l, &t, &up)) {
			sk[n++] = code[l];
			if (t) {
				(*tones)++;
				*tone = t;
			}
		} else if (cp < 0x80 && ((cp | 0x20) >= 'a' &&
					 (cp | 0x20) <= 'z')) {
			char c = (char)(cp | 0x20);

			if (strchr("fjwz", c))
				return -1;
			sk[n++] = c;
		} else {
			return -1;
		}
	}
	sk[n] = '\0';
	return n;
}

/* The length of the initial consonant of sk, or -1 if it has none legal. */
static int initial(const char *sk)
{
	static const char *const two[] = {
		"ng", "nh", "ch", "gh", "kh", "ph", "th", "tr",
	};

	if (is_vowel(sk[0]))
		return 0;
	if (!strncmp(sk, "ngh", 3))
		return 3;
	if (!strncmp(sk, "gi", 2) && is_vowel(sk[2]))
		return 2;
	if (!strncmp(sk, "qu", 2))
		return is_vowel(sk[2]) ? 2 : -1;
	for (size_t k = 0; k < sizeof(two) / sizeof(*two); k++)
		if (!strncmp(sk, two[k], 2))
			return 2;
	return strchr("bcdghklmnprstvx#", sk[0]) ? 1 : -1;
}

int vn_is_syllable(const char *word, size_t len)
{
	char sk[MAX_LETTERS + 1], nuc[MAX_LETTERS + 1];
	const char *fin;
	int n, tones, tone, start, end, kind = 0;

	n = spell((const unsigned char *)word, len, sk, &tones, &tone);
	if (n <= 0 || tones > 1)
		return 0;
	start = initial(sk);
	if (start < 0)
		return 0;
	for (end = start; end < n && is_vowel(sk[end]); end++)
		;
	if (end == start)
		return 0;
	memcpy(nuc, sk + start, end - start);
	nuc[end - start] = '\0';
	for (size_t k = 0; k < sizeof(nuclei) / sizeof(*nuclei); k++)
		if (!strcmp(nuc, nuclei[k].sk)) {
			kind = nuclei[k].kind;
			break;
		}
	if (!kind)
		return 0;
	fin = sk + end;
	if (!*fin)
		return kind != CLOSED;
	if (kind == OPEN)
		return 0;
	for (size_t k = 0; k < sizeof(finals) / sizeof(*finals); k++)
		if (!strcmp(fin, finals[k])) {
			/* c ch p t take only sắc or nặng */
			if (strchr("cpt", fin[0]))
				return tone == CS_SAC || tone == CS_NANG;
			return 1;
		}
	return 0;
}
