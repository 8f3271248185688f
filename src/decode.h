/*
 * decode.h - from the bytes of an input to normalised text.
 *
 * Normalised text is UTF-8 in Unicode NFC with LF line ends, no BOM, no
 * control characters but LF and TAB, no-break and zero-width spaces replaced
 * (NBSP and friends become a space, zero-width ones are dropped), HTML
 * character references decoded, and U+00D0 (eth, written for Đ by old font
 * converters) turned into U+0110 in Vietnamese text. Tone marks stay where
 * the author put them: see vietnamese.h for the canonical form used in
 * tokens and hashes.
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
 * encoding read (a static string). Fails with NC_EDATA (binary data, bytes
 * invalid in the forced encoding) or NC_EUSAGE (unknown encoding name), the
 * message without a file name: the caller adds it.
 */
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
