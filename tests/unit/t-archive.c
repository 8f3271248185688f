/*
 * t-archive.c - archive.c and export.c: formats by name, sniffing, a
 * written archive read back, the caps, slugs and entry times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive.h"
#include "export.h"
#include "tap.h"

struct got {
	int n, problems;
	char names[8][64];
	char last[1024];
	size_t len[8];
};

static enum nc_status on_entry(void *ctx, const char *name,
			       const unsigned char *data, size_t len)
{
	struct got *g = ctx;

	if (g->n < 8) {
		snprintf(g->names[g->n], 64, "%s", name);
		g->len[g->n] = len;
	}
	g->n++;
	return NC_OK;
}

static void on_problem(void *ctx, const struct nc_error *err)
{
	struct got *g = ctx;

	g->problems++;
	snprintf(g->last, sizeof(g->last), "%s", err->msg);
}

/* Write entries to a temporary file in fmt; returns the path. */
static char *write_archive(enum arc_format fmt, size_t big)
{
	const char *dir = getenv("TMPDIR");
	char *path = malloc(4096);
	struct nc_error err = { 0 };
	struct arc_writer *w;
	char *data = calloc(1, big + 1);
	int fd;

	snprintf(path, 4096, "%s/t-archive.XXXXXX", dir && *dir ? dir : ".");
	fd = mkstemp(path);

	memset(data, 'a', big);
	ok(fd >= 0, "temporary file");
	ok(!arc_writer_open(&w, fd, fmt, path, &err), "open writer %d",
	   (int)fmt);
	ok(!arc_writer_add(w, "2017/10/12/1-tin.txt", "Tin vắn\n", 10,
			   1507766400, &err), "add an entry");
	ok(!arc_writer_add(w, "2017/10/12/2-dai.txt", data, big, 1507766400,
			   &err), "add a long entry");
	ok(!arc_writer_close(w, &err), "close");
	close(fd);
	free(data);
	return path;
}

int main(void)
{
	struct arc_limits lim = { 1 << 20, 1 << 30, 200 };
	struct arc_reader_ops ops = { NULL, on_entry, on_problem, 0, NULL };
	enum arc_format fmts[] = { ARC_TAR_ZST, ARC_TAR_GZ, ARC_TAR_XZ,
				   ARC_TAR, ARC_ZIP };
	struct buf slug = BUF_INIT;
	struct article a = ARTICLE_INIT;

	is_int(arc_format_from_name("news-20261128.tar.zst"), ARC_TAR_ZST,
	       "tar.zst by name");
	is_int(arc_format_from_name("a.warc.gz"), ARC_WARC_GZ, "warc.gz");
	is_int(arc_format_from_name("a.tgz"), ARC_TAR_GZ, "tgz");
	is_int(arc_format_from_name("a.gz"), -1, "a bare .gz is no archive");
	ok(arc_sniff((const unsigned char *)"\x28\xb5\x2f\xfd\0", 5),
	   "zstd magic");
	ok(!arc_sniff((const unsigned char *)"Tin mới\n", 9),
	   "text is not an archive");

	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct got g = { 0 };
		char *path = write_archive(fmts[i], 1000);

		ok(!arc_read(path, NULL, 0, path, &lim, &ops, &g), "read back");
		is_int(g.n, 2, "two entries");
		is_str(g.names[0], "2017/10/12/1-tin.txt", "first entry name");
		is_int((long long)g.len[1], 1000, "second entry whole");
		is_int(g.problems, 0, "no problems");
		unlink(path);
		free(path);
	}

	{
		/* 3 MiB of one letter: over a ratio of 200 in tar.gz */
		struct got g = { 0 };
		char *path = write_archive(ARC_TAR_GZ, 3 << 20);
		struct arc_limits big = { 1 << 30, 1ULL << 32, 200 };

		arc_read(path, NULL, 0, path, &big, &ops, &g);
		is_int(g.problems, 0, "an absurd ratio under the total "
		       "passes");
		is_int(g.n, 2, "with both entries");
		big.max_total = 2 << 20;
		g.n = 0;
		arc_read(path, NULL, 0, path, &big, &ops, &g);
		ok(strstr(g.last, "refused as a bomb") != NULL,
		   "past the total and the ratio: refused");
		is_int(g.n, 1, "after the entries read before");
		arc_limits_set(&big, 1 << 30, 2 << 20);
		g.n = g.problems = 0;
		arc_read(path, NULL, 0, path, &big, &ops, &g);
		ok(strstr(g.last, "over the total limit of 2097152 bytes") !=
		   NULL, "a --max-total given is the budget");
		arc_limits_set(&big, 1 << 30, 4 << 20);
		g.n = g.problems = 0;
		arc_read(path, NULL, 0, path, &big, &ops, &g);
		is_int(g.n, 2, "whatever the ratio, under it");
		g.problems = 0;
		big.max_ratio = 1u << 30;
		big.max_entry = 1 << 20;
		g.n = 0;
		arc_read(path, NULL, 0, path, &big, &ops, &g);
		is_int(g.n, 1, "an entry over max_entry is skipped");
		ok(strstr(g.last, "over the size limit") != NULL,
		   "and reported");
		unlink(path);
		free(path);
	}

	export_slug("Giá vàng tăng mạnh, đồng USD giảm", &slug);
	is_str(slug.s, "gia-vang-tang-manh-dong-usd-giam", "slug folds marks");
	buf_reset(&slug);
	export_slug("!!!", &slug);
	is_str(slug.s, "article", "an empty slug");
	buf_reset(&slug);
	export_slug("Một hai ba bốn năm sáu bảy tám chín mười một hai ba bốn "
		    "năm sáu bảy tám", &slug);
	ok(slug.len <= 60 && slug.s[slug.len - 1] != '-',
	   "slugs stop at a word within 60 bytes");
	buf_release(&slug);

	a.published = "2017-10-12T04:18:00+07:00";
	is_int(export_mtime(&a), 1507756680, "mtime from a zoned time");
	a.published = "2017-10-12";
	is_int(export_mtime(&a), 1507741200, "a date alone is midnight UTC+7");
	a.published = NULL;
	a.ingested = 42;
	is_int(export_mtime(&a), 42, "no date: the ingest time");
	done_testing();
}
