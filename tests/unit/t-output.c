/*
 * t-output.c - the printer's backends (JSON Lines, TSV, CSV, ids, text) and
 * the record writers: one key order for an article, TSV columns by key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "output.h"
#include "store.h"
#include "tap.h"

static char *mem;
static size_t memlen;

static FILE *open_mem(void)
{
	free(mem);
	mem = NULL;
	return open_memstream(&mem, &memlen);
}

/* A record of every kind of value, written to a printer of fmt. */
static const char *one(enum pr_format fmt, const char *const *columns)
{
	FILE *fp = open_mem();
	struct printer *p = printer_new(fmt, fp, columns, 0);

	pr_begin_map(p);
	pr_key(p, "id");
	pr_int(p, 7);
	pr_key(p, "title");
	pr_str(p, "Tin \"nóng\"\t\\\n\x01");
	pr_key(p, "none");
	pr_null(p);
	pr_key(p, "list");
	pr_begin_list(p);
	pr_str(p, "a");
	pr_int(p, 2);
	pr_end(p);
	pr_key(p, "score");
	pr_double(p, 1.5);
	pr_end(p);
	pr_record(p);
	printer_free(p);
	fclose(fp);
	return mem;
}

static void test_backends(void)
{
	static const char *const cols[] = { "score", "none", "title", "id",
		"missing", NULL };

	is_str(one(PR_JSON, NULL),
	       "{\"id\":7,\"title\":\"Tin \\\"nóng\\\"\\t\\\\\\n\\u0001\","
	       "\"none\":null,\"list\":[\"a\",2],\"score\":1.5}\n",
	       "JSON: escapes, null, a nested list, one line");
	is_str(one(PR_TSV, cols), "1.5\t\tTin \"nóng\"\\t\\\\\\n\x01\t7\t\n",
	       "TSV: the columns in their order, escaped, empty for null "
	       "and missing");
	is_str(one(PR_CSV, cols), "score,none,title,id,missing\r\n"
	       "1.5,,\"Tin \"\"nóng\"\"\t\\\n\x01\",7,\r\n",
	       "CSV: a header line, the columns of TSV, a field with a quote "
	       "or a line break quoted and its quotes doubled, CRLF");
	is_str(one(PR_IDS, NULL), "7\n", "ids: the id alone");
	is_str(one(PR_TEXT, NULL), "7 Tin \"nóng\" \\ \xef\xbf\xbd 1.5\n",
	       "text: the top-level scalars but null, control characters "
	       "made safe");
}

static void test_article(void)
{
	struct article a = ARTICLE_INIT;
	FILE *fp;
	struct printer *p;

	a.id = 3;
	a.title = "Giá vàng";
	a.body = "Thân bài.";
	a.published = "2017-10-12";
	article_add_caption(&a, "Ảnh", strlen("Ảnh"));
	snprintf(a.hash, sizeof(a.hash), "%064d", 0);
	a.ingested = 100;
	fp = open_mem();
	p = printer_new(PR_JSON, fp, NULL, 0);
	pr_article(p, &a);
	printer_free(p);
	fclose(fp);
	is_str(mem, "{\"id\":3,\"hash\":\"" "0000000000000000000000000000000"
	       "000000000000000000000000000000000\",\"source\":null,"
	       "\"origin\":null,\"url\":null,\"external_id\":null,"
	       "\"section\":null,\"title\":\"Giá vàng\",\"lead\":null,"
	       "\"published\":\"2017-10-12\",\"fetched\":null,\"byline\":null,"
	       "\"credit\":null,\"encoding\":null,"
	       "\"captions\":[\"Ảnh\"],\"views\":null,"
	       "\"ingested\":100,\"body\":\"Thân bài.\"}\n",
	       "an article: every key, in the one order, body last");

	{
		struct store_hit h = { .a = a, .score = 2.0,
				       .snippet = "x " MARK_OPEN "vàng"
				       MARK_CLOSE " y", .copies = 3 };

		fp = open_mem();
		p = printer_new(PR_JSON, fp, NULL, 0);
		pr_hit(p, &h);
		printer_free(p);
		fclose(fp);
		is_str(mem, "{\"id\":3,\"source\":null,\"origin\":null,"
		       "\"url\":null,\"external_id\":null,\"section\":null,"
		       "\"title\":\"Giá vàng\",\"published\":\"2017-10-12\","
		       "\"byline\":null,\"score\":2,"
		       "\"snippet\":\"x <mark>vàng</mark> y\","
		       "\"copies\":3}\n",
		       "a hit: the article keys of a hit, score, snippet,"
		       " copies");
		fp = open_mem();
		p = printer_new(PR_TSV, fp, pr_hit_columns, 0);
		pr_hit(p, &h);
		printer_free(p);
		fclose(fp);
		is_str(mem, "3\t2\t2017-10-12\t\t\tGiá vàng\t\tx vàng y\t3\n",
		       "a hit as TSV: its nine columns, marks dropped");
	}
	a.title = a.body = a.published = NULL;
	article_release(&a);
}

/* out_csv_field(): quoted only when RFC 4180 asks for it. */
static void test_csv_field(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" }, { "Hà Nội", "Hà Nội" }, { "a,b", "\"a,b\"" },
		{ "a\rb", "\"a\rb\"" }, { "\"", "\"\"\"\"" },
		{ "tab\there", "tab\there" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		FILE *fp = open_mem();
		char name[32];

		out_csv_field(fp, cases[i].in, strlen(cases[i].in));
		fclose(fp);
		snprintf(name, sizeof(name), "CSV field %zu", i);
		is_str(mem, cases[i].out, name);
	}
}

int main(void)
{
	test_backends();
	test_csv_field();
	test_article();
	free(mem);
	return done_testing();
}
