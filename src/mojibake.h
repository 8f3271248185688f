/*
 * mojibake.h - undo UTF-8 that was decoded as a one-byte Western encoding
 * and encoded again ("Viá»‡t Nam" for "Việt Nam"), as scraped archives
 * often hold it.
 *
 * Each code point of such text stands for one byte of the original UTF-8,
 * through the table of the encoding it was wrongly read in. Undoing it is
 * mechanical; whether the result is better text is decode.c's question
 * (decode_text() scores both as Vietnamese).
 */
#ifndef NEWSCTL_MOJIBAKE_H
#define NEWSCTL_MOJIBAKE_H

#include <stddef.h>

#include "buf.h"

/*
 * Does s (len bytes of valid UTF-8) hold what a misread UTF-8 lead byte
 * leaves (Ã, Ä, Å, Æ, á, Ă) followed by a symbol of U+0080-U+00BF standing
 * for a continuation byte, as in "á»" or "Ã¢"? Any Vietnamese text with
 * tones has them once mojibake. A cheap test, so that clean text costs one
 * memchr() scan.
 */
int mojibake_suspect(const unsigned char *s, size_t len);

/*
 * Write to out (reset first) the bytes that s (len bytes of valid UTF-8)
 * stands for when it is UTF-8 read as Windows-1252, Windows-1258 or
 * Latin-1, and return the name of that encoding, when exactly one reading
 * gives valid UTF-8 with characters beyond ASCII (two that give the same
 * bytes count as one); else return NULL. Text holding anything those
 * encodings cannot write (Vietnamese letters such as ệ, CJK) is left
 * alone: it is not mojibake, or not only.
 */
const char *mojibake_undo(const unsigned char *s, size_t len,
			  struct buf *out);

#endif
