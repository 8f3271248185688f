/*
 * cmd_verify.c - newsctl verify: check an export archive against its
 * manifest and its SHA256SUMS.
 *
 * One pass: every entry is hashed as it is read (only its SHA-256, the
 * content hash of the article it may hold and SHA256SUMS are kept; the
 * manifest goes to a temporary file); then each entry the manifest or
 * SHA256SUMS names is looked up, and each article's content hash is
 * compared with the one its manifest line names (pipeline_rehash(): the
 * original bytes read as ingest reads them; articles from an export's
 * rows cannot be checked this way). Problems are records on stdout (text:
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
#include "pipeline.h"

#define DEFAULT_MAX_SIZE (256LL << 20)

static const char usage[] =
	"usage: newsctl verify [--max-size SIZE] [--max-total SIZE] [--quiet]\n"
	"                      [--format FORMAT] FILE...";

struct seen {
	char *path;
	char sha[HASH_HEX_LEN + 1];
	char content[HASH_HEX_LEN + 1];	/* as an article's original */
	int listed;
};

/*
 * An article whose original does not give its hash as a file does: its
 * .txt entry is read again for the page hash (pipeline_text_hash()).
 */
struct pending {
	char *txt_path;
	char *orig_path;	/* the entry reported */
	struct article a;	/* hash, title and lead */
	size_t body_offset, body_bytes;
	int same;
};

struct verify {
	const char *file;
	struct printer *pr;
	struct seen *seen;
	size_t nseen;
	struct export_spool manifest;	/* read in pieces: any size */
	struct buf sums;
	size_t max_line;
	struct pending *pending;
	size_t npending;
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

/*
 * The content hash of the article whose original bytes entry name holds:
 * a .orig entry, or the text part of a .txt one (when the article has no
 * .orig, that is its original).
 */
static void content_hash(const char *name, const unsigned char *data,
			 size_t len, char hex[HASH_HEX_LEN + 1])
{
	size_t n = strlen(name), text_len;
	const char *text;

	hex[0] = '\0';
	if (n > 5 && !strcmp(name + n - 5, ".orig")) {
		pipeline_file_hash(data, len, NULL, hex);
	} else if (n > 4 && !strcmp(name + n - 4, ".txt")) {
		text = export_text_part((const char *)data, len, &text_len);
		if (text)
			pipeline_file_hash((const unsigned char *)text,
					   text_len, NULL, hex);
	}
}

/* Record an entry read, its SHA-256 given. */
static struct seen *add_seen(struct verify *v, const char *name,
			     const char sha[HASH_HEX_LEN + 1])
{
	struct seen *s;

	v->seen = xrealloc(v->seen, (v->nseen + 1) * sizeof(*v->seen));
	s = &v->seen[v->nseen++];
	s->path = xstrdup(name);
	s->listed = 0;
	memcpy(s->sha, sha, HASH_HEX_LEN + 1);
	s->content[0] = '\0';
	return s;
}

static enum nc_status on_entry(void *ctx, const char *name,
			       const unsigned char *data, size_t len)
{
	struct verify *v = ctx;
	char sha[HASH_HEX_LEN + 1];

	if (!strcmp(name, EXPORT_SUMS)) {
		buf_add(&v->sums, data, len);
		return NC_OK;
	}
	if (!strcmp(name, EXPORT_MANIFEST)) {
		struct nc_error err = { 0 };

		if (export_spool_piece(&v->manifest, data, len, &err) ||
		    export_spool_piece(&v->manifest, NULL, 0, &err))
			problem(v, &err);
	}
	hash_hex(data, len, sha);
	content_hash(name, data, len, add_seen(v, name, sha)->content);
	return NC_OK;
}

/*
 * An entry over --max-size: manifest.jsonl is read on (any size); any
 * other is skipped, as arc_read() skips it without this callback.
 */
static enum nc_status on_manifest_more(void *ctx, const char *name,
				       const unsigned char *data, size_t len,
				       struct stream *rest)
{
	struct verify *v = ctx;
	struct nc_error err = { 0 };

	if (strcmp(name, EXPORT_MANIFEST))
		nc_fail(&err, NC_ETOOBIG, "'%s!%s': over the size limit of "
			"%zu bytes (see --max-size), skipped", v->file, name,
			v->max_line);
	else if (!export_spool_stream(&v->manifest, data, len, rest, &err))
		add_seen(v, name, v->manifest.sha);
	if (err.code)
		problem(v, &err);
	return NC_OK;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct seen *)a)->path,
		      ((const struct seen *)b)->path);
}

/*
 * Report path as missing or altered unless it was read with sha; the
 * entry read (or NULL).
 */
static struct seen *expect(struct verify *v, const char *path,
			   const char *sha)
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
	return s;
}

/*
 * Check that r's original gives r's hash as a file; when it does not, r
 * waits for the second reading, that of the page hash (check_pages()).
 * r's article moves into the waiting list.
 */
static void expect_hash(struct verify *v, struct export_record *r,
			const struct seen *orig)
{
	struct pending *p;

	if (!orig || !strcmp(orig->content, r->a.hash))
		return;
	v->pending = xrealloc(v->pending, (v->npending + 1) *
			      sizeof(*v->pending));
	p = &v->pending[v->npending++];
	p->txt_path = xstrdup(r->txt_path);
	p->orig_path = xstrdup(orig->path);
	p->a = r->a;
	article_init(&r->a);
	p->body_offset = r->body_offset;
	p->body_bytes = r->body_bytes;
	p->same = 0;
}

static int by_txt(const void *a, const void *b)
{
	return strcmp(((const struct pending *)a)->txt_path,
		      ((const struct pending *)b)->txt_path);
}

static struct pending *find_pending(struct verify *v, const char *name)
{
	struct pending key = { .txt_path = (char *)name };

	return bsearch(&key, v->pending, v->npending, sizeof(*v->pending),
		       by_txt);
}

static int is_pending(void *ctx, const char *name)
{
	return find_pending(ctx, name) != NULL;
}

static enum nc_status on_page(void *ctx, const char *name,
			      const unsigned char *data, size_t len)
{
	struct pending *p = find_pending(ctx, name);
	char hex[HASH_HEX_LEN + 1];

	if (p->body_offset + p->body_bytes > len)
		return NC_OK;
	pipeline_text_hash(p->a.title, p->a.lead,
			   (const char *)data + p->body_offset, p->body_bytes,
			   hex);
	p->same = !strcmp(hex, p->a.hash);
	return NC_OK;
}

/* The first reading reported the archive's damage already. */
static void reported(void *ctx, const struct nc_error *err)
{
}

/*
 * Read the .txt entries of the articles that wait again, for their page
 * hash; report those whose content gives neither hash.
 */
static void check_pages(struct verify *v, const struct arc_limits *lim)
{
	struct arc_reader_ops ops = { is_pending, on_page, reported, 0,
				      NULL };

	if (!v->npending)
		return;
	qsort(v->pending, v->npending, sizeof(*v->pending), by_txt);
	arc_read(v->file, NULL, 0, v->file, lim, &ops, v);
	for (size_t i = 0; i < v->npending; i++) {
		struct pending *p = &v->pending[i];

		/* a row's hash cannot be computed again (pipeline.h) */
		if (!p->same && !pipeline_row_origin(p->a.origin))
			report(v, "altered", p->orig_path, "its content does "
			       "not give the hash the manifest names");
		free(p->txt_path);
		free(p->orig_path);
		article_release(&p->a);
	}
	free(v->pending);
	v->pending = NULL;
	v->npending = 0;
}

static enum nc_status check_line(void *ctx, long long number,
				 const char *line, size_t n)
{
	struct verify *v = ctx;
	struct nc_error err = { 0 };
	struct export_record r;

	if (!line || (n && export_record_parse(line, n, &r, &err))) {
		struct buf d = BUF_INIT;

		buf_addf(&d, "line %lld: %s", number, line ? err.msg
			 : "too long");
		report(v, "bad", EXPORT_MANIFEST, d.s);
		buf_release(&d);
	} else if (n) {
		struct seen *orig = expect(v, r.txt_path, r.txt_sha);

		if (r.orig_path)
			orig = expect(v, r.orig_path, r.orig_sha);
		expect_hash(v, &r, orig);
		export_record_release(&r);
	}
	return NC_OK;
}

static void check_manifest(struct verify *v)
{
	struct nc_error err = { 0 };

	if (export_spool_lines(&v->manifest, v->max_line, check_line, v,
			       &err)) {
		nc_report(&err);
		v->problems++;
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
	struct arc_reader_ops ops = { NULL, on_entry, problem, 0,
				      on_manifest_more };

	v->max_line = (size_t)lim->max_entry;
	arc_read(v->file, NULL, 0, v->file, lim, &ops, v);
	if (v->nseen)
		qsort(v->seen, v->nseen, sizeof(*v->seen), by_path);
	if (!v->manifest.done)
		report(v, "missing", EXPORT_MANIFEST, NULL);
	if (!v->sums.len)
		report(v, "missing", EXPORT_SUMS, NULL);
	check_manifest(v);
	check_pages(v, lim);
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
	export_spool_release(&v->manifest);
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
		struct nc_error err = { 0 };

		if (arc_openable(argv[i], &err)) {
			nc_report(&err);
			code = nc_exit_code(err.code);
			continue;
		}
		export_spool_init(&v.manifest);
		buf_init(&v.sums);
		verify_file(&v, &lim);
		if (!quiet || v.problems)
			nc_warn("'%s': %s (%lld problem%s)", argv[i],
				v.problems ? "damaged" : "intact", v.problems,
				v.problems == 1 ? "" : "s");
		total += v.problems;
	}
	printer_free(pr);
	return code ? code : total ? NC_EXIT_NOMATCH : 0;
}
