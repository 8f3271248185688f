/*
 * fuzz-warc.c - libFuzzer target: the WARC reader over arbitrary bytes
 * (plain or gzip'd), and each response record's HTTP message parsed with
 * its encodings undone, with small caps so that bombs end quickly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "warc-read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP (1u << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warc_reader *r = warc_open(data, size, "fuzz", CAP);
	struct warc_record rec;
	struct nc_error err;
	struct http_response h;
	enum nc_status s;
	unsigned sum = 0;
	int n = 0;

	http_response_init(&h);
	while ((s = warc_next(r, &rec, &err)) != NC_NOMATCH) {
		if (++n > 100000)
			abort();	/* the reader must move on */
		if (s) {
			if (!err.msg[0])
				abort();
			continue;
		}
		if (rec.block_len > CAP)
			abort();
		for (size_t i = 0; i < rec.block_len; i++)
			sum += rec.block[i];
		http_response_release(&h);
		if (!http_parse_response(rec.block, rec.block_len, CAP, &h,
					 &err) && h.body.len > CAP)
			abort();
	}
	http_response_release(&h);
	warc_close(r);
	return (int)(sum & 0);
}
