/*
 * vietnamese.c - tone-mark placement and diacritic folding; see
 * vietnamese.h for the rules. (Syllable validity is in syllable.c.)
 *
 * The table vn_table[] is built once from ICU data (case folding, the
 * canonical decomposition, general category, NFC quick check), so the hot
 * paths (tokenizer, hash) do table lookups for the Vietnamese Latin range
 * and call ICU only for other scripts.
 */
#include "vietnamese.h"

#include <pthread.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

struct vn_char vn_table[VN_TABLE_LO + 0x100];

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_failed;

/* o, O, u, U with each tone: compose[base][tone]. */
static uint32_t compose[4][6];

static const uint32_t tone_marks[6] = {
	0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323
};

static int tone_of_mark(uint32_t m)
{
	for (int t = 1; t < 6; t++)
		if (tone_marks[t] == m)
			return t;
	return 0;
}

static int is_vowel_letter(uint32_t c)
{
	static const uint32_t v[] = {
		'a', 0x103, 0xe2, 'e', 0xea, 'i', 'o', 0xf4, 0x1a1, 'u',
		0x1b0, 'y'
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (v[i] == c)
			return 1;
	return 0;
}

/* Is c (lower case, untoned) one of ă â ê ô ơ ư, the vowels with a hat
 * or horn that take the tone whatever stands around them? */
static int is_modified_vowel(uint32_t c)
{
	return c == 0x103 || c == 0xE2 || c == 0xEA || c == 0xF4 ||
	       c == 0x1A1 || c == 0x1B0;
}

static uint32_t fold_case(uint32_t c)
{
	if (c == 0xD0)		/* Ð, the Vietnamese Đ look-alike */
		return 0x111;
	return (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
}

static int is_d(uint32_t c)
{
	return c == 0x110 || c == 0x111 || c == 0xD0 || c == 0xF0;
}

/*
 * Decompose c (NFD) into dec[] (code points, at most max); returns the
 * count, 0 on failure.
 */
static int decompose(const UNormalizer2 *nfd, uint32_t c, uint32_t *dec,
		     int max)
{
	UChar src[2], dst[16];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0, len, i = 0, k = 0;

	U16_APPEND_UNSAFE(src, n, c);
	len = unorm2_normalize(nfd, src, n, dst, 16, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return 0;
	while (i < len && k < max) {
		UChar32 d;

		U16_NEXT(dst, i, len, d);
		dec[k++] = (uint32_t)d;
	}
	return k;
}

/* NFC of the n code points in cps, if it is one code point; else 0. */
static uint32_t compose_one(const UNormalizer2 *nfc, const uint32_t *cps,
			    int n)
{
	UChar src[16], dst[16];
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0, i = 0;
	UChar32 c;

	for (int k = 0; k < n && len < 14; k++)
		U16_APPEND_UNSAFE(src, len, cps[k]);
	len = unorm2_normalize(nfc, src, len, dst, 16, &st);
	if (U_FAILURE(st) || len == 0)
		return 0;
	U16_NEXT(dst, i, len, c);
	return i == len ? (uint32_t)c : 0;
}

static void fill(const UNormalizer2 *nfd, const UNormalizer2 *nfc,
		 struct vn_char *e, uint32_t c)
{
	uint32_t dec[8], rest[8], lower;
	int n = decompose(nfd, c, dec, 8), nrest = 0, tone = 0, tones = 0;
	int all_marks = 1;
	uint32_t gc = U_GET_GC_MASK((UChar32)c);

	memset(e, 0, sizeof(*e));
	lower = fold_case(c);
	e->lower = (uint16_t)lower;
	e->untoned = (uint16_t)c;
	if (u_isalnum((UChar32)c))
		e->flags |= VN_WORD;
	if (u_isalpha((UChar32)c))
		e->flags |= VN_LETTER;
	if (gc & U_GC_M_MASK)
		e->flags |= VN_WORD | VN_MARK;
	if (u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) !=
	    UNORM_YES)
		e->flags |= VN_NFC_CHECK;

	for (int k = 1; k < n; k++) {
		int t = tone_of_mark(dec[k]);

		if (!(U_GET_GC_MASK((UChar32)dec[k]) & U_GC_MN_MASK))
			all_marks = 0;
		if (t) {
			tone = t;
			tones++;
		} else {
			rest[nrest++] = dec[k];
		}
	}

	if (e->flags & VN_MARK)
		e->fold = 0;
	else if (is_d(c))
		e->fold = 'd';
	else if (n > 1 && all_marks && (e->flags & VN_LETTER))
		e->fold = (uint16_t)fold_case(dec[0]);
	else
		e->fold = (uint16_t)lower;
	if (e->fold != e->lower)
		e->flags |= VN_FOLDS;

	if (tones == 1 && n > 1 && all_marks) {
		uint32_t base[8];
		uint32_t u;

		base[0] = dec[0];
		memcpy(base + 1, rest, (size_t)nrest * sizeof(rest[0]));
		u = compose_one(nfc, base, nrest + 1);
		if (u) {
			e->tone = (uint8_t)tone;
			e->untoned = (uint16_t)u;
		}
	}
	if ((e->flags & VN_LETTER) &&
	    is_vowel_letter(fold_case(e->untoned)))
		e->flags |= VN_VOWEL;
	if ((e->flags & VN_VOWEL) &&
	    is_modified_vowel(fold_case(e->untoned)))
		e->flags |= VN_HAT;
}

static void build(void)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	const UNormalizer2 *nfc;
	static const uint32_t bases[4] = { 'o', 'O', 'u', 'U' };

	if (U_FAILURE(st)) {
		init_failed = 1;
		return;
	}
	st = U_ZERO_ERROR;
	nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st)) {
		init_failed = 1;
		return;
	}
	for (uint32_t c = 0; c < VN_TABLE_LO; c++)
		fill(nfd, nfc, &vn_table[c], c);
	for (uint32_t c = 0; c < 0x100; c++)
		fill(nfd, nfc, &vn_table[VN_TABLE_LO + c], VN_TABLE_EXT + c);
	for (int b = 0; b < 4; b++) {
		compose[b][0] = bases[b];
		for (int t = 1; t < 6; t++) {
			UChar32 p = unorm2_composePair(nfc, (UChar32)bases[b],
						       (UChar32)tone_marks[t]);
			if (p < 0) {
				init_failed = 1;
				return;
			}
			compose[b][t] = (uint32_t)p;
		}
	}
}

int vn_init(void)
{
	pthread_once(&init_once, build);
	return init_failed ? -1 : 0;
}

void vn_lower_fold(uint32_t c, uint32_t *lower, uint32_t *fold)
{
	const struct vn_char *e = vn_char_of(c);
	UChar32 l;

	if (e) {
		*lower = e->lower;
		*fold = e->fold;
		return;
	}
	l = u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
	*lower = (uint32_t)l;
	if (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK) {
		*fold = 0;
		return;
	}
	*fold = (uint32_t)l;
	/*
	 * Other scripts: drop the marks of a canonical decomposition made of
	 * a letter and combining marks only (Greek ά -> α, Cyrillic й -> и);
	 * Hangul syllables and the like decompose into letters and stay.
	 */
	if (u_isalpha(l)) {
		UErrorCode st = U_ZERO_ERROR;
		const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
		UChar dec[16];
		int32_t n, i = 0;
		UChar32 base, d;

		if (U_FAILURE(st))
			return;
		n = unorm2_getDecomposition(nfd, l, dec, 16, &st);
		if (U_FAILURE(st) || n <= 0)
			return;		/* none: most code points */
		U16_NEXT(dec, i, n, base);
		if (i == n)
			return;
		while (i < n) {
			U16_NEXT(dec, i, n, d);
			if (!(U_GET_GC_MASK(d) & U_GC_MN_MASK))
				return;
		}
		*fold = (uint32_t)u_foldCase(base, U_FOLD_CASE_DEFAULT);
	}
}

/* Lower case of a table code point (the caller checked it has one). */
static uint32_t lc(uint32_t c)
{
	const struct vn_char *e = vn_char_of(c);

	return e ? e->lower : c;
}

/* Is w[0..n) (code points, any case) an initial consonant of the rule? */
static int valid_initial(const uint32_t *w, size_t n)
{
	static const char *const initials[] = {
		"b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s",
		"t", "v", "x", "ch", "gh", "kh", "ng", "nh", "ph", "th",
		"tr", "ngh",
	};
	char s[4];

	if (n == 0)
		return 1;
	if (n == 1 && lc(w[0]) == 0x111)	/* đ */
		return 1;
	if (n > 3)
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = lc(w[i]);

		if (c < 'a' || c > 'z')
			return 0;
		s[i] = (char)c;
	}
	s[n] = '\0';
	for (size_t i = 0; i < sizeof(initials) / sizeof(initials[0]); i++)
		if (!strcmp(s, initials[i]))
			return 1;
	return 0;
}

int vn_canon_word(uint32_t *w, size_t n)
{
	const struct vn_char *a, *b;
	uint32_t va, vb;
	size_t i = 0;
	int base;

	if (n < 2 || n > 5)
		return 0;
	while (i < n) {
		a = vn_char_of(w[i]);
		if (!a || !(a->flags & VN_LETTER))
			return 0;
		if (a->flags & VN_VOWEL)
			break;
		i++;
	}
	if (n - i != 2)
		return 0;
	a = vn_char_of(w[i]);
	b = vn_char_of(w[i + 1]);
	if (!b || !(b->flags & VN_VOWEL) || a->tone || !b->tone)
		return 0;
	va = lc(a->untoned);
	vb = lc(b->untoned);
	if (!((va == 'o' && (vb == 'a' || vb == 'e')) ||
	      (va == 'u' && vb == 'y')))
		return 0;
	/* q + u: the u belongs to the consonant (quý, quỳ) */
	if (!valid_initial(w, i))
		return 0;
	base = (w[i] == 'o') ? 0 : (w[i] == 'O') ? 1 : (w[i] == 'u') ? 2 :
	       (w[i] == 'U') ? 3 : -1;
	if (base < 0)
		return 0;
	w[i] = compose[base][b->tone];
	w[i + 1] = b->untoned;
	return 1;
}

void vn_canonical_tones(const char *s, size_t len, struct buf *out)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, copied = 0;

	if (vn_init() < 0) {
		buf_add(out, s, len);
		return;
	}
	buf_grow(out, len);
	while (i < len) {
		size_t start = i, n = 0, end;
		uint32_t w[6];
		int candidate = 1, toned = 0;
		UChar32 c;

		/* skip to the next letter of the table's ranges */
		if (u[i] < 0x80 && !(vn_table[u[i]].flags & VN_LETTER)) {
			i++;
			continue;
		}
		for (;;) {
			const struct vn_char *e;

			end = i;
			if (i >= len)
				break;
			U8_NEXT(u, i, len, c);
			e = c >= 0 ? vn_char_of((uint32_t)c) : NULL;
			if (!e || !(e->flags & VN_LETTER)) {
				if (n == 0)
					candidate = -1;	/* not a letter */
				else if (e || c < 0 || !u_isalpha(c))
					break;
				else
					candidate = 0;	/* other script */
			}
			if (candidate < 0)
				break;
			if (n < 6)
				w[n] = (uint32_t)c;
			if (e && e->tone)
				toned = 1;
			n++;
		}
		if (candidate < 0)
			continue;	/* i is past the non-letter */
		if (candidate && toned && n <= 5 && vn_canon_word(w, n)) {
			buf_add(out, s + copied, start - copied);
			for (size_t k = 0; k < n; k++) {
				char enc[4];
				int32_t el = 0;

				U8_APPEND_UNSAFE(enc, el, w[k]);
				buf_add(out, enc, (size_t)el);
			}
			copied = end;
		}
		i = end;
	}
	buf_add(out, s + copied, len - copied);
}


/*
 * Where the tone of the word w belongs, from the flags of its n letters:
 * the last vowel with a hat or horn (ươ takes it on ơ); else the last
 * vowel before a final consonant; else, in an open syllable, the first of
 * two vowels (hòa, của, tài) or the middle one of three (hoài, khuỷu). In
 * qu, and gi before a vowel, the u and i are consonant. -1 if the letters
 * are no initial, vowels and final.
 */
static int tone_target(const uint32_t *w, const uint8_t *flags, size_t n)
{
	size_t v0 = 0, v1;
	int target = -1;

	while (v0 < n && !(flags[v0] & VN_VOWEL))
		v0++;
	if (v0 == 1 && n > 2 && (flags[2] & VN_VOWEL)) {
		uint32_t first = lc(w[0]);
		uint32_t second = lc(vn_char_of(w[1])->untoned);

		if ((first == 'q' && second == 'u') ||
		    (first == 'g' && second == 'i'))
			v0 = 2;
	}
	for (v1 = v0; v1 < n && (flags[v1] & VN_VOWEL); v1++)
		if (flags[v1] & VN_HAT)
			target = (int)v1;
	if (v1 == v0 || v1 - v0 > 3)
		return -1;
	if (target >= 0)
		return target;
	if (v1 < n)
		return (int)v1 - 1;
	return (int)v0 + (v1 - v0 == 3);
}

int vn_place_tone(uint32_t *w, size_t n)
{
	uint32_t was[VN_SYLLABLE_MAX], pair[2], moved;
	uint8_t flags[VN_SYLLABLE_MAX];
	int from = -1, to, tone = 0;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc;
	char utf8[4 * VN_SYLLABLE_MAX];
	int32_t len = 0;

	if (n < 2 || n > VN_SYLLABLE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const struct vn_char *e = vn_char_of(w[i]);

		if (!e || !(e->flags & VN_LETTER))
			return 0;
		flags[i] = e->flags;
		if (e->tone && from < 0) {
			const struct vn_char *next = i + 1 < n ?
				vn_char_of(w[i + 1]) : NULL;

			from = (int)i;
			tone = e->tone;
			/* a vowel alone keeps its tone: the common case */
			if ((!i || !(flags[i - 1] & VN_VOWEL)) &&
			    (!next || !(next->flags & VN_VOWEL)))
				return 0;
		} else if (e->tone) {
			return 0;	/* two tones: not a syllable */
		}
	}
	if (from < 0)
		return 0;
	to = tone_target(w, flags, n);
	if (to < 0 || to == from)
		return 0;
	nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st))
		return 0;
	pair[0] = vn_char_of(w[to])->untoned;
	pair[1] = tone_marks[tone];
	moved = compose_one(nfc, pair, 2);	/* ê + ◌̣: a pair NFC orders */
	if (!moved)
		return 0;
	memcpy(was, w, n * sizeof(*w));
	w[from] = vn_char_of(w[from])->untoned;
	w[to] = moved;
	for (size_t i = 0; i < n; i++)
		U8_APPEND_UNSAFE(utf8, len, w[i]);
	if (!vn_is_syllable(utf8, (size_t)len)) {
		memcpy(w, was, n * sizeof(*w));
		return 0;
	}
	return 1;
}

/* Is cp a letter or a combining mark (part of a written word)? */
static int is_letter(uint32_t cp)
{
	const struct vn_char *e = vn_char_of(cp);

	if (e)
		return (e->flags & (VN_LETTER | VN_MARK)) != 0;
	return u_isalpha((UChar32)cp) ||
		(U_GET_GC_MASK((UChar32)cp) & U_GC_M_MASK);
}

/*
 * Is a zero-width character between the words a and b (bytes) a word
 * boundary? Yes when both are syllables and the two written together are
 * not (Việt|Nam); no when together they are one (h|oa) or either is no
 * syllable (iPhone|X), as the character then only kept a renderer from
 * joining letters.
 */
static int zero_width_splits(const char *a, size_t na, const char *b,
			     size_t nb)
{
	char both[64];

	if (!vn_is_syllable(a, na) || !vn_is_syllable(b, nb))
		return 0;
	if (na + nb > sizeof(both))
		return 1;
	memcpy(both, a, na);
	memcpy(both + na, b, nb);
	return !vn_is_syllable(both, na + nb);
}

void vn_zero_width(struct buf *out, size_t start)
{
	struct buf tail = BUF_INIT;
	int32_t i = 0, n;

	vn_init();	/* is_letter() reads the table */
	buf_add(&tail, out->s + start, out->len - start);
	buf_setlen(out, start);
	n = (int32_t)tail.len;
	while (i < n) {
		int32_t at = i, r, back = (int32_t)out->len;
		size_t l = out->len;
		UChar32 c;

		U8_NEXT(tail.s, i, n, c);
		if (c < 0 || !vn_is_zero_width((uint32_t)c)) {
			buf_add(out, tail.s + at, (size_t)(i - at));
			continue;
		}
		while (back > (int32_t)start) {
			U8_PREV(out->s, (int32_t)start, back, c);
			if (c < 0 || !is_letter((uint32_t)c))
				break;
			l = (size_t)back;
		}
		for (r = i; r < n; ) {
			int32_t next = r;

			U8_NEXT(tail.s, next, n, c);
			if (c < 0 || !is_letter((uint32_t)c))
				break;
			r = next;
		}
		if (l < out->len && r > i &&
		    zero_width_splits(out->s + l, out->len - l, tail.s + i,
				      (size_t)(r - i)))
			buf_addc(out, ' ');
	}
	buf_release(&tail);
}
