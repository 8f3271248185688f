/*
 * newsctl.c - global options, the command table and dispatch.
 */
#include "newsctl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "buf.h"
#include "lockfile.h"
#include "progress.h"

struct command {
	const char *name;
	int (*fn)(struct nc_ctx *ctx, int argc, char **argv);
	int flags;		/* CMD_*: what nc_store() opens */
	const char *summary;
};

static const struct command commands[] = {
	{ "ingest", cmd_ingest, CMD_DB_WRITE,
	  "read raw articles into the database" },
	{ "search", cmd_search, CMD_DB_READ,
	  "find articles (best matches first)" },
	{ "show", cmd_show, CMD_DB_READ, "print one stored article" },
	{ "dups", cmd_dups, CMD_DB_READ,
	  "list clusters of near-duplicate articles" },
	{ "stats", cmd_stats, CMD_DB_READ,
	  "count articles, dates and sources" },
	{ "export", cmd_export, CMD_DB_READ, "write articles to an archive" },
	{ "import", cmd_import, CMD_DB_WRITE,
	  "restore articles from an export" },
	{ "verify", cmd_verify, CMD_NO_DB,
	  "check an export against its manifest" },
	{ "check", cmd_check, CMD_DB_READ, "check the database's integrity" },
	{ "reindex", cmd_reindex, CMD_DB_READ, "rebuild the search index" },
	{ "prune", cmd_prune, CMD_DB_READ,
	  "delete old articles an export holds" },
	{ "watch", cmd_watch, CMD_DB_WRITE,
	  "keep searches and print what is new to them" },
};
#define NCOMMANDS ARRAY_SIZE(commands)

static void usage(FILE *fp)
{
	fputs("usage: newsctl [--db PATH] COMMAND [ARGS]\n"
	      "       newsctl --help | --version | help COMMAND\n\n"
	      "Commands:\n", fp);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\nOptions:\n"
	      "  --db PATH      the database (default: $NEWSCTL_DB, else\n"
	      "                 $XDG_DATA_HOME/newsctl/news.db)\n"
	      "  -h, --help     show this help\n"
	      "  -V, --version  show the version\n\n"
	      "'newsctl COMMAND --help' lists a command's options;"
	      " 'newsctl help COMMAND' opens its manual.\n", fp);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* mkdir -p for the folder that holds path. */
static int make_parent(const char *path)
{
	char *dir = xstrdup(path), *p;
	int rc = 0;

	p = strrchr(dir, '/');
	if (p && p != dir) {
		*p = '\0';
		for (p = dir + 1; ; p++) {
			if (*p == '/' || *p == '\0') {
				char c = *p;

				*p = '\0';
				if (mkdir(dir, 0700) < 0 && errno != EEXIST)
					rc = -1;
				*p = c;
				if (!c)
					break;
			}
		}
	}
	free(dir);
	return rc;
}

int nc_options(const struct opt *opts, const char *usage, int argc,
	       char **argv, int *exit_code)
{
	int nargs = opt_parse(opts, usage, argc, argv);

	if (nargs >= 0)
		return nargs;
	*exit_code = nargs == OPT_HELP ? 0 : NC_EXIT_USAGE;
	return -1;
}

int nc_options_only(const struct opt *opts, const char *usage, int argc,
		    char **argv, int *exit_code)
{
	int nargs = nc_options(opts, usage, argc, argv, exit_code);

	if (nargs > 0) {
		*exit_code = nc_usage("unexpected argument '%s' (%s)",
				      argv[0], usage);
		return -1;
	}
	return nargs;
}

int nc_usage(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	nc_warn("%s", b.s);
	buf_release(&b);
	return NC_EXIT_USAGE;
}

/* The signing of stored articles when an older database is migrated. */
static void migration_progress(void *ctx, long long done, long long total)
{
	progress_show(ctx, "signing stored articles for near-duplicates:"
		      " %lld of %lld", done, total);
}

struct store *nc_store(struct nc_ctx *ctx, int *exit_code)
{
	enum store_mode mode = ctx->flags & CMD_DB_WRITE ? STORE_WRITE
		: STORE_READ;
	struct nc_error err = { 0 };
	struct progress pg;
	enum nc_status s;

	if (ctx->store)
		return ctx->store;
	if (!(ctx->flags & (CMD_DB_READ | CMD_DB_WRITE))) {
		nc_warn("BUG: %s:%d: a command without a database opened it",
			__FILE__, __LINE__);
		*exit_code = EX_SOFTWARE;
		return NULL;
	}
	if (!ctx->db_path) {
		nc_warn("no database: HOME is not set (or not an absolute "
			"path); give --db PATH or set NEWSCTL_DB");
		*exit_code = NC_EXIT_USAGE;
		return NULL;
	}
	if (mode == STORE_WRITE && ctx->db_is_default)
		make_parent(ctx->db_path);
	progress_init(&pg, 0);
	s = store_open_progress(&ctx->store, ctx->db_path, mode,
				migration_progress, &pg, &err);
	progress_clear(&pg);
	if (s) {
		nc_report(&err);
		*exit_code = nc_exit_code(err.code);
		return NULL;
	}
	return ctx->store;
}

void nc_join_args(int argc, char **argv, struct buf *text)
{
	for (int i = 0; i < argc; i++) {
		if (i)
			buf_addc(text, ' ');
		buf_adds(text, argv[i]);
	}
}

int nc_name_ok(const char *name)
{
	if (!*name || strlen(name) > 64)
		return 0;
	for (const char *p = name; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._-", *p))
			return 0;
	return 1;
}

int nc_lock(struct nc_ctx *ctx, const char *what, const char *name,
	    long long wait, int *fd)
{
	struct nc_error err = { 0 };
	struct buf path = BUF_INIT;
	char *real = realpath(ctx->db_path, NULL);
	enum nc_status s;

	buf_addf(&path, "%s.%s-%s.lock", real ? real : ctx->db_path, what,
		 name);
	free(real);
	s = lock_take(path.s, wait, fd, &err);
	buf_release(&path);
	if (s == NC_EBUSY)
		nc_warn("another %s named '%s' is running (waited %lld s);"
			" try again later", what, name, wait);
	else if (s)
		nc_report(&err);
	return s ? nc_exit_code(s) : 0;
}

/*
 * Flush and close standard output, so that a write error (a full disk)
 * is not lost, and return the exit code: rc, or EX_IOERR when the output
 * failed after a success. A closed pipe is not reported: the reader has
 * what it wanted.
 */
static int close_stdout(int rc)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);

	if (fclose(stdout) != 0)
		failed = 1;
	if (failed) {
		if (errno != EPIPE)
			nc_warn("write error on standard output: %s",
				strerror(errno));
		if (!rc)
			rc = EX_IOERR;
	}
	return rc;
}

/*
 * NEWSCTL_DB, else $XDG_DATA_HOME/newsctl/news.db, else under $HOME; NULL
 * when neither is an absolute path (a database made under whatever folder
 * the command runs in would be lost from sight).
 */
static char *default_db(int *is_default)
{
	const char *env = getenv("NEWSCTL_DB"), *xdg, *home;
	struct buf b = BUF_INIT;

	*is_default = 0;
	if (env && *env)
		return xstrdup(env);
	*is_default = 1;
	xdg = getenv("XDG_DATA_HOME");
	home = getenv("HOME");
	if (xdg && *xdg == '/')
		buf_addf(&b, "%s/newsctl/news.db", xdg);
	else if (home && *home == '/')
		buf_addf(&b, "%s/.local/share/newsctl/news.db", home);
	else
		return NULL;
	return buf_detach(&b, NULL);
}

/* "newsctl help CMD": the manual page, or the option list without man. */
static int help(int argc, char **argv)
{
	const struct command *cmd;
	char page[64];

	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		nc_warn("no such command '%s'", argv[1]);
		return NC_EXIT_USAGE;
	}
	snprintf(page, sizeof(page), "newsctl-%s", cmd->name);
	fflush(stdout);
	execlp("man", "man", page, (char *)NULL);
	{
		char *args[] = { (char *)cmd->name, "--help", NULL };
		struct nc_ctx ctx = { .name = cmd->name };

		return cmd->fn(&ctx, 2, args);
	}
}

int main(int argc, char **argv)
{
	struct nc_ctx ctx = { 0 };
	const struct command *cmd;
	char *db = NULL;
	int i, rc;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			free(db);
			return close_stdout(0);
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			printf("newsctl %s\n", NEWSCTL_VERSION);
			free(db);
			return close_stdout(0);
		} else if (!strcmp(a, "--db") && i + 1 < argc) {
			free(db);
			db = xstrdup(argv[++i]);
		} else if (!strncmp(a, "--db=", 5)) {
			free(db);
			db = xstrdup(a + 5);
		} else {
			nc_warn("unknown option '%s' (see 'newsctl --help')", a);
			free(db);
			return NC_EXIT_USAGE;
		}
	}
	if (i == argc) {
		usage(stderr);
		free(db);
		return NC_EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		free(db);
		return close_stdout(help(argc - i, argv + i));
	}
	cmd = find_command(argv[i]);
	if (!cmd) {
		nc_warn("no such command '%s' (see 'newsctl --help')", argv[i]);
		free(db);
		return NC_EXIT_USAGE;
	}
	if (db && !*db) {
		nc_warn("--db: empty path");
		free(db);
		return NC_EXIT_USAGE;
	}
	if (!db)
		db = default_db(&ctx.db_is_default);
	ctx.db_path = db;
	ctx.name = cmd->name;
	ctx.flags = cmd->flags;
	nc_set_command(cmd->name);
	rc = cmd->fn(&ctx, argc - i, argv + i);
	store_close(ctx.store);
	free(db);
	return close_stdout(rc);
}
