/*
 * cmd_ingest.c - newsctl ingest: read raw articles into the database.
 *
 * Articles are added in batches, each in one transaction, so an
 * interrupted run leaves only whole articles behind and a re-run adds
 * what is missing (articles already stored are "unchanged").
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "input.h"
#include "newsctl.h"
#include "opt.h"
#include "pipeline.h"
#include "progress.h"

#define BATCH_ARTICLES 2000
#define BATCH_BYTES (64u << 20)
#define DEFAULT_MAX_SIZE (16LL << 20)

static const char usage[] =
	"usage: newsctl ingest [--source NAME] [--encoding NAME] [--quiet]\n"
	"                      [--max-size SIZE] [PATH...|-]";

struct ingest {
	struct input_sink sink;	/* first: the callbacks get this back */
	struct store *store;
	struct pipeline_opts popts;
	struct progress progress;
	long long added, unchanged, failed;
	long long batch_articles;
	size_t batch_bytes;
	int in_tx;
	struct nc_error fatal;
};

static void report(struct ingest *in, const struct nc_error *err)
{
	progress_clear(&in->progress);
	nc_report(err);
	in->failed++;
}

static void on_error(struct input_sink *sink, const struct nc_error *err)
{
	report((struct ingest *)sink, err);
}

/* Commit the open batch (if any). */
static enum nc_status flush_batch(struct ingest *in)
{
	if (!in->in_tx)
		return NC_OK;
	in->in_tx = 0;
	in->batch_articles = 0;
	in->batch_bytes = 0;
	return store_commit(in->store, &in->fatal);
}

static enum nc_status on_file(struct input_sink *sink, const char *name,
			      const unsigned char *data, size_t len)
{
	struct ingest *in = (struct ingest *)sink;
	struct article a = ARTICLE_INIT;
	struct nc_error err = { 0 };
	enum nc_status s;
	int added;

	if (pipeline_article(data, len, name, &in->popts, &a, &err)) {
		report(in, &err);
		article_release(&a);
		return NC_OK;
	}
	if (!in->in_tx) {
		s = store_begin(in->store, &in->fatal);
		if (s)
			goto out;
		in->in_tx = 1;
	}
	s = store_add(in->store, &a, &added, &in->fatal);
	if (s)
		goto out;
	if (added)
		in->added++;
	else
		in->unchanged++;
	in->batch_articles++;
	in->batch_bytes += len;
	if (in->batch_articles >= BATCH_ARTICLES ||
	    in->batch_bytes >= BATCH_BYTES)
		s = flush_batch(in);
	progress_show(&in->progress, "%lld added, %lld unchanged, %lld failed",
		      in->added, in->unchanged, in->failed);
out:
	article_release(&a);
	return s;
}

int cmd_ingest(struct nc_ctx *ctx, int argc, char **argv)
{
	struct ingest in = { 0 };
	const char *source = NULL, *encoding = NULL;
	long long max_size = DEFAULT_MAX_SIZE;
	int quiet = 0, code = 0, nargs;
	char *stdin_only[] = { "-" };
	enum nc_status s = NC_OK;
	const struct opt opts[] = {
		OPT_STRING(0, "source", &source, "NAME",
			   "record NAME as the articles' source"),
		OPT_STRING(0, "encoding", &encoding, "NAME",
			   "read input in this encoding (default: detect)"),
		OPT_SIZE(0, "max-size", &max_size, "SIZE",
			 "refuse inputs larger than SIZE (default 16M)"),
		OPT_FLAG('q', "quiet", &quiet,
			 "print errors only, no summary or progress"),
		OPT_END(),
	};

	nargs = opt_parse(opts, usage, argc, argv);
	if (nargs == OPT_HELP)
		return 0;
	if (nargs < 0)
		return NC_EXIT_USAGE;
	if (encoding && !decode_encoding_name(encoding)) {
		nc_warn("ingest: unknown encoding '%s'", encoding);
		return NC_EXIT_USAGE;
	}
	if (nargs == 0) {
		if (isatty(0)) {
			nc_warn("ingest: no input (give paths, or '-' to read "
				"standard input)");
			return NC_EXIT_USAGE;
		}
		argv = stdin_only;
		nargs = 1;
	}
	in.store = nc_store(ctx, STORE_WRITE, &code);
	if (!in.store)
		return code;
	in.sink.file = on_file;
	in.sink.error = on_error;
	in.sink.max_size = (size_t)max_size;
	in.popts.source = source;
	in.popts.encoding = encoding;
	progress_init(&in.progress, quiet);

	for (int i = 0; i < nargs && !s; i++)
		s = input_read(argv[i], &in.sink);
	if (!s)
		s = flush_batch(&in);
	progress_clear(&in.progress);
	if (s) {
		store_rollback(in.store);
		nc_report(&in.fatal);
	}
	if (!quiet || s)
		nc_warn("%lld added, %lld unchanged, %lld failed%s", in.added,
			in.unchanged, in.failed,
			s ? " (the last batch was not stored)" : "");
	if (s)
		return nc_exit_code(s);
	return in.failed ? NC_EXIT_NOMATCH : 0;
}
