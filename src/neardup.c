/*
 * neardup.c - shingle sets, MinHash band keys and the similarity of
 * near-duplicate articles; see neardup.h for the method and its reasons.
 * (The clusters are in neardup-cluster.c.)
 */
#include "neardup.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "date.h"
#include "text.h"
#include "vietnamese.h"

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull
#define GOLDEN 0x9e3779b97f4a7c15ull
#define NHASH (NEARDUP_BANDS * NEARDUP_ROWS)
#define CREDIT_MAX_SYLLABLES 8	/* a credit line is a short line */

/* The splitmix64 finaliser: every input bit moves every output bit. */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

/* Syllable hashes of the current line; grown as needed. */
struct line {
	uint64_t *h;
	size_t n, cap;
};

static void line_add(struct line *l, uint64_t h)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->h = xrealloc(l->h, l->cap * sizeof(*l->h));
	}
	l->h[l->n++] = h;
}

static void set_add(struct neardup_set *s, uint64_t h)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->h = xrealloc(s->h, s->cap * sizeof(*s->h));
	}
	s->h[s->n++] = h;
}

/*
 * The shingles of one line's syllables: the first NEARDUP_OPENING lines of
 * NEARDUP_MIN_OPENING syllables or more (the headline and the lead,
 * however short) make the opening; later lines count unless they are
 * furniture. A line that is nothing but a date never counts. text is the
 * line (len bytes).
 */
static void line_shingles(const struct line *l, const char *text,
			  size_t len, struct neardup_set *s, int *opening)
{
	char iso[DATE_ISO_MAX];
	int open;

	if (l->n < NEARDUP_K || date_parse(text, len, 1, iso))
		return;
	open = *opening < NEARDUP_OPENING && l->n >= NEARDUP_MIN_OPENING;
	if (!open && l->n < NEARDUP_MIN_LINE)
		return;
	*opening += open;
	s->syllables += l->n;
	for (size_t i = 0; i + NEARDUP_K <= l->n; i++) {
		uint64_t h = 0;

		for (size_t k = 0; k < NEARDUP_K; k++)
			h = (h ^ l->h[i + k]) * GOLDEN;
		h = mix64(h);
		set_add(s, h);
		if (open && s->nhead < NEARDUP_HEAD)
			s->head[s->nhead++] = h;
	}
}

/* Is c part of a token (letter, digit, combining mark)? */
static int word_char(uint32_t c, const struct vn_char *e)
{
	if (e)
		return e->flags & VN_WORD;
	return u_isalnum((UChar32)c) ||
	       (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK);
}

/*
 * Sort v (n values) with an LSD radix sort, a byte a pass: several times
 * faster than qsort() with a comparison callback on the few thousand
 * values of an article, and sorting was most of the time of signing.
 */
static void sort_u64(uint64_t *v, size_t n)
{
	uint64_t *tmp = xmalloc(n * sizeof(*v)), *src = v, *dst = tmp, *t;

	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[257] = { 0 };

		for (size_t i = 0; i < n; i++)
			count[((src[i] >> shift) & 0xff) + 1]++;
		for (int b = 0; b < 256; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	/* eight passes: the result is back in v */
	free(tmp);
}

/*
 * Split text into lines of folded syllables, each syllable an FNV-1a hash
 * of its folded code points, and add each line's shingles.
 */
void neardup_shingle(const char *text, size_t len, struct neardup_set *set)
{
	const uint8_t *u = (const uint8_t *)text;
	struct line l = { NULL, 0, 0 };
	int32_t i = 0, n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	int32_t start = 0;
	uint64_t h = FNV_OFFSET;
	int in_word = 0, opening = 0;

	set->n = 0;
	set->syllables = 0;
	set->nhead = 0;
	vn_init();
	while (i <= n) {
		UChar32 c = '\n';
		const struct vn_char *e;
		uint32_t lower, fold;
		int ideograph;

		if (i < n)
			U8_NEXT(u, i, n, c);
		else
			i++;
		e = c >= 0 ? vn_char_of((uint32_t)c) : NULL;
		ideograph = !e && c > 0 &&
			    u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC);
		if (c >= 0 && !ideograph && word_char((uint32_t)c, e)) {
			if (e)
				fold = e->fold;
			else
				vn_lower_fold((uint32_t)c, &lower, &fold);
			if (fold)
				h = (h ^ fold) * FNV_PRIME;
			in_word = 1;
			continue;
		}
		if (in_word)
			line_add(&l, h);
		in_word = 0;
		h = FNV_OFFSET;
		if (ideograph)
			line_add(&l, (FNV_OFFSET ^ (uint32_t)c) * FNV_PRIME);
		if (c == '\n') {
			int32_t end = i > n ? n : i - 1;

			line_shingles(&l, text + start, (size_t)(end - start),
				      set, &opening);
			l.n = 0;
			start = i;
		}
	}
	free(l.h);
	if (set->n > 1) {
		size_t k = 1;

		sort_u64(set->h, set->n);
		for (size_t j = 1; j < set->n; j++)
			if (set->h[j] != set->h[k - 1])
				set->h[k++] = set->h[j];
		set->n = k;
	}
}

void neardup_set_release(struct neardup_set *set)
{
	free(set->h);
	*set = (struct neardup_set)NEARDUP_SET_INIT;
}

/*
 * MinHash: NHASH hash functions x -> a*x + c (mod 2^64) with odd a,
 * applied to shingle hashes that are already well mixed; the minimum of
 * each is compared as a whole 64-bit value, whose high bits depend on
 * every bit of x. Cheaper than NHASH calls of mix64() a shingle.
 */
int neardup_sign(const struct neardup_set *set, int32_t keys[NEARDUP_BANDS])
{
	uint64_t a[NHASH], c[NHASH], m[NHASH];

	if (set->n < NEARDUP_MIN_SHINGLES)
		return 0;
	for (int j = 0; j < NHASH; j++) {
		a[j] = mix64(GOLDEN * (uint64_t)(2 * j + 1)) | 1;
		c[j] = mix64(GOLDEN * (uint64_t)(2 * j + 2));
		m[j] = UINT64_MAX;
	}
	for (size_t i = 0; i < set->n; i++) {
		uint64_t x = set->h[i];

		for (int j = 0; j < NHASH; j++) {
			uint64_t v = a[j] * x + c[j];

			if (v < m[j])
				m[j] = v;
		}
	}
	for (int b = 0; b < NEARDUP_BANDS; b++) {
		uint64_t k = mix64((uint64_t)b + 1);

		for (int r = 0; r < NEARDUP_ROWS; r++)
			k = mix64(k ^ m[b * NEARDUP_ROWS + r]);
		keys[b] = (int32_t)(uint32_t)(k >> 32);
	}
	return 1;
}

double neardup_jaccard(const struct neardup_set *a,
		       const struct neardup_set *b)
{
	size_t i = 0, j = 0, both = 0;

	if (!a->n && !b->n)
		return 0;
	while (i < a->n && j < b->n) {
		if (a->h[i] < b->h[j]) {
			i++;
		} else if (a->h[i] > b->h[j]) {
			j++;
		} else {
			both++;
			i++;
			j++;
		}
	}
	return (double)both / (double)(a->n + b->n - both);
}

/* Is h in the sorted set s? */
static int has(const struct neardup_set *s, uint64_t h)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->h[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n && s->h[lo] == h;
}

/* The share of a's opening found in b (0 when a has no opening). */
static double opening_in(const struct neardup_set *a,
			 const struct neardup_set *b)
{
	size_t found = 0;

	for (size_t i = 0; i < a->nhead; i++)
		found += has(b, a->head[i]);
	return a->nhead ? (double)found / (double)a->nhead : 0;
}

int neardup_confirmed(const struct neardup_set *a,
		      const struct neardup_set *b, double threshold,
		      double *sim)
{
	double s = neardup_jaccard(a, b), ab, ba;

	if (sim)
		*sim = s;
	if (a->n < NEARDUP_MIN_SHINGLES || b->n < NEARDUP_MIN_SHINGLES ||
	    s < threshold)
		return 0;
	ab = opening_in(a, b);
	ba = opening_in(b, a);
	if (ab >= NEARDUP_HEAD_SHARE && ba >= NEARDUP_HEAD_SHARE)
		return 1;
	return s >= NEARDUP_STRICT &&
	       ab >= NEARDUP_HEAD_SOME && ba >= NEARDUP_HEAD_SOME;
}

/* Syllables of s (len bytes), up to max + 1. */
static size_t count_words(const char *s, size_t len, size_t max)
{
	int32_t i = 0, n = (int32_t)len;
	size_t words = 0;
	int in_word = 0;

	while (i < n && words <= max) {
		UChar32 c;

		U8_NEXT(s, i, n, c);
		if (c >= 0 && u_isalnum(c)) {
			words += !in_word;
			in_word = 1;
		} else {
			in_word = 0;
		}
	}
	return words;
}

/* Is the line s (len bytes) a credit such as "Theo TTXVN"? */
static int credit_line(const char *s, size_t len)
{
	static const char *const starts[] = {
		"theo ", "(theo ", "nguồn:", "nguồn :", "(nguồn:",
	};

	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (!len || count_words(s, len, CREDIT_MAX_SYLLABLES) >
	    CREDIT_MAX_SYLLABLES)
		return 0;
	for (size_t k = 0; k < sizeof(starts) / sizeof(*starts); k++)
		if (text_ci_prefix(s, len, starts[k]))
			return 1;
	return 0;
}

int neardup_credits_other(const char *text, size_t len)
{
	const char *first = NULL, *last = NULL;
	size_t first_len = 0, last_len = 0, i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;

		if (end > i) {
			if (!first) {
				first = text + i;
				first_len = end - i;
			}
			last = text + i;
			last_len = end - i;
		}
		i = end + 1;
	}
	return (first && credit_line(first, first_len)) ||
	       (last && credit_line(last, last_len));
}
