/*
 * vietnamese.h - the Vietnamese rules shared by the hash, the tokenizer and
 * encoding detection: canonical tone-mark placement, diacritic folding and
 * syllable validity.
 *
 * Canonical tone placement (the "old" style most news sites use): in the
 * open syllables oa, oe and uy (no final consonant, not after q or g-i), the
 * tone mark sits on the first vowel: hoà -> hòa, khoẻ -> khỏe, thuỷ -> thủy,
 * uỷ -> ủy. Every other syllable is left as it is.
 */
#ifndef NEWSCTL_VIETNAMESE_H
#define NEWSCTL_VIETNAMESE_H

#include <stddef.h>

#include "buf.h"

/*
 * Append s (len bytes of NFC UTF-8) to out with each word's tone mark moved
 * to its canonical place. Other text is copied unchanged.
 */
void vn_canonical_tones(const char *s, size_t len, struct buf *out);

/*
 * Is word (len bytes of NFC UTF-8, one word, any case) a well-formed
 * Vietnamese syllable: optional initial consonant, a vowel nucleus, an
 * optional final consonant, at most one tone mark, in a combination the
 * language allows? Used to score candidate decodings.
 */
int vn_is_syllable(const char *word, size_t len);

#endif
