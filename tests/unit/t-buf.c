/* t-buf.c - struct buf keeps its invariants. */
#include "buf.h"
#include "tap.h"

#include <stdlib.h>

int main(void)
{
	struct buf b = BUF_INIT;

	is_int(b.len, 0, "BUF_INIT is empty");
	is_str(b.s, "", "BUF_INIT reads as an empty string");
	buf_adds(&b, "dân ");
	buf_addf(&b, "vận %d", 2017);
	is_str(b.s, "dân vận 2017", "buf_adds and buf_addf append");
	for (int i = 0; i < 1000; i++)
		buf_addc(&b, 'x');
	is_int(b.len, strlen("dân vận 2017") + 1000, "buf grows past its first size");
	buf_setlen(&b, strlen("dân"));
	is_str(b.s, "dân", "buf_setlen cuts and terminates");
	buf_reset(&b);
	buf_adds(&b, "  \t khéo \n");
	buf_trim(&b);
	is_str(b.s, "khéo", "buf_trim removes white space at both ends");
	size_t n;
	char *s = buf_detach(&b, &n);
	is_str(s, "khéo", "buf_detach hands over the string");
	is_int(n, strlen("khéo"), "buf_detach reports the length");
	is_int(b.len, 0, "buf is empty after detach");
	free(s);
	buf_release(&b);
	return done_testing();
}
