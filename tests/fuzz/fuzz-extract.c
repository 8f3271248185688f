/*
 * fuzz-extract.c - libFuzzer target: extract_page() over arbitrary bytes.
 * The first byte picks the URL (none, or one of a site with a rule) and
 * the HTTP charset (none, UTF-8, windows-1258, an unknown name).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const urls[] = { NULL,
		"https://vnexpress.net/a-1.html", "https://tuoitre.vn/b.htm" };
	static const char *const charsets[] = { NULL, "utf-8",
		"windows-1258", "x-unknown" };
	struct web_page p;
	struct nc_error err;
	enum nc_status s;

	if (size < 1)
		return 0;
	web_page_init(&p);
	s = extract_page(data + 1, size - 1, charsets[data[0] & 3],
			 urls[(data[0] >> 2) % 3], &p, &err);
	if (s == NC_OK && !p.body)
		abort();
	if (s != NC_OK && !err.msg[0])
		abort();
	web_page_release(&p);
	return 0;
}
