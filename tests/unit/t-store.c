/*
 * t-store.c - the store through its interface: articles in and back,
 * one filter for search, count and export (the same articles for the
 * same query), watermarks and the checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filter.h"
#include "hash.h"
#include "store-int.h"
#include "store.h"
#include "tap.h"

static struct store *st;

static int64_t add(const char *title, const char *body, const char *date,
		   const char *source)
{
	struct article a = ARTICLE_INIT;
	struct nc_error err = { 0 };
	int added = 0;
	int64_t id;

	article_set(&a.title, title, strlen(title));
	article_set(&a.body, body, strlen(body));
	if (date)
		article_set(&a.published, date, strlen(date));
	if (source)
		article_set(&a.source, source, strlen(source));
	a.raw = (unsigned char *)strdup(body);
	a.raw_len = strlen(body);
	a.ingested = 1507766400;
	hash_hex(title, strlen(title), a.hash);
	if (store_add(st, &a, NULL, &added, &err) || !added)
		printf("# store_add: %s\n", err.msg);
	id = a.id;
	article_release(&a);
	return id;
}

static int collect(void *ctx, const struct store_hit *h)
{
	struct buf *b = ctx;

	buf_addf(b, "%lld ", (long long)h->a.id);
	return 0;
}

static enum nc_status collect_each(void *ctx, const struct article *a,
				   struct nc_error *err)
{
	struct buf *b = ctx;

	buf_addf(b, "%lld ", (long long)a->id);
	return NC_OK;
}

static void on_problem(void *ctx, const char *what, const char *msg)
{
	printf("# %s: %s\n", what, msg);
}

static int by_number(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return (a > b) - (a < b);
}

/* The ids of b ("3 1 2 ") sorted, as a string. */
static const char *sorted(struct buf *b)
{
	static char out[256];
	long long v[64];
	size_t n = 0, len = 0;

	for (char *p = b->s; *p && n < 64; ) {
		char *end;

		v[n++] = strtoll(p, &end, 10);
		p = end + (*end == ' ');
	}
	qsort(v, n, sizeof(*v), by_number);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%lld ",
					v[i]);
	return out;
}

/* Search, count and export of query (and options) select alike. */
static void same(const char *query, const char *since, const char *until,
		 const char *want)
{
	struct filter f = FILTER_INIT;
	struct nc_error err = { 0 };
	struct buf s = BUF_INIT, e = BUF_INIT;
	long long n = -1, count = -1;
	char got_s[256];

	if (filter_parse(&f, query, since, until, &err)) {
		ok(0, "%s: %s", query, err.msg);
		return;
	}
	ok(!store_search(st, &f, collect, &s, &n, &err), "search %s", query);
	snprintf(got_s, sizeof(got_s), "%s", sorted(&s));
	is_str(got_s, want, "search selects");
	ok(!store_count(st, &f, &count, &err) && count == n,
	   "count agrees (%lld)", count);
	f.sort = FILTER_SORT_DAY;
	ok(!store_each(st, &f, 0, collect_each, &e, NULL, &err), "export");
	is_str(sorted(&e), want, "export selects the same");
	buf_release(&s);
	buf_release(&e);
	filter_release(&f);
}

/*
 * The insertion sequence: an article restored under the largest id SQLite
 * allows, then one stored as usual, each get the next number, and a
 * filter bounded by it selects exactly the new one.
 */
static void seq_grows(void)
{
	struct article a = ARTICLE_INIT;
	struct nc_error err = { 0 };
	struct filter f = FILTER_INIT;
	struct buf got = BUF_INIT;
	int64_t seq = -1, date = -1;
	int added = -1;

	ok(!store_last(st, &seq, &date, &err) && seq == 4 &&
	   date == 1507766400, "four articles: the last seq is 4");
	article_set(&a.title, "Lớn nhất", strlen("Lớn nhất"));
	article_set(&a.body, "Mã lớn nhất.", strlen("Mã lớn nhất."));
	hash_hex("big", 3, a.hash);
	a.id = INT64_MAX;
	ok(!store_begin(st, &err) && !store_restore(st, &a, &added, &err) &&
	   added == 1 && a.id == INT64_MAX, "restore under id 2^63-1");
	article_release(&a);
	is_int(store_last(st, &seq, &date, &err) ? -1 : seq, 5,
	       "it gets seq 5, not its id");
	ok(add("Sau đó", "Bài sau đó.", NULL, NULL) > 0, "store one more");
	ok(!store_commit(st, &err), "commit");
	is_int(store_last(st, &seq, &date, &err) ? -1 : seq, 6,
	       "which gets seq 6");
	f.after = 5;
	f.upto = 6;
	ok(!store_each(st, &f, 0, collect_each, &got, NULL, &err),
	   "select seq 6");
	ok(got.len && strchr(got.s, ' ') == got.s + got.len - 1 &&
	   !strstr(got.s, "9223372036854775807"),
	   "only the new article is after 5 (%s)", got.s);
	buf_release(&got);
}

/*
 * The prefix caps: "v*" starts six indexed words, "vàng" (articles 1
 * and 4), "vận" (3), "về" (2 and 4) and their unaccented forms: ten
 * articles counted once a word; "g*" starts "giá" and "gia" (1).
 */
static void prefix_caps(void)
{
	struct store_prefix_caps cap = store_prefix_caps;
	struct filter f = FILTER_INIT;
	struct nc_error err = { 0 };

	ok(!filter_parse(&f, "v*", NULL, NULL, &err), "parse v*");
	ok(!store_check_prefixes(st, &f, &err), "v* is within the caps");
	cap.postings = 10;
	ok(!store_check_prefixes_within(st, &f, &cap, &err),
	   "and within 10 articles");
	cap.postings = 9;
	is_int(store_check_prefixes_within(st, &f, &cap, &err), NC_EUSAGE,
	       "not within 9");
	is_str(err.msg, "'v*' starts words found in too many articles "
	       "(over 9 in all): type more of it", "naming the prefix");
	cap = store_prefix_caps;
	cap.words = 5;
	is_int(store_check_prefixes_within(st, &f, &cap, &err), NC_EUSAGE,
	       "nor within 5 words");
	is_str(err.msg, "'v*' starts too many words (over 5): type more of"
	       " it", "naming the word cap");
	filter_release(&f);
	f = (struct filter)FILTER_INIT;
	ok(!filter_parse(&f, "v* g*", NULL, NULL, &err), "parse v* g*");
	cap = store_prefix_caps;
	cap.postings = 11;
	is_int(store_check_prefixes_within(st, &f, &cap, &err), NC_EUSAGE,
	       "two prefixes are capped in all");
	is_str(err.msg, "the prefixes start words found in too many articles"
	       " (over 11 in all): type more of them, or fewer",
	       "with the total cap");
	filter_release(&f);
}

int main(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	struct nc_error err = { 0 };
	struct article a = ARTICLE_INIT;
	int64_t mark = -1;
	long long problems = -1;
	int fd;

	snprintf(path, sizeof(path), "%s/t-store.XXXXXX",
		 dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	close(fd);
	unlink(path);
	ok(!store_open(&st, path, STORE_WRITE, &err), "create a database");
	ok(!store_begin(st, &err), "begin");
	is_int(add("Giá vàng tăng", "Giá vàng hôm nay tăng mạnh.",
		   "2017-10-12T04:18:00+07:00", "Tin A"), 1, "article 1");
	is_int(add("Lũ về miền Trung", "Mưa lớn, lũ dâng cao.",
		   "2017-10-03", "Tin B"), 2, "article 2");
	is_int(add("Dân vận khéo", "Công tác dân vận khéo ở phường.",
		   "2017-11-01", "Tin A"), 3, "article 3");
	is_int(add("Không ngày", "Bài không có ngày đăng, về vàng.", NULL,
		   NULL), 4, "article 4 (no date)");
	ok(!store_commit(st, &err), "commit");

	ok(!store_get(st, 3, 1, &a, &err), "get 3 with its raw bytes");
	is_str(a.title, "Dân vận khéo", "the title comes back");
	ok(a.raw_len == strlen(a.body) && !memcmp(a.raw, a.body, a.raw_len),
	   "and the original bytes (packed against the body)");
	article_release(&a);
	is_int(store_get(st, 9, 0, &a, &err), NC_NOMATCH, "no article 9");

	same("vàng", NULL, NULL, "1 4 ");
	same("vàng date:2017-10", NULL, NULL, "1 ");
	same("date:2017-10", NULL, NULL, "1 2 ");
	same("vàng -tăng", NULL, NULL, "4 ");
	same("-vàng", NULL, NULL, "2 3 ");
	same("dan van", NULL, NULL, "3 ");
	same("vàng OR lũ", "2017-10-05", NULL, "1 ");
	same("date:2017", NULL, "2017-10-05", "2 ");
	prefix_caps();

	ok(!store_mark_get(st, "n", &mark, &err) && mark == 0,
	   "an unknown watermark is 0");
	ok(!store_mark_set(st, "n", 3, 1, &err), "set a watermark");
	ok(!store_mark_get(st, "n", &mark, &err) && mark == 3, "read it back");
	seq_grows();
	ok(!store_check(st, 0, on_problem, NULL, &problems, &err) && problems == 0,
	   "the database passes check");
	store_close(st);
	unlink(path);
	{
		char wal[4200];

		snprintf(wal, sizeof(wal), "%s-wal", path);
		unlink(wal);
		snprintf(wal, sizeof(wal), "%s-shm", path);
		unlink(wal);
	}
	ok(store_open(&st, path, STORE_READ, &err) == NC_ENOENT,
	   "reading a database that is not there: NC_ENOENT");
	return done_testing();
}
