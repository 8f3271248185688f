/*
 * cmd_verify.c - newsctl verify: check an export archive against its
 * manifest and its SHA256SUMS.
 *
 * One pass: every entry is hashed as it is read (only its SHA-256 and
 * size are kept, and the two index entries); then each entry the manifest
 * or SHA256SUMS names is looked up. Problems are records on stdout (text:
 * one a line, "missing PATH", "altered PATH", "unlisted PATH", "bad PATH
 * line N: why"; newsctl-formats(5) for the others).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "export.h"
#include "hash.h"
#include "newsctl.h"
#include "output.h"

#define DEFAULT_MAX_SIZE (256LL << 20)

static const char usage[] =
	"usage: newsctl verify [--max-size SIZE] [--max-total SIZE] [--quiet]\n"
	"                      [--format FORMAT] FILE...";

struct seen {
	char *path;
	char sha[HASH_HEX_LEN + 1];
	int listed;
};

struct verify {
	const char *file;
	struct printer *pr;
	struct seen *seen;
	size_t nseen;
	struct buf manifest, sums;
	long long problems;
};

static const char *const columns[] = { "problem", "path", "detail", NULL };

/* Print one problem of the archive: what, the entry and (or NULL) why. */
static void report(struct verify *v, const char *what, const char *path,
		   const char *detail)
{
	pr_begin_map(v->pr);
	pr_key(v->pr, "problem");
	pr_str(v->pr, what);
	pr_key(v->pr, "path");
	pr_str(v->pr, path);
	if (detail) {
		pr_key(v->pr, "detail");
		pr_str(v->pr, detail);
	}
	pr_end(v->pr);
	pr_record(v->pr);
	v->problems++;
}

static void problem(void *ctx, const struct nc_error *err)
{
	struct verify *v = ctx;

	nc_report(err);
	v->problems++;
}

static enum nc_status on_entry(void *ctx, const char *name,
			       const unsigned char *data, size_t len)
{
	struct verify *v = ctx;
	struct seen *s;

	if (!strcmp(name, EXPORT_MANIFEST)) {
		buf_add(&v->manifest, data, len);
	} else if (!strcmp(name, EXPORT_SUMS)) {
		buf_add(&v->sums, data, len);
		return NC_OK;
	}
	v->seen = xrealloc(v->seen, (v->nseen + 1) * sizeof(*v->seen));
	s = &v->seen[v->nseen++];
	s->path = xstrdup(name);
	s->listed = 0;
	hash_hex(data, len, s->sha);
	return NC_OK;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct seen *)a)->path,
		      ((const struct seen *)b)->path);
}

/* Report path as missing or altered unless it was read with sha. */
static void expect(struct verify *v, const char *path, const char *sha)
{
	struct seen key = { .path = (char *)path }, *s;

	s = bsearch(&key, v->seen, v->nseen, sizeof(*v->seen), by_path);
	if (!s) {
		report(v, "missing", path, NULL);
	} else {
		s->listed = 1;
		if (strcmp(s->sha, sha))
			report(v, "altered", path, NULL);
	}
}

static void check_manifest(struct verify *v)
{
	const char *p = v->manifest.s, *end = p + v->manifest.len;
	struct nc_error err = { 0 };
	long long line = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct export_record r;

		line++;
		if (n && export_record_parse(p, n, &r, &err)) {
			struct buf d = BUF_INIT;

			buf_addf(&d, "line %lld: %s", line, err.msg);
			report(v, "bad", EXPORT_MANIFEST, d.s);
			buf_release(&d);
		} else if (n) {
			expect(v, r.txt_path, r.txt_sha);
			if (r.orig_path)
				expect(v, r.orig_path, r.orig_sha);
			export_record_release(&r);
		}
		p += n + 1;
	}
}

static void check_sums(struct verify *v)
{
	char *p = v->sums.s, *end = p + v->sums.len;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		p[n] = '\0';
		if (n > HASH_HEX_LEN + 2 && p[HASH_HEX_LEN] == ' ' &&
		    p[HASH_HEX_LEN + 1] == ' ') {
			p[HASH_HEX_LEN] = '\0';
			expect(v, p + HASH_HEX_LEN + 2, p);
		} else if (n) {
			struct buf d = BUF_INIT;

			buf_addf(&d, "line: %s", p);
			report(v, "bad", EXPORT_SUMS, d.s);
			buf_release(&d);
		}
		p += n + 1;
	}
}

static void verify_file(struct verify *v, const struct arc_limits *lim)
{
	struct arc_reader_ops ops = { NULL, on_entry, problem, 0, NULL };

	arc_read(v->file, NULL, 0, v->file, lim, &ops, v);
	if (v->nseen)
		qsort(v->seen, v->nseen, sizeof(*v->seen), by_path);
	if (!v->manifest.len)
		report(v, "missing", EXPORT_MANIFEST, NULL);
	if (!v->sums.len)
		report(v, "missing", EXPORT_SUMS, NULL);
	check_manifest(v);
	check_sums(v);
	for (size_t i = 0; i < v->nseen; i++) {
		if (!v->seen[i].listed &&
		    strcmp(v->seen[i].path, EXPORT_MANIFEST))
			report(v, "unlisted", v->seen[i].path, NULL);
		free(v->seen[i].path);
	}
	free(v->seen);
	v->seen = NULL;
	v->nseen = 0;
	buf_release(&v->manifest);
	buf_release(&v->sums);
}

int cmd_verify(struct nc_ctx *ctx, int argc, char **argv)
{
	long long max_size = DEFAULT_MAX_SIZE;
	long long max_total = -1;	/* the default budget */
	struct arc_limits lim;
	int quiet = 0, fmt = PR_TEXT, code = 0, nargs;
	struct printer *pr;
	long long total = 0;
	const struct opt opts[] = {
		OPT_SIZE(0, "max-size", &max_size, "SIZE",
			 "refuse entries larger than SIZE (default 256M)"),
		OPT_SIZE(0, "max-total", &max_total, "SIZE",
			 "stop past SIZE expanded (default: 4G and 200:1)"),
		OPT_FLAG('q', "quiet", &quiet, "print problems only"),
		OPT_KEYWORD(0, "format", &fmt, "FORMAT",
			    "problems as text, json, tsv or csv",
			    pr_formats_no_ids),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	if (nargs == 0)
		return nc_usage("no archive given");
	pr = printer_new((enum pr_format)fmt, stdout, columns, 0);
	arc_limits_set(&lim, max_size, max_total);
	for (int i = 0; i < nargs; i++) {
		struct verify v = { .file = argv[i], .pr = pr };

		buf_init(&v.manifest);
		buf_init(&v.sums);
		verify_file(&v, &lim);
		if (!quiet || v.problems)
			nc_warn("'%s': %s (%lld problem%s)", argv[i],
				v.problems ? "damaged" : "intact", v.problems,
				v.problems == 1 ? "" : "s");
		total += v.problems;
	}
	printer_free(pr);
	return total ? NC_EXIT_NOMATCH : 0;
}
