/*
 * t-pipeline.c - bytes to article: fields, the original bytes kept as
 * read, and a hash of the normalised text, so that the same article in
 * another encoding or normal form is the same article.
 */
#include <string.h>

#include "pipeline.h"
#include "tap.h"

static void run(const char *bytes, size_t len, struct article *a)
{
	struct pipeline_opts opts = { NULL, "Nguồn", 0 };
	struct nc_error err = { 0 };

	article_init(a);
	if (pipeline_article((const unsigned char *)bytes, len, "t.txt", &opts,
			     a, &err))
		printf("# %s\n", err.msg);
}

/*
 * An article read back from an archive: its hash is checked against its
 * content, as a file, as a page, and a row's is replaced.
 */
static void rehash(const char *text)
{
	struct article a;
	char hex[HASH_HEX_LEN + 1], want[HASH_HEX_LEN + 1];

	run(text, strlen(text), &a);
	is_int(pipeline_rehash(&a, hex), 1, "a file's hash is its content's");
	a.hash[0] = a.hash[0] == 'a' ? 'b' : 'a';
	is_int(pipeline_rehash(&a, hex), 0, "another hash is not");
	pipeline_text_hash(a.title, a.lead, a.body, strlen(a.body), a.hash);
	is_int(pipeline_rehash(&a, hex), 1,
	       "the hash of its title, lead and body (a page's) is");
	article_set(&a.origin, "x.warc:1200", 11);
	is_int(pipeline_rehash(&a, hex), 1,
	       "a page's from a WARC record (NAME:OFFSET) too");
	memcpy(want, a.hash, sizeof(want));
	a.hash[0] = a.hash[0] == 'a' ? 'b' : 'a';
	article_set(&a.origin, "x.csv:12", 8);
	is_int(pipeline_rehash(&a, hex), -1,
	       "a row's that neither gives cannot be checked");
	ok(strcmp(hex, want), "and gets a hash other than the page's");
	pipeline_row_hash(a.raw, a.raw_len, want);
	is_str(hex, want, "a hash of its bytes of its own");
	article_release(&a);
}

int main(void)
{
	static const char nfc[] =
		"Hoà bình cho làng\n\nNgười dân vui mừng đón tin hoà bình.\n";
	/* the same text with its marks decomposed (NFD) and CRLF lines */
	static const char nfd[] =
		"Hoa\xcc\x80 bi\xcc\x80nh cho la\xcc\x80ng\r\n\r\n"
		"Ng\xc6\xb0\xc6\xa1\xcc\x80i da\xcc\x82n vui m\xc6\xb0\xcc\x80ng "
		"\xc4\x91o\xcc\x81n tin hoa\xcc\x80 bi\xcc\x80nh.\r\n";
	struct article a, b;

	run(nfc, strlen(nfc), &a);
	is_str(a.title, "Hoà bình cho làng", "the headline");
	is_str(a.body, "Người dân vui mừng đón tin hoà bình.", "the body");
	is_str(a.source, "Nguồn", "the source given");
	is_str(a.origin, "t.txt", "the origin");
	is_int((long long)strlen(a.hash), HASH_HEX_LEN, "a hex SHA-256");
	ok(a.raw_len == strlen(nfc) && !memcmp(a.raw, nfc, a.raw_len),
	   "the original bytes, as read");
	run(nfd, strlen(nfd), &b);
	is_str(b.body, a.body, "NFD and CRLF input normalise to the same body");
	is_str(b.hash, a.hash, "and to the same hash");
	ok(b.raw_len == strlen(nfd) && !memcmp(b.raw, nfd, b.raw_len),
	   "while its own bytes are kept");
	article_release(&b);
	run("Hoà bình cho làng\n\nNgười dân vui mừng.\n", 46, &b);
	ok(strcmp(b.hash, a.hash) != 0, "another text, another hash");
	article_release(&a);
	article_release(&b);
	rehash(nfc);
	return done_testing();
}
