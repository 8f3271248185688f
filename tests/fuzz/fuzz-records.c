/*
 * fuzz-records.c - libFuzzer target: CSV (first byte even) or JSON Lines
 * (odd) exports read row by row, every field of every row taken under the
 * default mapping, as ingest does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct records_reader *r;
	struct records_map map;
	struct record rec;
	struct nc_error err;
	struct buf v = BUF_INIT;
	enum records_format fmt;
	enum nc_status s;
	long bad, last = 0;

	if (!size)
		return 0;
	fmt = data[0] & 1 ? RECORDS_JSONL : RECORDS_CSV;
	records_detect("fuzz", data + 1, size - 1);
	records_map_init(&map);
	if (records_open(&r, fmt, data + 1, size - 1, &err) != NC_OK)
		return 0;
	while ((s = records_next(r, &rec, &bad, &err)) != NC_NOMATCH) {
		long line = s == NC_OK ? rec.line : bad;

		/* Rows come in order and the reader always moves on. */
		if (line < 1 || line < last)
			abort();
		last = line;
		if (s != NC_OK)
			continue;
		if (rec.raw < (const char *)data + 1 ||
		    rec.raw + rec.raw_len > (const char *)data + size)
			abort();
		for (int f = 0; f < RF_COUNT; f++) {
			buf_reset(&v);
			record_field(&rec, &map, f, &v);
		}
	}
	buf_release(&v);
	records_close(r);
	return 0;
}
