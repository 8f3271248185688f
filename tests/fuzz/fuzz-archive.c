/*
 * fuzz-archive.c - libFuzzer target: arc_read() over arbitrary bytes in
 * memory (tar, zip, WARC, compressed streams), with small caps so that
 * bombs end quickly. Every entry handed out is read in full; the rest of
 * an entry over the entry cap is read as a stream in odd pieces, up to
 * 1 MiB (then left unread).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ENTRY_CAP (64 << 10)
#define TOTAL_CAP (4 << 20)

struct seen {
	uint64_t total;
	unsigned sum;
	int strict;		/* the budget: TOTAL_CAP, whatever the ratio */
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
	if (len > ENTRY_CAP + 1 || (s->strict && s->total > TOTAL_CAP))
		abort();	/* past the caps below */
	return NC_OK;
}

static enum nc_status on_more(void *ctx, const char *name,
			      const unsigned char *data, size_t len,
			      struct stream *rest)
{
	struct seen *s = ctx;
	struct nc_error err = { 0 };
	unsigned char piece[509];	/* odd, to cut blocks anywhere */
	size_t got = len;
	ssize_t n;

	if (len != ENTRY_CAP + 1)
		abort();	/* the cap and one byte more, no further */
	on_entry(ctx, name, data, len);
	while (got < 1 << 20 &&
	       (n = stream_read(rest, piece, sizeof(piece), &err)) > 0) {
		got += (size_t)n;
		s->total += (uint64_t)n;
	}
	if (s->strict && s->total > TOTAL_CAP)
		abort();
	return NC_OK;
}

static void on_problem(void *ctx, const struct nc_error *err)
{
	if (!err->msg[0] || err->code == NC_OK)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* odd sizes: the default budget (the total, past it the ratio) */
	const struct arc_limits lim = { ENTRY_CAP, TOTAL_CAP,
					size & 1 ? 200 : 0 };
	const struct arc_reader_ops ops = { NULL, on_entry, on_problem, 1,
					    on_more };
	struct seen s = { 0, 0, !(size & 1) };

	arc_sniff(data, size);
	arc_read(NULL, data, size, "fuzz", &lim, &ops, &s);
	return 0;
}
