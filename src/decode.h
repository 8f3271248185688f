/*
 * decode.h - from the bytes of an input to normalised text.
 *
 * Normalised text is UTF-8 in Unicode NFC with LF line ends (CRLF, lone CR,
 * U+2028 and U+2029 become LF), no BOM, no control characters but LF and TAB
 * (C0, DEL and C1 dropped), the Zs spaces (NBSP, U+2000-U+200A, U+202F,
 * U+205F, U+3000...) replaced by a space, direction marks, invisible
 * operators and soft hyphens (U+200E, U+200F, U+2061-U+2064, U+00AD)
 * dropped, zero-width characters (U+200B-U+200D, U+2060, U+FEFF) replaced
 * by a space where they separate two syllables that do not make one
 * written together (Việt|Nam) and dropped elsewhere (h|oa, iPhone|X),
 * HTML character references decoded (the HTML 4 named set plus
 * &apos; and the Vietnamese letters of HTML 5, &#NNN; and &#xHH;; unknown
 * names such as GD&TT; stay as written), and U+00D0 Ð and U+00F0 ð (written
 * for Đ and đ by old font converters) turned into U+0110 and U+0111 when the
 * input also holds a letter only Vietnamese uses. Tone marks stay where the
 * author put them: see vietnamese.h for the canonical form used in tokens
 * and hashes.
 */
#ifndef NEWSCTL_DECODE_H
#define NEWSCTL_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

/*
 * Decode len bytes into out (appended). When encoding is NULL the encoding is
 * detected (BOM, valid UTF-8, else the legacy Vietnamese encoding whose
 * decoding reads best); otherwise it names the one to use ("UTF-8",
 * "UTF-16LE", "UTF-16BE", "windows-1258", "VNI", "TCVN3", "VISCII"; case
 * and punctuation are ignored). *used is set to the canonical name of the
 * encoding read (a static string). Detected UTF-8 that is mojibake (UTF-8
 * read as Windows-1252, Windows-1258 or Latin-1 and written again: "Viá»‡t")
 * is repaired when that is unambiguous and the result reads as Vietnamese;
 * *used is then DECODE_REPAIRED and the encoding it was read in plus
 * " mojibake" ("UTF-8 repaired from windows-1252 mojibake"). A forced
 * encoding is read as it is. Fails with NC_EDATA (binary data, bytes
 * invalid in the forced encoding) or NC_EUSAGE (unknown encoding name), the
 * message without a file name: the caller adds it.
 */
#define DECODE_REPAIRED "UTF-8 repaired from "

enum nc_status decode_text(const unsigned char *bytes, size_t len,
			   const char *encoding, struct buf *out,
			   const char **used, struct nc_error *err);

/* Canonical name of an encoding name a user typed, or NULL if unknown. */
const char *decode_encoding_name(const char *name);

/*
 * Does a run of code points that are all like cp stay NFC whatever stands
 * around it (NFC quick check "yes", combining class 0)? The ranges of the
 * fast path that lets such text skip ICU.
 */
int decode_nfc_stable(uint32_t cp);

#endif
