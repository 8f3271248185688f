/*
 * fuzz-records.c - libFuzzer target: CSV (first byte even) or JSON Lines
 * (odd) exports read row by row, every field of every row taken under the
 * default mapping, as ingest does; then read again as a stream handed out
 * in pieces of 1 to 16 bytes (the rest of the first byte), which must give
 * the same rows, lines and errors.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../pieces.h"
#include "buf.h"
#include "records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Read the export (whole, or streamed when pc is set) and write what each
 * row gave to sig: its status, line and bytes.
 */
static void read_rows(enum records_format fmt, const uint8_t *data,
		      size_t size, struct pieces *pc, struct buf *sig)
{
	struct records_reader *r;
	struct records_map map;
	struct record rec;
	struct nc_error err;
	struct buf v = BUF_INIT;
	enum nc_status s;
	long bad, last = 0;

	records_map_init(&map);
	s = pc ? records_open_stream(&r, fmt, data, pc->pos, &pc->st,
				     SIZE_MAX / 2, &err)
		: records_open(&r, fmt, data, size, &err);
	if (s != NC_OK) {
		buf_addf(sig, "open %d %s\n", (int)s, err.msg);
		return;
	}
	while ((s = records_next(r, &rec, &bad, &err)) != NC_NOMATCH) {
		long line = s == NC_OK ? rec.line : bad;

		/* Rows come in order and the reader always moves on. */
		if (line < 1 || line < last)
			abort();
		last = line;
		buf_addf(sig, "%d %ld ", (int)s, line);
		if (s != NC_OK) {
			buf_addf(sig, "%s\n", err.msg);
			continue;
		}
		if (!pc && (rec.raw < (const char *)data ||
			    rec.raw + rec.raw_len > (const char *)data + size))
			abort();
		buf_add(sig, rec.raw, rec.raw_len);
		for (int f = 0; f < RF_COUNT; f++) {
			buf_reset(&v);
			record_field(&rec, &map, f, &v);
			buf_add(sig, v.s, v.len);
		}
		buf_addc(sig, '\n');
	}
	buf_release(&v);
	records_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf whole = BUF_INIT, streamed = BUF_INIT;
	enum records_format fmt;
	struct pieces pc = { { pieces_read }, NULL, 0, 0, 0 };

	if (!size)
		return 0;
	fmt = data[0] & 1 ? RECORDS_JSONL : RECORDS_CSV;
	pc.chunk = 1 + (data[0] >> 1) % 16;
	data++;
	size--;
	records_detect("fuzz", data, size);
	read_rows(fmt, data, size, NULL, &whole);
	pc.p = data;
	pc.len = size;
	pc.pos = pc.chunk < size ? pc.chunk : size;
	read_rows(fmt, data, size, &pc, &streamed);
	if (whole.len != streamed.len || memcmp(whole.s, streamed.s,
						whole.len))
		abort();	/* a stream reads otherwise than whole */
	buf_release(&whole);
	buf_release(&streamed);
	return 0;
}
