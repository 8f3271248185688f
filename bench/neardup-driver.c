/*
 * neardup-driver.c - run the near-duplicate module over a list of files
 * as the store would: read and parse each (pipeline.h), shingle and sign
 * its headline, lead and body, find the candidate pairs that share a band
 * key, confirm them and cluster.
 *
 *	neardup-driver [-t THRESHOLD] [-l LOW] [-k 1] [-d DB] < FILES
 *
 * Reads one path a line. Prints, tab-separated:
 *	D <i> <cluster> <size> <shingles> <path>	each file (cluster: the
 *						index of its canonical member)
 *	P <i> <j> <similarity>		each candidate pair with a similarity
 *					of at least LOW (default 0.2)
 *	K <i> <key>			each band key of each file (with -k 1)
 * and on stderr the counts and the seconds taken by each stage. With -d,
 * the writes the store would add to ingest are timed in a new database
 * DB: for each signed file in turn, in transactions of 1,000 files, look
 * up the files that share one of its band keys, then insert its keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "article.h"
#include "neardup.h"
#include "pipeline.h"

struct doc {
	struct neardup_set set;
	int32_t keys[NEARDUP_BANDS];
	int signed_;
	char *path;
	char hash[65];
	char *published;
	int original;
};

struct posting {
	int32_t key;
	uint32_t doc;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The bytes of the file at path, appended to out; -1 if unreadable. */
static int read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	n = (size_t)ferror(f);
	fclose(f);
	return n ? -1 : 0;
}

static int cmp_posting(const void *a, const void *b)
{
	const struct posting *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

static int cmp_pair(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Seconds taken by the store's band table writes (see the top), or -1. */
static double store_writes(const char *path, const struct doc *d, size_t nd,
			   size_t *found)
{
	sqlite3 *db;
	sqlite3_stmt *look = NULL, *ins = NULL;
	char sql[512];
	size_t n = 0;
	double t0 = now();
	int rc;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	rc = sqlite3_exec(db, "PRAGMA page_size=16384; PRAGMA "
			  "journal_mode=WAL; PRAGMA cache_size=-65536; "
			  "CREATE TABLE dup_band (key INTEGER NOT NULL, "
			  "article INTEGER NOT NULL, PRIMARY KEY (key, "
			  "article)) WITHOUT ROWID", NULL, NULL, NULL);
	n = (size_t)snprintf(sql, sizeof(sql), "SELECT DISTINCT article FROM "
			     "dup_band WHERE key IN (?1");
	for (int b = 2; b <= NEARDUP_BANDS; b++)
		n += (size_t)snprintf(sql + n, sizeof(sql) - n, ",?%d", b);
	snprintf(sql + n, sizeof(sql) - n, ")");
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, sql, -1, &look, NULL);
	/* one statement for an article's rows: a tenth of the steps */
	n = (size_t)snprintf(sql, sizeof(sql), "INSERT OR IGNORE INTO "
			     "dup_band VALUES (?1, ?%d)", NEARDUP_BANDS + 1);
	for (int b = 2; b <= NEARDUP_BANDS; b++)
		n += (size_t)snprintf(sql + n, sizeof(sql) - n, ",(?%d, ?%d)",
				      b, NEARDUP_BANDS + 1);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, sql, -1, &ins, NULL);
	*found = 0;
	for (size_t i = 0; rc == SQLITE_OK && i < nd; i++) {
		if (!d[i].signed_)
			continue;
		if (i % 1000 == 0)
			sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		for (int b = 0; b < NEARDUP_BANDS; b++)
			sqlite3_bind_int(look, b + 1, d[i].keys[b]);
		while (sqlite3_step(look) == SQLITE_ROW)
			(*found)++;
		sqlite3_reset(look);
		for (int b = 0; b < NEARDUP_BANDS; b++)
			sqlite3_bind_int(ins, b + 1, d[i].keys[b]);
		sqlite3_bind_int64(ins, NEARDUP_BANDS + 1,
				   (sqlite3_int64)i + 1);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = SQLITE_ERROR;
		sqlite3_reset(ins);
		if (i % 1000 == 999 || i + 1 == nd)
			sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_finalize(look);
	sqlite3_finalize(ins);
	sqlite3_close(db);
	return rc == SQLITE_OK ? now() - t0 : -1;
}

/* The text the store would sign: headline, lead, body, a line each. */
static void article_text(const struct article *a, struct buf *t)
{
	buf_reset(t);
	if (a->title)
		buf_addf(t, "%s\n", a->title);
	if (a->lead)
		buf_addf(t, "%s\n", a->lead);
	if (a->body)
		buf_adds(t, a->body);
	if (a->byline)
		buf_addf(t, "\n%s", a->byline);
}

struct run {
	struct doc *d;
	size_t nd, cap;
	double t_parse, t_sign;		/* seconds */
	struct posting *p;		/* band keys of every signed doc */
	size_t np;
	uint64_t *pairs;		/* candidate pairs, doc << 32 | doc */
	size_t npairs;
};

/* Parse, shingle and sign the file at path (len bytes of raw) as doc i. */
static void sign_one(struct run *r, const char *path,
		     const unsigned char *raw, size_t len)
{
	struct doc *x = &r->d[r->nd];
	struct pipeline_opts opts = { 0 };
	struct buf text = BUF_INIT;
	struct article a;
	struct nc_error err;
	double s0 = now(), s1;

	article_init(&a);
	if (pipeline_article(raw, len, path, &opts, &a, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		article_release(&a);
		return;
	}
	s1 = now();
	article_text(&a, &text);
	neardup_shingle(text.s, text.len, &x->set);
	x->signed_ = neardup_sign(&x->set, x->keys);
	x->original = !neardup_credits_other(text.s, text.len);
	memcpy(x->hash, a.hash, sizeof(a.hash));
	x->published = a.published ? strdup(a.published) : NULL;
	r->t_parse += s1 - s0;
	r->t_sign += now() - s1;
	article_release(&a);
	buf_release(&text);
}

/* Every file named on standard input. */
static void read_docs(struct run *r)
{
	char line[4096];

	while (fgets(line, sizeof(line), stdin)) {
		struct buf raw = BUF_INIT;

		line[strcspn(line, "\n")] = '\0';
		if (read_file(line, &raw) < 0) {
			buf_release(&raw);
			continue;
		}
		if (r->nd == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 1024;
			r->d = realloc(r->d, r->cap * sizeof(*r->d));
		}
		memset(&r->d[r->nd], 0, sizeof(*r->d));
		r->d[r->nd].path = strdup(line);
		sign_one(r, line, (const unsigned char *)raw.s, raw.len);
		buf_release(&raw);
		r->nd++;
	}
}

/* The pairs of docs that share a band key, sorted (with repeats). */
static void candidate_pairs(struct run *r)
{
	size_t cp = 0;

	r->p = malloc((r->nd * NEARDUP_BANDS + 1) * sizeof(*r->p));
	for (size_t i = 0; i < r->nd; i++)
		for (int b = 0; r->d[i].signed_ && b < NEARDUP_BANDS; b++)
			r->p[r->np++] = (struct posting){ r->d[i].keys[b],
							  (uint32_t)i };
	qsort(r->p, r->np, sizeof(*r->p), cmp_posting);
	for (size_t i = 0; i < r->np;) {
		size_t j = i;

		while (j < r->np && r->p[j].key == r->p[i].key)
			j++;
		for (size_t x = i; x < j; x++)
			for (size_t y = x + 1; y < j; y++) {
				if (r->npairs == cp) {
					cp = cp ? 2 * cp : 4096;
					r->pairs = realloc(r->pairs, cp * 8);
				}
				r->pairs[r->npairs++] =
					(uint64_t)r->p[x].doc << 32 |
					r->p[y].doc;
			}
		i = j;
	}
	qsort(r->pairs, r->npairs, 8, cmp_pair);
}

/*
 * Confirm each candidate pair at threshold and join the confirmed ones;
 * print those of similarity low or more. Counts into *ncand, *nconf.
 */
static struct neardup_clusters *cluster(const struct run *r,
					double threshold, double low,
					size_t *ncand, size_t *nconf)
{
	struct neardup_clusters *cl = neardup_clusters_new();
	const struct doc *d = r->d;

	for (size_t i = 0; i < r->nd; i++) {
		struct neardup_member m = {
			(int64_t)i, d[i].published, d[i].set.syllables,
			d[i].original, d[i].hash
		};

		neardup_clusters_add(cl, &m);
	}
	for (size_t k = 0; k < r->npairs; k++) {
		size_t x = r->pairs[k] >> 32, y = r->pairs[k] & 0xffffffffu;
		double sim;

		if (k && r->pairs[k] == r->pairs[k - 1])
			continue;
		(*ncand)++;
		if (neardup_confirmed(&d[x].set, &d[y].set, threshold, &sim)) {
			neardup_clusters_join(cl, x, y);
			(*nconf)++;
		}
		if (sim >= low)
			printf("P\t%zu\t%zu\t%.4f\n", x, y, sim);
	}
	return cl;
}

int main(int argc, char **argv)
{
	double threshold = NEARDUP_THRESHOLD, low = 0.2, t0, t1, t2, t3;
	int print_keys = 0;
	const char *db_path = NULL;
	struct run r;
	size_t ncand = 0, nconf = 0;
	struct neardup_clusters *cl;

	memset(&r, 0, sizeof(r));
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "-t"))
			threshold = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "-l"))
			low = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "-k"))
			print_keys = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "-d"))
			db_path = argv[i + 1];
	}
	t0 = now();
	read_docs(&r);
	t1 = now();
	candidate_pairs(&r);
	t2 = now();
	cl = cluster(&r, threshold, low, &ncand, &nconf);
	t3 = now();

	for (size_t i = 0; i < r.np && print_keys; i++)
		printf("K\t%u\t%d\n", r.p[i].doc, (int)r.p[i].key);
	for (size_t i = 0; i < r.nd; i++)
		printf("D\t%zu\t%lld\t%zu\t%zu\t%s\n", i,
		       (long long)neardup_clusters_canonical(cl, i),
		       neardup_clusters_size(cl, i), r.d[i].set.n,
		       r.d[i].path);
	fprintf(stderr, "files %zu, signed %zu, candidate pairs %zu, "
		"confirmed %zu\n", r.nd, r.np / NEARDUP_BANDS, ncand, nconf);
	fprintf(stderr, "seconds: read+parse %.2f, shingle+sign %.2f "
		"(other reading %.2f), candidates %.2f, "
		"confirm+cluster %.2f\n", r.t_parse, r.t_sign,
		t1 - t0 - r.t_parse - r.t_sign, t2 - t1, t3 - t2);
	if (db_path) {
		size_t found = 0;
		double t = store_writes(db_path, r.d, r.nd, &found);

		fprintf(stderr, "store writes: %.2f s (%zu candidates looked "
			"up)\n", t, found);
	}
	neardup_clusters_free(cl);
	for (size_t i = 0; i < r.nd; i++) {
		neardup_set_release(&r.d[i].set);
		free(r.d[i].path);
		free(r.d[i].published);
	}
	free(r.d);
	free(r.p);
	free(r.pairs);
	return 0;
}
