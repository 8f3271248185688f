/*
 * gen-articles.c - synthetic articles recombined from real ones.
 *
 *	gen-articles POOL COUNT SEED FIRST_ID PER_FILE OUTDIR
 *
 * POOL holds real articles one a line, the headline and its paragraphs
 * separated by tabs (bench/gen-pool.py writes it). Writes COUNT articles
 * as JSON Lines into OUTDIR/part-NNNN.jsonl, PER_FILE a file. Article i
 * takes a real headline and that article's first paragraph as its lead,
 * then runs of paragraphs from two to four other real articles until
 * the body reaches a size drawn between 0.5 and 5.5 KB (about 4.9 KB an
 * article as JSON); its date falls in 2006-2025, its source is one of a
 * handful of outlets, and its id and URL are FIRST_ID + i, so that no
 * two articles are the same. The same POOL and SEED give the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct art {
	const char *title;	/* NULL when the article has no headline */
	size_t title_len;
	const char **para;	/* paragraphs: start and end pointers */
	const char **end;
	int npara;
};

static const char *const sources[] = {
	"vnexpress.net", "dantri.com.vn", "tuoitre.vn", "thanhnien.vn",
	"nld.com.vn", "baomoi.com", "vietnamnet.vn",
};
static const char *const sections[] = {
	"thoi-su", "the-gioi", "kinh-doanh", "the-thao", "giai-tri",
	"phap-luat", "giao-duc", "suc-khoe", "cong-nghe", "van-hoa",
};

static uint64_t rng;

/* splitmix64: fast, and the same sequence on every machine */
static uint64_t next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t below(size_t n)
{
	return (size_t)(next() % n);
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *d;

	if (!f || fseek(f, 0, SEEK_END))
		die(path);
	*len = (size_t)ftell(f);
	rewind(f);
	d = malloc(*len + 1);
	if (!d || fread(d, 1, *len, f) != *len)
		die(path);
	d[*len] = '\0';
	fclose(f);
	return d;
}

/* Split the pool in place into articles and paragraphs. */
static struct art *parse(char *d, size_t len, size_t *n)
{
	size_t cap = 1 << 17, count = 0;
	struct art *a = malloc(cap * sizeof(*a));
	char *p = d, *stop = d + len;

	while (a && p < stop) {
		char *eol = memchr(p, '\n', (size_t)(stop - p));
		char *q, *tab;
		int np = 0, cp = 16;
		struct art *x;

		if (!eol)
			eol = stop;
		if (count == cap && !(a = realloc(a, (cap *= 2) * sizeof(*a))))
			break;
		x = &a[count];
		tab = memchr(p, '\t', (size_t)(eol - p));
		x->title = tab && tab > p ? p : NULL;
		x->title_len = tab ? (size_t)(tab - p) : 0;
		x->para = malloc(cp * sizeof(char *));
		x->end = malloc(cp * sizeof(char *));
		for (q = tab ? tab + 1 : eol; q < eol; q = tab + 1) {
			tab = memchr(q, '\t', (size_t)(eol - q));
			if (!tab)
				tab = eol;
			if (np == cp) {
				cp *= 2;
				x->para = realloc(x->para, cp * sizeof(char *));
				x->end = realloc(x->end, cp * sizeof(char *));
			}
			if (!x->para || !x->end)
				die("realloc");
			x->para[np] = q;
			x->end[np++] = tab;
		}
		x->npara = np;
		if (np)
			count++;
		p = eol + 1;
	}
	if (!a)
		die("malloc");
	*n = count;
	return a;
}

/* A JSON string: quote, backslash and control bytes escaped. */
static void put_json(FILE *f, const char *s, const char *e)
{
	const char *run = s;

	putc('"', f);
	for (; s < e; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		fwrite(run, 1, (size_t)(s - run), f);
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else
			fprintf(f, "\\u%04x", c);
		run = s + 1;
	}
	fwrite(run, 1, (size_t)(e - run), f);
	putc('"', f);
}

static void one(FILE *f, const struct art *pool, size_t npool,
		const size_t *heads, size_t nheads, long long id)
{
	const struct art *h = &pool[heads[below(nheads)]];
	size_t want = 500 + below(5000), have = 0;
	int donors = 2 + (int)below(3), year = 2006 + (int)below(20);
	size_t src = below(sizeof(sources) / sizeof(*sources));
	size_t sec = below(sizeof(sections) / sizeof(*sections));
	int first = 1;

	fprintf(f, "{\"id\":\"g%lld\",\"url\":\"https://%s/%s/%lld.html\","
		"\"source\":\"%s\",\"section\":\"%s\",\"published_at\":"
		"\"%04d-%02d-%02dT%02d:%02d:00+07:00\",\"title\":", id,
		sources[src], sections[sec], id, sources[src], sections[sec],
		year, 1 + (int)below(12), 1 + (int)below(28), (int)below(24),
		(int)below(60));
	put_json(f, h->title, h->title + h->title_len);
	fputs(",\"lead\":", f);
	put_json(f, h->para[0], h->end[0]);
	fputs(",\"body\":[", f);
	for (int d = 0; d < donors && have < want; d++) {
		const struct art *a = &pool[below(npool)];
		int p = (int)below((size_t)a->npara);
		int run = 1 + (int)below(4);

		for (; p < a->npara && run-- && have < want; p++) {
			if (!first)
				putc(',', f);
			first = 0;
			put_json(f, a->para[p], a->end[p]);
			have += (size_t)(a->end[p] - a->para[p]);
		}
		/* the last donor gives until the body is long enough */
		if (d == donors - 1 && have < want && a->npara > 1)
			d--;
	}
	fputs("]}\n", f);
}

int main(int argc, char **argv)
{
	size_t len, npool, nheads = 0, *heads;
	long long count, first_id, per_file;
	struct art *pool;
	char *data;
	FILE *f = NULL;

	if (argc != 7) {
		fputs("usage: gen-articles POOL COUNT SEED FIRST_ID PER_FILE "
		      "OUTDIR\n", stderr);
		return 2;
	}
	count = atoll(argv[2]);
	rng = strtoull(argv[3], NULL, 10);
	first_id = atoll(argv[4]);
	per_file = atoll(argv[5]);
	if (per_file < 1)
		per_file = 1;
	data = slurp(argv[1], &len);
	pool = parse(data, len, &npool);
	heads = malloc(npool * sizeof(*heads));
	for (size_t i = 0; heads && i < npool; i++)
		if (pool[i].title)
			heads[nheads++] = i;
	if (!npool || !nheads) {
		fputs("gen-articles: no articles in the pool\n", stderr);
		return 1;
	}
	for (long long i = 0; i < count; i++) {
		if (i % per_file == 0) {
			char name[4096];

			if (f && fclose(f))
				die("write");
			snprintf(name, sizeof(name), "%s/part-%04lld.jsonl",
				 argv[6], i / per_file);
			if (!(f = fopen(name, "w")))
				die(name);
			setvbuf(f, NULL, _IOFBF, 1 << 20);
		}
		one(f, pool, npool, heads, nheads, first_id + i);
	}
	if (f && fclose(f))
		die("write");
	return 0;
}
