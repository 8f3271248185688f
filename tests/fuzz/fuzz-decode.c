/*
 * fuzz-decode.c - libFuzzer target: decode_text(). The first byte picks
 * the encoding (detection or one forced name); the rest is the input.
 * On success the output must be normalised text as decode.h promises:
 * valid UTF-8 with no control character but LF and TAB.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const encodings[] = {
	NULL, "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1258", "VNI",
	"TCVN3", "VISCII",
};
#define NENCODINGS (sizeof(encodings) / sizeof(encodings[0]))

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

/* Abort unless the len bytes at s are normalised text (see decode.h). */
static void check_text(const unsigned char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\t')
			abort();
		if (s[i] == 0x7F)
			abort();
		n = utf8_len(s + i, len - i);
		if (!n)
			abort();
		i += n;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	struct nc_error err;
	const char *enc, *used = NULL;

	if (!size)
		return 0;
	enc = encodings[data[0] % NENCODINGS];
	if (decode_text(data + 1, size - 1, enc, &out, &used, &err) ==
	    NC_OK) {
		if (!used || strlen(out.s) != out.len)
			abort();
		check_text((const unsigned char *)out.s, out.len);
	}
	buf_release(&out);
	return 0;
}
