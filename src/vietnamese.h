/*
 * vietnamese.h - the Vietnamese rules shared by the hash, the tokenizer and
 * encoding detection: canonical tone-mark placement, diacritic folding and
 * syllable validity.
 *
 * Canonical tone placement (the "old" style most news sites use). A word
 * is changed only when all of these hold:
 *   - it is one syllable: an initial consonant (none, b c ch d đ g gh h k
 *     kh l m n ng ngh nh p ph r s t th tr v x) followed by exactly two
 *     vowel letters and nothing else (no final consonant, no third vowel);
 *   - the two vowels are plain o+a, o+e or u+y (not ô, ơ, ă, â, ê, ư);
 *   - the tone mark is on the second vowel and the first has none.
 * Then the mark moves to the first vowel: hoà -> hòa, khoẻ -> khỏe,
 * thuỷ -> thủy, uỷ -> ủy, loà -> lòa, HOÀ -> HÒA (case is kept).
 * Nothing else moves: closed syllables (hoàn, toán, thuyết, khoét), the
 * three-vowel clusters oai, oay, uây, uyu, uya (hoài, xoáy, khuấy, khuỷu),
 * and every word after q: in qu the u belongs to the consonant (quý, quỳ,
 * quả, quà stay). In gi the i belongs to the consonant too, so gi + vowel
 * is never an open oa/oe/uy pair (giá, giòn stay). Only the exact
 * two-vowel pattern is recognised, so foreign words that happen to fit it
 * (Noé) are changed as well; that is harmless for hashing and search.
 *
 * Folding: lower case (simple Unicode case folding, with U+00D0 Ð taken as
 * the Vietnamese Đ, a common look-alike, so it lower-cases to đ), then every
 * diacritic removed (the base letter of the canonical decomposition) and
 * đ, Đ, Ð, ð -> d. Letters without a decomposition (ø, ł) stay.
 */
#ifndef NEWSCTL_VIETNAMESE_H
#define NEWSCTL_VIETNAMESE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Append s (len bytes of NFC UTF-8) to out with each word's tone mark moved
 * to its canonical place. Other text (and invalid UTF-8) is copied
 * unchanged.
 */
void vn_canonical_tones(const char *s, size_t len, struct buf *out);

/*
 * Is word (len bytes of NFC UTF-8, one word, any case) a well-formed
 * Vietnamese syllable: optional initial consonant, a vowel nucleus, an
 * optional final consonant, at most one tone mark, in a combination the
 * language allows? Used to score candidate decodings.
 */
int vn_is_syllable(const char *word, size_t len);

/*
 * The per-code-point table behind the fast paths: one entry for each code
 * point of U+0000-U+036F (Latin, Latin Extended-A/B, IPA, spacing and
 * combining diacritics) and U+1E00-U+1EFF (Latin Extended Additional),
 * built from ICU data by vn_init(). Other code points have no entry and
 * are handled with ICU calls.
 */
enum {
	VN_WORD = 1 << 0,	/* letter, digit or combining mark */
	VN_LETTER = 1 << 1,
	VN_MARK = 1 << 2,	/* combining mark (general category M) */
	VN_NFC_CHECK = 1 << 3,	/* NFC quick check is not "yes" */
	VN_VOWEL = 1 << 4,	/* a ă â e ê i o ô ơ u ư y, any tone or case */
	VN_FOLDS = 1 << 5,	/* fold differs from lower */
	VN_HAT = 1 << 6,	/* ă â ê ô ơ ư, any tone or case */
};

/* Tone marks, in the order of the Vietnamese alphabet's tones. */
enum vn_tone {
	VN_TONE_NONE,
	VN_TONE_GRAVE,		/* huyền U+0300 */
	VN_TONE_ACUTE,		/* sắc U+0301 */
	VN_TONE_HOOK,		/* hỏi U+0309 */
	VN_TONE_TILDE,		/* ngã U+0303 */
	VN_TONE_DOT,		/* nặng U+0323 */
};

struct vn_char {
	uint16_t lower;		/* simple case fold; Ð -> đ */
	uint16_t fold;		/* lower without diacritics; 0: dropped */
	uint16_t untoned;	/* the same letter without its tone mark */
	uint8_t tone;		/* enum vn_tone */
	uint8_t flags;		/* VN_* */
};

#define VN_TABLE_LO 0x370u	/* entries for U+0000 .. U+036F */
#define VN_TABLE_EXT 0x1E00u	/* then U+1E00 .. U+1EFF */
extern struct vn_char vn_table[VN_TABLE_LO + 0x100];

/*
 * Build the table once (thread-safe). Returns 0, or -1 when ICU failed, in
 * which case the vn_* functions that need it leave text unchanged.
 */
int vn_init(void);

/* The table entry of code point c, or NULL outside the table's ranges. */
static inline const struct vn_char *vn_char_of(uint32_t c)
{
	if (c < VN_TABLE_LO)
		return &vn_table[c];
	if (c - VN_TABLE_EXT < 0x100u)
		return &vn_table[VN_TABLE_LO + (c - VN_TABLE_EXT)];
	return NULL;
}

/*
 * Move the tone mark of one word to its canonical place, in place: w holds
 * n code points (NFC, any case). Returns 1 if the word was changed, 0 if
 * not. Allocates nothing; needs vn_init() to have succeeded.
 */
int vn_canon_word(uint32_t *w, size_t n);

/*
 * Put the tone mark of one word where it belongs, in place: w holds n code
 * points (NFC, any case). The place is the last vowel with a hat or horn
 * (vịêt -> việt, lựơng -> lượng), else the last vowel before a final
 * consonant (hòan -> hoàn), else the first of two open vowels (baỏ ->
 * bảo, hoà -> hòa) or the middle of three (hoaì -> hoài); in qu and gi the
 * u and i are consonant (qúy -> quý). The word is changed only when it has
 * one tone mark and the result is a syllable (vn_is_syllable()). Returns 1
 * if it was changed. For the tokenizer: stored text and hashes keep the
 * author's spelling (vn_canon_word() is the hashes' rule).
 */
#define VN_SYLLABLE_MAX 7	/* code points of the longest: nghiêng */
int vn_place_tone(uint32_t *w, size_t n);

/* Zero-width space, non-joiner, joiner, word joiner, BOM inside text. */
static inline int vn_is_zero_width(uint32_t c)
{
	return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

/*
 * Turn each zero-width character (vn_is_zero_width()) of out, from byte
 * start on (UTF-8), into a space where it separates two syllables that
 * written together are none (Việt|Nam: a word boundary), and into nothing
 * elsewhere (h|oa, iPhone|X, or beside a space or punctuation).
 */
void vn_zero_width(struct buf *out, size_t start);

/*
 * The lower-case form and the folded form of code point c (any code
 * point: the table for the Latin ranges, ICU for the rest). *fold is 0
 * when folding drops c (a combining mark). Needs vn_init().
 */
void vn_lower_fold(uint32_t c, uint32_t *lower, uint32_t *fold);

#endif
