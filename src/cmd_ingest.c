/*
 * cmd_ingest.c - newsctl ingest: read raw articles into the database.
 *
 * Articles are added in batches, each in one transaction, so an
 * interrupted run leaves only whole articles behind and a re-run adds
 * what is missing (articles already stored are "unchanged").
 *
 * Two threads share the work: the main thread reads the inputs and turns
 * them into articles (decoding, parsing, hashing), and the writer thread
 * stores them (compression, SQLite, the FTS5 index). A bounded queue keeps
 * them in order between the two, so ids follow the input order as they
 * would with one thread, and errors are reported by the writer in order
 * too. Only the writer touches the database, the counters and stderr.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "input.h"
#include "newsctl.h"
#include "pipeline.h"
#include "progress.h"
#include "queue.h"
#include "records.h"
#include "tokenizer.h"
#include "web.h"

#define BATCH_ARTICLES 2000
#define BATCH_BYTES (64u << 20)
#define DEFAULT_MAX_SIZE (16LL << 20)
/* Articles read ahead of the writer hold at most about this much memory
 * (the default --max-size article takes some 180 MB with its tokens). */
#define QUEUE_BYTES (64u << 20)
/* A WARC that is not a file is read whole, up to this (see web.h). */
#define PIPED_WARC_MAX (1ULL << 30)
#define PIPE_CHUNK 65536

static const char usage[] =
	"usage: newsctl ingest [--source NAME] [--encoding NAME] [--quiet]\n"
	"                      [--max-size SIZE] [--max-total SIZE]\n"
	"                      [--format csv|jsonl|text]\n"
	"                      [--field FIELD=PATH]... [--source-from url]\n"
	"                      [--max-record SIZE] [--progress auto|json|none]\n"
	"                      [PATH...|-]";

#define FORMAT_AUTO (-1)

static const struct opt_keyword formats[] = {
	{ "auto", FORMAT_AUTO },
	{ "csv", RECORDS_CSV },
	{ "jsonl", RECORDS_JSONL },
	{ "text", RECORDS_TEXT },
	{ NULL, 0 },
};

static const struct opt_keyword source_froms[] = {
	{ "field", 0 },
	{ "url", 1 },
	{ NULL, 0 },
};

/* What the reader hands the writer: an article, or an error to report. */
struct job {
	struct article a;
	struct store_packed packed;	/* compressed by the reader */
	size_t len;		/* bytes read for it (batch accounting) */
	int is_error;		/* 1: an error, 2: a note (not a failure) */
	struct nc_error err;
};

struct ingest {
	struct input_sink sink;	/* first: the callbacks get this back */
	struct store *store;
	struct pipeline_opts popts;
	int format;		/* FORMAT_AUTO or an enum records_format */
	struct records_map map;
	size_t max_size;	/* per article: a file or a row */
	struct progress progress;
	long long added, unchanged, failed;	/* committed */
	long long repaired;	/* added articles whose mojibake was undone */
	/* in the open batch */
	long long batch_added, batch_unchanged, batch_repaired;
	long long batch_articles;
	size_t batch_bytes;
	int in_tx;
	struct nc_error fatal;
	struct queue q;
	enum nc_status status;	/* the writer's, once it has finished */
	struct store_packer *packer;	/* the reader's */
	uint64_t max_record;	/* of a WARC record */
	int quiet;		/* no notes */
	struct web_skips skips;	/* the reader's */
};

static void free_job(struct job *j)
{
	article_release(&j->a);
	store_packed_release(&j->packed);
	free(j);
}

/* The bytes of memory job j holds, which the queue is bounded by. */
static size_t job_size(const struct job *j)
{
	const struct article *a = &j->a;
	const char *const strs[] = { a->source, a->origin, a->url,
		a->external_id, a->section, a->title, a->lead, a->published,
		a->byline, a->body, a->encoding };
	size_t n = sizeof(*j) + a->raw_len + j->packed.body.cap +
		j->packed.raw.cap + j->packed.captions.cap +
		tokenizer_tape_size(j->packed.tape) +
		j->packed.set.cap * sizeof(*j->packed.set.h);

	for (size_t i = 0; i < ARRAY_SIZE(strs); i++)
		n += strs[i] ? strlen(strs[i]) + 1 : 0;
	for (size_t i = 0; i < a->ncaptions; i++)
		n += strlen(a->captions[i]) + 1;
	return n;
}

/* Reader side: hand job j to the writer; returns the writer's fatal status
 * (then the job is dropped) or NC_OK. */
static enum nc_status enqueue(struct ingest *in, struct job *j)
{
	enum nc_status s = (enum nc_status)queue_push(&in->q, j,
						      job_size(j));

	if (s)
		free_job(j);
	return s;
}

/* Reader side: a message for the writer to print in order: an error
 * (kind 1, counted as failed) or a note (kind 2). */
static void message(struct ingest *in, const struct nc_error *err, int kind)
{
	struct job *j = xcalloc(1, sizeof(*j));

	article_init(&j->a);
	store_packed_init(&j->packed);
	j->is_error = kind;
	j->err = *err;
	enqueue(in, j);
}

/* Reader side: an input that failed; the writer reports it in order. */
static void report(struct ingest *in, const struct nc_error *err)
{
	message(in, err, 1);
}

static void on_error(struct input_sink *sink, const struct nc_error *err)
{
	report((struct ingest *)sink, err);
}

/*
 * Commit the open batch (if any). Its articles count as added or
 * unchanged only once committed: a batch that a full disk rolls back
 * stored nothing, and the summary says so.
 */
static enum nc_status flush_batch(struct ingest *in)
{
	enum nc_status s;

	if (!in->in_tx)
		return NC_OK;
	in->in_tx = 0;
	in->batch_articles = 0;
	in->batch_bytes = 0;
	s = store_commit(in->store, &in->fatal);
	if (!s) {
		in->added += in->batch_added;
		in->unchanged += in->batch_unchanged;
		in->repaired += in->batch_repaired;
		in->batch_added = in->batch_unchanged = 0;
		in->batch_repaired = 0;
	}
	return s;
}

/* " (N repaired from mojibake)" for the summary, or "" when N is 0. */
static const char *repaired_note(long long n)
{
	static char note[48];

	if (!n)
		return "";
	snprintf(note, sizeof(note), " (%lld repaired from mojibake)", n);
	return note;
}

/*
 * The counts so far as progress, the open batch's included; done: 1 at a
 * successful end, -1 at a failed one, whose last batch was not stored and
 * is not counted.
 */
static void show_counts(struct ingest *in, int done)
{
	static const char *const names[] = { "added", "unchanged", "failed" };
	const long long v[] = {
		in->added + (done ? 0 : in->batch_added),
		in->unchanged + (done ? 0 : in->batch_unchanged),
		in->failed,
	};

	if (done)
		progress_done(&in->progress, names, v, ARRAY_SIZE(v),
			      done > 0);
	else
		progress_counts(&in->progress, names, v, ARRAY_SIZE(v));
}

/* Writer side: store article a, read from len bytes, in the open batch. */
static enum nc_status store_article(struct ingest *in, struct job *j)
{
	enum nc_status s;
	int added;

	if (!in->in_tx) {
		s = store_begin(in->store, &in->fatal);
		if (s)
			return s;
		in->in_tx = 1;
	}
	s = store_add(in->store, &j->a, &j->packed, &added, &in->fatal);
	if (s)
		return s;
	if (added)
		in->batch_added++;
	else
		in->batch_unchanged++;
	if (added && j->a.encoding && !strncmp(j->a.encoding, DECODE_REPAIRED,
					       strlen(DECODE_REPAIRED)))
		in->batch_repaired++;
	in->batch_articles++;
	in->batch_bytes += j->len;
	if (in->batch_articles >= BATCH_ARTICLES ||
	    in->batch_bytes >= BATCH_BYTES)
		s = flush_batch(in);
	show_counts(in, 0);
	return s;
}

/*
 * Reader side: pass article a (read from len bytes) to the writer. The
 * article moves into the queue; *a is left empty.
 */
static enum nc_status add_article(struct ingest *in, struct article *a,
				  size_t len)
{
	struct job *j = xmalloc(sizeof(*j));

	j->a = *a;
	j->len = len;
	j->is_error = 0;
	article_init(a);
	/* compressing here takes the work off the writer; should it fail,
	 * store_add() tries again and reports */
	store_packed_init(&j->packed);
	store_pack(in->packer, &j->a, &j->packed, NULL);
	return enqueue(in, j);
}

/*
 * The writer thread: store each article, report each error, commit the
 * last batch. A fatal error (database full, busy) stops the storing: the
 * reader sees it at its next enqueue() and stops reading.
 */
static void *writer(void *arg)
{
	struct ingest *in = arg;
	enum nc_status s = NC_OK;
	struct job *j;

	while ((j = queue_pop(&in->q))) {
		if (j->is_error) {
			progress_clear(&in->progress);
			if (j->is_error == 1 || !in->quiet)
				nc_report(&j->err);
			in->failed += j->is_error == 1;
		} else if (!s) {
			if (j->a.warning) {
				/* the article is stored all the same */
				progress_clear(&in->progress);
				nc_warn("%s", j->a.warning);
			}
			s = store_article(in, j);
			if (s)
				queue_fail(&in->q, s);
		}
		free_job(j);
	}
	if (!s)
		s = flush_batch(in);
	in->status = s;		/* read by the main thread after the join */
	return NULL;
}

/* Report a bad row of export name: "'name' line 12: reason". */
static void report_row(struct ingest *in, const char *name, long line,
		       const struct nc_error *why)
{
	struct nc_error err;

	nc_fail(&err, why->code, "'%s' line %ld: %s", name, line, why->msg);
	report(in, &err);
}

/*
 * One export (CSV or JSON Lines): len bytes at data, and the rest to read
 * from rest when it is too large to hold (read row by row then). Each row
 * is an article, recorded with the origin "name:LINE". Bad rows are
 * reported and skipped.
 */
static enum nc_status ingest_records(struct ingest *in, const char *name,
				     enum records_format fmt,
				     const unsigned char *data, size_t len,
				     struct stream *rest)
{
	struct records_reader *r;
	struct record rec;
	struct nc_error err = { 0 };
	struct buf vals[RF_COUNT], origin = BUF_INIT;
	enum nc_status s, fs = NC_OK;
	long bad = 0;

	if (rest ? records_open_stream(&r, fmt, data, len, rest, in->max_size,
				       &err)
	    : records_open(&r, fmt, data, len, &err)) {
		struct nc_error e2;

		nc_fail(&e2, err.code, "'%s': %s", name, err.msg);
		report(in, &e2);
		return NC_OK;
	}
	for (int i = 0; i < RF_COUNT; i++)
		buf_init(&vals[i]);
	while (!fs && (s = records_next(r, &rec, &bad, &err)) != NC_NOMATCH) {
		struct pipeline_fields f = { 0 };
		struct article a = ARTICLE_INIT;

		if (s) {
			report_row(in, name, bad, &err);
			continue;
		}
		if (rec.raw_len > in->max_size) {
			nc_fail(&err, NC_ETOOBIG, "row of %zu bytes, over the "
				"size limit of %zu (see --max-size)",
				rec.raw_len, in->max_size);
			report_row(in, name, rec.line, &err);
			continue;
		}
		for (int i = 0; i < RF_COUNT; i++) {
			buf_reset(&vals[i]);
			if (record_field(&rec, &in->map, (enum record_field)i,
					 &vals[i])) {
				f.v[i] = vals[i].s;
				f.len[i] = vals[i].len;
			}
		}
		f.raw = (const unsigned char *)rec.raw;
		f.raw_len = rec.raw_len;
		buf_reset(&origin);
		buf_addf(&origin, "%s:%ld", name, rec.line);
		if (pipeline_record(&f, origin.s, &in->popts, &a, &err))
			report_row(in, name, rec.line, &err);
		else
			fs = add_article(in, &a, rec.raw_len);
		article_release(&a);
	}
	for (int i = 0; i < RF_COUNT; i++)
		buf_release(&vals[i]);
	buf_release(&origin);
	records_close(r);
	return fs;
}

/*
 * Web pages and archives (web.h): the reader hands their articles and
 * problems to the writer as any other, and counts skipped records.
 */
static enum nc_status web_article(void *ctx, struct article *a, size_t len)
{
	return add_article(ctx, a, len);
}

static void web_problem(void *ctx, const struct nc_error *err)
{
	report(ctx, err);
}

static void web_note(void *ctx, const struct nc_error *err)
{
	message(ctx, err, 2);
}

static void web_skip(void *ctx, const char *reason)
{
	web_skips_add(&((struct ingest *)ctx)->skips, reason);
}

static enum nc_status ingest_web(struct ingest *in, const char *name,
				 enum web_kind kind,
				 const unsigned char *data, size_t len)
{
	struct web_sink ws = { web_article, web_problem, web_skip, web_note,
			       in, &in->popts, in->max_record, in->max_size };

	return kind == WEB_WARC ? web_read_warc(name, data, len, &ws) :
		web_read_html(name, data, len, &ws);
}

/*
 * A WARC from a pipe or an archive entry, past --max-size: the WARC
 * reader takes a WARC whole (a WARC file is mapped), so the rest is read
 * into memory, up to PIPED_WARC_MAX bytes.
 */
static enum nc_status ingest_piped_warc(struct ingest *in, const char *name,
					const unsigned char *data, size_t len,
					struct stream *rest)
{
	struct nc_error err = { 0 };
	struct buf b = BUF_INIT;
	enum nc_status s = NC_OK;
	ssize_t n;

	buf_add(&b, data, len);
	do {
		buf_grow(&b, PIPE_CHUNK);
		n = stream_read(rest, b.s + b.len, PIPE_CHUNK, &err);
		if (n > 0)
			buf_setlen(&b, b.len + (size_t)n);
		if (b.len > PIPED_WARC_MAX) {
			nc_fail(&err, NC_ETOOBIG, "'%s': a WARC of more than "
				"%llu bytes from a pipe or an archive; give it "
				"as a file", name,
				(unsigned long long)PIPED_WARC_MAX);
			n = -1;
		}
	} while (n > 0);
	if (n < 0)
		report(in, &err);
	else
		s = ingest_web(in, name, WEB_WARC,
			       (const unsigned char *)b.s, b.len);
	buf_release(&b);
	return s;
}

static enum nc_status on_file(struct input_sink *sink, const char *name,
			      const unsigned char *data, size_t len,
			      struct stream *rest)
{
	struct ingest *in = (struct ingest *)sink;
	struct article a = ARTICLE_INIT;
	struct nc_error err = { 0 };
	enum records_format fmt;
	enum nc_status s;
	enum web_kind wk = web_kind(name, data, len);

	/* a WARC is an archive whatever --format says; a page is read as
	 * text when --format asks */
	if (wk == WEB_WARC && rest)
		return ingest_piped_warc(in, name, data, len, rest);
	if (!rest && (wk == WEB_WARC ||
		      (wk == WEB_HTML && in->format == FORMAT_AUTO)))
		return ingest_web(in, name, wk, data, len);
	fmt = in->format == FORMAT_AUTO ? records_detect(name, data, len)
		: (enum records_format)in->format;
	if (fmt != RECORDS_TEXT)
		return ingest_records(in, name, fmt, data, len, rest);
	if (rest) {
		nc_fail(&err, NC_ETOOBIG, "'%s': over the size limit of %zu "
			"bytes (see --max-size)", name, in->max_size);
		report(in, &err);
		return NC_OK;
	}
	if (len > in->max_size) {
		nc_fail(&err, NC_ETOOBIG, "'%s': %zu bytes, over the size "
			"limit of %zu (see --max-size)", name, len,
			in->max_size);
		report(in, &err);
		return NC_OK;
	}
	if (pipeline_article(data, len, name, &in->popts, &a, &err)) {
		report(in, &err);
		article_release(&a);
		return NC_OK;
	}
	s = add_article(in, &a, len);
	article_release(&a);
	return s;
}

/*
 * Over 80 lines: the option table, then the run in order (the reader in
 * this thread, the writer thread, the summary), as each command reads.
 */
int cmd_ingest(struct nc_ctx *ctx, int argc, char **argv)
{
	struct ingest in = { 0 };
	const char *source = NULL, *encoding = NULL;
	long long max_size = DEFAULT_MAX_SIZE;
	long long max_record = (long long)WEB_DEFAULT_MAX_RECORD;
	long long max_total = -1;	/* the default budget */
	struct opt_list fields = { 0 };
	struct nc_error err = { 0 };
	int quiet = 0, code = 0, nargs, format = FORMAT_AUTO, from_url = 0;
	int progress = PROGRESS_AUTO;
	char *stdin_only[] = { "-" };
	enum nc_status s = NC_OK;
	pthread_t tid;
	const struct opt opts[] = {
		OPT_STRING(0, "source", &source, "NAME",
			   "record NAME as the articles' source"),
		OPT_STRING(0, "encoding", &encoding, "NAME",
			   "read input in this encoding (default: detect)"),
		OPT_SIZE(0, "max-size", &max_size, "SIZE",
			 "refuse articles and rows larger than SIZE "
			 "(default 16M)"),
		OPT_SIZE(0, "max-total", &max_total, "SIZE",
			 "stop an archive past SIZE expanded (default: 4G"
			 " and 200:1)"),
		OPT_FLAG('q', "quiet", &quiet,
			 "print errors only, no summary or progress"),
		OPT_KEYWORD(0, "format", &format, "FORMAT",
			    "read inputs as csv, jsonl or text (default: "
			    "detect)", formats),
		OPT_LIST(0, "field", &fields, "FIELD=PATH",
			 "read FIELD of exports from column or key PATH"),
		OPT_KEYWORD(0, "source-from", &from_url, "url",
			    "take the source from the URL's host",
			    source_froms),
		OPT_SIZE(0, "max-record", &max_record, "SIZE",
			 "skip WARC records larger than SIZE (default 1G)"),
		OPT_PROGRESS(&progress),
		OPT_END(),
	};

	if ((nargs = nc_options(opts, usage, argc, argv, &code)) < 0)
		return code;
	records_map_init(&in.map);
	for (int i = 0; i < fields.n; i++)
		if (records_map_set(&in.map, fields.items[i], &err)) {
			nc_warn("%s", err.msg);
			opt_list_release(&fields);
			return NC_EXIT_USAGE;
		}
	/* the map keeps pointers into argv, not into the list */
	opt_list_release(&fields);
	if (encoding && !decode_encoding_name(encoding)) {
		nc_warn("unknown encoding '%s'", encoding);
		return NC_EXIT_USAGE;
	}
	if (nargs == 0) {
		if (isatty(0)) {
			nc_warn("no input (give paths, or '-' to read "
				"standard input)");
			return NC_EXIT_USAGE;
		}
		argv = stdin_only;
		nargs = 1;
	}
	in.store = nc_store(ctx, &code);
	if (!in.store)
		return code;
	in.sink.file = on_file;
	in.sink.error = on_error;
	in.sink.max_size = (size_t)max_size;
	in.sink.max_total = max_total;
	in.max_size = (size_t)max_size;
	in.max_record = (uint64_t)max_record;
	in.quiet = quiet;
	in.format = format;
	in.popts.source = source;
	in.popts.encoding = encoding;
	in.popts.source_from_url = from_url;
	progress_start(&in.progress, (enum progress_mode)progress, quiet,
		       "ingest");
	in.packer = store_packer_new();

	queue_init(&in.q, QUEUE_BYTES);
	if (pthread_create(&tid, NULL, writer, &in)) {
		nc_warn("cannot start the writer thread");
		queue_destroy(&in.q);
		store_packer_free(in.packer);
		return nc_exit_code(NC_ESOFTWARE);
	}
	for (int i = 0; i < nargs && !s; i++)
		s = input_read(argv[i], &in.sink);
	queue_close(&in.q);
	pthread_join(tid, NULL);
	s = in.status;
	queue_destroy(&in.q);
	store_packer_free(in.packer);
	show_counts(&in, s ? -1 : 1);
	if (s) {
		store_rollback(in.store);
		nc_report(&in.fatal);
	} else if (store_settle(in.store, in.added, &in.fatal)) {
		nc_report(&in.fatal);	/* the articles are stored */
	}
	if (!quiet || s)
		nc_warn("%lld added, %lld unchanged, %lld failed%s%s", in.added,
			in.unchanged, in.failed, repaired_note(in.repaired),
			s ? " (the last batch, not counted, was not stored)"
			: "");
	if (!quiet && in.skips.n) {
		struct buf b = BUF_INIT;

		web_skips_format(&in.skips, &b);
		nc_warn("skipped: %s", b.s);
		buf_release(&b);
	}
	web_skips_release(&in.skips);
	if (s)
		return nc_exit_code(s);
	return in.failed ? NC_EXIT_NOMATCH : 0;
}
