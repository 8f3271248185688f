/*
 * fuzz-tokenizer.c - libFuzzer target: the FTS5 tokenizer over arbitrary
 * bytes, as a document (first byte even) or a query (odd). Every token
 * must be non-empty, at most TOKENIZER_MAX_TOKEN bytes, and have byte
 * offsets inside the text, in order.
 */
#include <stdint.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "tokenizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	int len;
	int last_start;
};

static int on_token(void *ctx, int tflags, const char *tok, int ntok,
		    int start, int end)
{
	struct seen *s = ctx;

	if (ntok <= 0 || ntok > TOKENIZER_MAX_TOKEN)
		abort();
	if (start < 0 || end < start || end > s->len)
		abort();
	if (!(tflags & FTS5_TOKEN_COLOCATED) && start < s->last_start)
		abort();
	s->last_start = start;
	/* Touch every byte, so ASan sees a token that points astray. */
	for (int i = 0; i < ntok; i++)
		if (tok[i] == '\0')
			abort();
	return SQLITE_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = { 0, 0 };
	int flags;

	if (!size || size > 1 << 20)
		return 0;
	flags = data[0] & 1 ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT;
	s.len = (int)size - 1;
	tokenizer_run(flags, (const char *)data + 1, s.len, &s, on_token);
	return 0;
}
