/*
 * fuzz-article.c - libFuzzer target: raw bytes through decode_text() (the
 * encoding detected) and, when they decode, article_parse(), as ingest
 * does for one file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "buf.h"
#include "decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT;
	struct article a;
	struct nc_error err;
	const char *used = NULL;

	article_init(&a);
	if (decode_text(data, size, NULL, &text, &used, &err) == NC_OK &&
	    article_parse(&a, text.s, text.len, &err) == NC_OK) {
		/* A parsed article always has a headline and a body. */
		if (!a.title || !a.body || !*a.title)
			abort();
	}
	article_release(&a);
	buf_release(&text);
	return 0;
}
