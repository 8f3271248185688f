/*
 * fuzz-archive.c - libFuzzer target: arc_read() over arbitrary bytes in
 * memory (tar, zip, WARC, compressed streams), with small caps so that
 * bombs end quickly. Every entry handed out is read in full.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	uint64_t total;
	unsigned sum;
};

static enum nc_status on_entry(void *ctx, const char *name,
			       const unsigned char *data, size_t len)
{
	struct seen *s = ctx;

	if (!name || strlen(name) > 1 << 16)
		abort();
	for (size_t i = 0; i < len; i++)
		s->sum += data[i];
	s->total += len;
	if (len > 1 << 20 || s->total > 4 << 20)
		abort();	/* past the caps below */
	return NC_OK;
}

static void on_problem(void *ctx, const struct nc_error *err)
{
	if (!err->msg[0] || err->code == NC_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct arc_limits lim = { 1 << 20, 4 << 20, 200 };
	const struct arc_reader_ops ops = { NULL, on_entry, on_problem, 1,
					    NULL };
	struct seen s = { 0, 0 };

	arc_sniff(data, size);
	arc_read(NULL, data, size, "fuzz", &lim, &ops, &s);
	return 0;
}
