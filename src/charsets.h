/*
 * charsets.h - the Vietnamese letters and our own tables for the legacy
 * one-byte Vietnamese encodings that neither ICU nor iconv read as they were
 * used: VNI-Windows, TCVN3 (ABC, TCVN 5712:1993 VN3) and VISCII (RFC 1456).
 *
 * The decoders write UTF-8. VNI and VISCII output is NFC already; TCVN3 may
 * hold the combining tone marks of positions 0xB0-0xB4, so run the text
 * through NFC afterwards (decode_text() does).
 */
#ifndef NEWSCTL_CHARSETS_H
#define NEWSCTL_CHARSETS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The twelve vowels and đ, in alphabetical order. */
enum cs_letter {
	CS_A, CS_AW, CS_AA, CS_E, CS_EE, CS_I, CS_O, CS_OO, CS_OW, CS_U, CS_UW,
	CS_Y, CS_D, CS_NLETTERS
};

/* The tones: none, huyền, sắc, hỏi, ngã, nặng. */
enum cs_tone {
	CS_LEVEL, CS_HUYEN, CS_SAC, CS_HOI, CS_NGA, CS_NANG, CS_NTONES
};

/* The code point of a vowel (or đ, tone must be CS_LEVEL) with a tone. */
uint32_t cs_letter(int letter, int tone, int upper);

/*
 * If cp is one of the 12 vowels in any tone (a e i o u y included) or đ, in
 * either case, store its parts and return 1; otherwise return 0.
 */
int cs_letter_info(uint32_t cp, int *letter, int *tone, int *upper);

enum charset { CHARSET_VNI, CHARSET_TCVN3, CHARSET_VISCII };

/* Append the UTF-8 decoding of len bytes in cs to out. Never fails. */
void charset_decode(enum charset cs, const unsigned char *s, size_t len,
		    struct buf *out);

/*
 * Append the bytes that encode code point cp in cs to out and return 1, or
 * return 0 when cs cannot write it. Covers ASCII and the Vietnamese letters
 * (capitals with a tone in TCVN3 are written as the ABC fonts did: capital
 * base letter, then the lowercase toned letter). For tests and tools.
 */
int charset_encode(enum charset cs, uint32_t cp, struct buf *out);

/* Append code point cp (a Unicode scalar value) to out as UTF-8. */
void utf8_put(struct buf *out, uint32_t cp);

/* The code point of byte b (0x80-0x9F) in Windows-1252. */
uint32_t cp1252_c1(unsigned char b);

#endif
