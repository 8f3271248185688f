/*
 * fuzz-neardup.c - libFuzzer target: near-duplicate shingling, signing
 * and confirming over arbitrary bytes, split at the first NUL into two
 * texts. A shingle set must be strictly ascending, a text must be a copy
 * of itself when it is signed, similarity in [0, 1] and the same both
 * ways, and the band keys the same for equal sets.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "neardup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_set(const struct neardup_set *s)
{
	for (size_t i = 1; i < s->n; i++)
		if (s->h[i - 1] >= s->h[i])
			abort();
	if (s->nhead > NEARDUP_HEAD)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct neardup_set a = NEARDUP_SET_INIT, b = NEARDUP_SET_INIT;
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t la = nul ? (size_t)(nul - text) : size;
	int32_t ka[NEARDUP_BANDS], kb[NEARDUP_BANDS];
	double ab, ba;
	int sa;

	if (size > 1 << 20)
		return 0;
	neardup_shingle(text, la, &a);
	neardup_shingle(nul ? nul + 1 : text, nul ? size - la - 1 : size, &b);
	check_set(&a);
	check_set(&b);
	sa = neardup_sign(&a, ka);
	if (sa != (a.n >= NEARDUP_MIN_SHINGLES))
		abort();
	if (sa && !neardup_confirmed(&a, &a, 1.0, NULL))
		abort();
	if (neardup_confirmed(&a, &b, NEARDUP_THRESHOLD, &ab) !=
	    neardup_confirmed(&b, &a, NEARDUP_THRESHOLD, &ba) || ab != ba ||
	    ab < 0 || ab > 1)
		abort();
	if (neardup_sign(&b, kb) && a.n == b.n &&
	    !memcmp(a.h, b.h, a.n * sizeof(*a.h)) &&
	    memcmp(ka, kb, sizeof(ka)))
		abort();
	neardup_credits_other(text, la);
	neardup_set_release(&a);
	neardup_set_release(&b);
	return 0;
}
