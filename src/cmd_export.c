/*
 * cmd_export.c - newsctl export: write articles to a compressed archive,
 * safely under cron.
 *
 * The archive is written to a temporary file next to FILE, synced and
 * renamed over FILE, so FILE is always absent, the previous archive or
 * the new one. Incremental exports take their watermark (the largest id)
 * when they start, read one snapshot of the database, and store the
 * watermark only after the rename; a lock file next to the database keeps
 * two runs of one name apart.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "date.h"
#include "export.h"
#include "hash.h"
#include "newsctl.h"
#include "opt.h"
#include "query.h"

static const char usage[] =
	"usage: newsctl export -o FILE [--format FORMAT] [--since DATE]\n"
	"                      [--until DATE] [--query QUERY]\n"
	"                      [--incremental NAME [--wait SECONDS]] [--quiet]";

static const struct opt_keyword formats[] = {
	{ "tar.zst", ARC_TAR_ZST }, { "tar.gz", ARC_TAR_GZ },
	{ "tar.xz", ARC_TAR_XZ }, { "tar", ARC_TAR }, { "zip", ARC_ZIP },
	{ "warc.gz", ARC_WARC_GZ }, { NULL, 0 },
};

/* The temporary file, removed by the signal handler. */
static char *volatile temp_path;

static void on_signal(int sig)
{
	if (temp_path)
		unlink(temp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

struct job {
	struct arc_writer *w;
	enum arc_format fmt;
	struct export_item item;
	FILE *mfp;		/* manifest.jsonl, in memory */
	char *mbuf;
	size_t mlen;
	struct buf sums;
	char warcinfo_id[64];
	long long count;
};

/* "<urn:uuid:...>" made from 32 hex digits of a SHA-256 (version 8). */
static void record_id(const char *hex, char out[64])
{
	snprintf(out, 64, "<urn:uuid:%.8s-%.4s-8%.3s-8%.3s-%.12s>", hex,
		 hex + 8, hex + 12, hex + 15, hex + 18);
}

static void warc_date(int64_t t, struct buf *out)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];

	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_adds(out, s);
}

/* "sha256:" and the RFC 4648 base32 of the SHA-256 of data. */
static void payload_digest(const void *data, size_t len, struct buf *out)
{
	static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];
	unsigned acc = 0;
	int bits = 0;
	size_t chars = 0;

	sha256_init(&h);
	sha256_update(&h, len, data);
	sha256_digest(&h, sizeof(d), d);
	buf_adds(out, "sha256:");
	for (size_t i = 0; i < sizeof(d); i++) {
		acc = (acc << 8) | d[i];
		bits += 8;
		while (bits >= 5) {
			buf_addc(out, b32[(acc >> (bits - 5)) & 31]);
			bits -= 5;
			chars++;
		}
	}
	if (bits) {
		buf_addc(out, b32[(acc << (5 - bits)) & 31]);
		chars++;
	}
	while (chars++ % 8)
		buf_addc(out, '=');
}

/* Whether s may stand in a WARC header as a URI. */
static int header_safe(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return 0;
	return 1;
}

static enum nc_status warc_article(struct job *j, const struct article *a,
				   struct nc_error *err)
{
	struct buf h = BUF_INIT;
	char id[64];
	enum nc_status s;

	record_id(a->hash, id);
	buf_addf(&h, "WARC-Type: resource\r\nWARC-Record-ID: %s\r\n"
		 "WARC-Date: ", id);
	warc_date(a->ingested, &h);
	buf_adds(&h, "\r\nWARC-Target-URI: ");
	if (header_safe(a->url))
		buf_adds(&h, a->url);
	else
		buf_addf(&h, "urn:sha256:%s", a->hash);
	buf_addf(&h, "\r\nWARC-Warcinfo-ID: %s\r\n", j->warcinfo_id);
	if (header_safe(a->encoding))
		buf_addf(&h, "Content-Type: text/plain; charset=%s\r\n",
			 a->encoding);
	else
		buf_adds(&h, "Content-Type: application/octet-stream\r\n");
	buf_adds(&h, "WARC-Payload-Digest: ");
	payload_digest(a->raw, a->raw_len, &h);
	buf_adds(&h, "\r\nWARC-Block-Digest: ");
	payload_digest(a->raw, a->raw_len, &h);
	buf_adds(&h, "\r\n");
	s = arc_writer_record(j->w, h.s, a->raw, a->raw_len, err);
	buf_release(&h);
	return s;
}

static enum nc_status warcinfo(struct job *j, int64_t upto, int64_t date,
			       struct nc_error *err)
{
	struct buf h = BUF_INIT, body = BUF_INIT;
	char hex[65];
	enum nc_status s;

	buf_addf(&body, "newsctl export up to article %lld", (long long)upto);
	hash_hex(body.s, body.len, hex);
	record_id(hex, j->warcinfo_id);
	buf_reset(&body);
	buf_addf(&body, "software: newsctl/%s\r\nformat: WARC File Format "
		 "1.0\r\n", NEWSCTL_VERSION);
	buf_addf(&h, "WARC-Type: warcinfo\r\nWARC-Record-ID: %s\r\n"
		 "WARC-Date: ", j->warcinfo_id);
	warc_date(date, &h);
	buf_adds(&h, "\r\nContent-Type: application/warc-fields\r\n");
	s = arc_writer_record(j->w, h.s, body.s, body.len, err);
	buf_release(&h);
	buf_release(&body);
	return s;
}

static void add_sum(struct buf *sums, const char *sha, const char *path)
{
	buf_addf(sums, "%s  %s\n", sha, path);
}

static enum nc_status on_article(void *ctx, const struct article *a,
				 struct nc_error *err)
{
	struct job *j = ctx;
	struct export_item *it = &j->item;
	enum nc_status s;

	j->count++;
	if (j->fmt == ARC_WARC_GZ)
		return warc_article(j, a, err);
	export_article(a, it);
	s = arc_writer_add(j->w, it->txt_path.s, it->txt.s, it->txt.len,
			   it->mtime, err);
	if (!s && it->orig_path.len)
		s = arc_writer_add(j->w, it->orig_path.s, a->raw, a->raw_len,
				   it->mtime, err);
	add_sum(&j->sums, it->txt_sha, it->txt_path.s);
	if (it->orig_path.len)
		add_sum(&j->sums, it->orig_sha, it->orig_path.s);
	export_manifest_line(a, it, j->mfp);
	return s;
}

/* SHA256SUMS then manifest.jsonl, dated like the newest entry. */
static enum nc_status finish_entries(struct job *j, int64_t mtime,
				     struct nc_error *err)
{
	char sha[65];
	enum nc_status s;

	if (fflush(j->mfp))
		return nc_fail(err, NC_ESOFTWARE, "cannot build the manifest");
	hash_hex(j->mbuf, j->mlen, sha);
	add_sum(&j->sums, sha, EXPORT_MANIFEST);
	s = arc_writer_add(j->w, EXPORT_SUMS, j->sums.s, j->sums.len, mtime,
			   err);
	if (!s)
		s = arc_writer_add(j->w, EXPORT_MANIFEST, j->mbuf, j->mlen,
				   mtime, err);
	return s;
}

/* Expand strftime patterns of the file name (local time). */
static char *expand_name(const char *pattern)
{
	struct buf b = BUF_INIT;
	time_t now = time(NULL);
	struct tm tm;
	size_t n;

	if (!strchr(pattern, '%'))
		return xstrdup(pattern);
	localtime_r(&now, &tm);
	buf_grow(&b, strlen(pattern) * 4 + 64);
	n = strftime(b.s, b.cap - 1, pattern, &tm);
	buf_setlen(&b, n);
	return buf_detach(&b, NULL);
}

static int name_ok(const char *name)
{
	if (!*name || strlen(name) > 64)
		return 0;
	for (const char *p = name; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._-", *p))
			return 0;
	return 1;
}

/* flock the lock file of export name, waiting up to wait seconds. */
static int take_lock(const char *db, const char *name, long long wait,
		     int *fd_out)
{
	struct buf path = BUF_INIT;
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	long long tries = wait * 10;
	int fd;

	buf_addf(&path, "%s.export-%s.lock", db, name);
	fd = open(path.s, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		nc_warn("export: '%s': %s", path.s, strerror(errno));
		buf_release(&path);
		return EX_CANTCREAT;
	}
	buf_release(&path);
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			nc_warn("export: cannot lock '%s': %s", name,
				strerror(errno));
			close(fd);
			return EX_OSERR;
		}
		if (tries-- <= 0) {
			nc_warn("export: another export named '%s' is running"
				" (waited %lld s); try again later", name,
				wait);
			close(fd);
			return EX_TEMPFAIL;
		}
		nanosleep(&pause, NULL);
	}
	*fd_out = fd;
	return 0;
}

/* Make a temporary file next to file; returns its fd and *temp. */
static int make_temp(const char *file, char **temp, struct nc_error *err)
{
	struct buf b = BUF_INIT;
	const char *slash = strrchr(file, '/');
	mode_t mask = umask(0);
	int fd;

	umask(mask);
	if (slash)
		buf_addf(&b, "%.*s/.%s.XXXXXX", (int)(slash - file), file,
			 slash + 1);
	else
		buf_addf(&b, ".%s.XXXXXX", file);
	fd = mkstemp(b.s);
	if (fd < 0) {
		nc_fail(err, NC_ECANTCREAT, "'%s': cannot create a temporary "
			"file next to it: %s", file, strerror(errno));
		buf_release(&b);
		return -1;
	}
	fchmod(fd, 0666 & ~mask);
	*temp = buf_detach(&b, NULL);
	return fd;
}

/* fsync the folder holding file, so that the rename is durable. */
static int sync_dir(const char *file)
{
	char *dir = xstrdup(file), *slash = strrchr(dir, '/');
	int fd, rc = 0;

	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		if (fsync(fd) < 0 && errno != EINVAL)
			rc = -1;
		close(fd);
	}
	free(dir);
	return rc;
}

struct export_opts {
	const char *file;
	enum arc_format fmt;
	const char *since, *until, *match, *name;
};

/* The export proper, from the read snapshot to the rename. */
static enum nc_status run(struct store *st, const struct export_opts *o,
			  int64_t *upto, long long *count,
			  struct nc_error *err)
{
	struct store_selection sel = { 0 };
	struct job j = { 0 };
	char *temp = NULL;
	int fd = -1;
	enum nc_status s;

	export_item_init(&j.item);
	buf_init(&j.sums);
	j.mfp = open_memstream(&j.mbuf, &j.mlen);
	if (!j.mfp)
		return nc_fail(err, NC_ESOFTWARE, "cannot build the manifest");
	__fsetlocking(j.mfp, FSETLOCKING_BYCALLER);
	j.fmt = o->fmt;
	s = store_read_begin(st, err);
	if (!s)
		s = store_max_id(st, upto, err);
	if (!s && o->name)
		s = store_mark_get(st, o->name, &sel.after, err);
	if (s)
		goto out;
	sel.upto = *upto;
	sel.since = o->since;
	sel.until = o->until;
	sel.match = o->match;
	sel.order = STORE_ORDER_DAY;
	sel.with_raw = 1;
	fd = make_temp(o->file, &temp, err);
	if (fd < 0) {
		s = err->code;
		goto out;
	}
	temp_path = temp;
	s = arc_writer_open(&j.w, fd, o->fmt, o->file, err);
	if (!s && o->fmt == ARC_WARC_GZ) {
		struct article last = ARTICLE_INIT;
		int64_t date = 0;

		if (*upto > 0 && !store_get(st, *upto, 0, &last, err))
			date = last.ingested;
		article_release(&last);
		s = warcinfo(&j, *upto, date, err);
	}
	if (!s)
		s = store_each(st, &sel, on_article, &j, count, err);
	store_commit(st, NULL);
	if (!s && o->fmt != ARC_WARC_GZ) {
		struct article last = ARTICLE_INIT;
		int64_t mtime = 0;

		if (*upto > 0 && !store_get(st, *upto, 0, &last, NULL))
			mtime = last.ingested;
		article_release(&last);
		s = finish_entries(&j, mtime, err);
	}
	if (!s) {
		s = arc_writer_close(j.w, err);
		j.w = NULL;
	}
	if (!s && fsync(fd) < 0)
		s = nc_fail(err, NC_EIO, "'%s': cannot write: %s", o->file,
			    strerror(errno));
	if (close(fd) < 0 && !s)
		s = nc_fail(err, NC_EIO, "'%s': cannot write: %s", o->file,
			    strerror(errno));
	fd = -1;
	if (!s && rename(temp, o->file) < 0)
		s = nc_fail(err, NC_ECANTCREAT, "'%s': cannot rename the "
			    "temporary file into place: %s", o->file,
			    strerror(errno));
	if (!s && sync_dir(o->file) < 0)
		s = nc_fail(err, NC_EIO, "'%s': cannot sync its folder: %s",
			    o->file, strerror(errno));
out:
	arc_writer_abort(j.w);
	if (fd >= 0)
		close(fd);
	if (temp && s)
		unlink(temp);
	temp_path = NULL;
	free(temp);
	export_item_release(&j.item);
	fclose(j.mfp);
	free(j.mbuf);
	buf_release(&j.sums);
	return s;
}

static int read_bound(const char *opt, const char *v, char out[DATE_ISO_MAX])
{
	if (date_parse_bound(v, out))
		return 0;
	nc_warn("export: %s: cannot read the date '%s'", opt, v);
	return -1;
}

int cmd_export(struct nc_ctx *ctx, int argc, char **argv)
{
	struct export_opts o = { 0 };
	struct nc_error err = { 0 };
	const char *file = NULL, *since = NULL, *until = NULL, *query = NULL;
	char since_iso[DATE_ISO_MAX], until_iso[DATE_ISO_MAX];
	struct buf expr = BUF_INIT;
	long long wait = 0, count = 0;
	int fmt = -1, quiet = 0, code = 0, lock_fd = -1, nargs;
	int64_t upto = 0;
	struct store *st;
	enum nc_status s;
	const struct opt opts[] = {
		OPT_STRING('o', "output", &file, "FILE",
			   "write the archive to FILE (strftime patterns)"),
		OPT_KEYWORD(0, "format", &fmt, "FORMAT", "tar.zst, tar.gz, "
			    "tar.xz, tar, zip or warc.gz (default: from "
			    "FILE)", formats),
		OPT_STRING(0, "since", &since, "DATE",
			   "articles published on or after DATE"),
		OPT_STRING(0, "until", &until, "DATE",
			   "articles published on or before DATE"),
		OPT_STRING(0, "query", &query, "QUERY",
			   "articles matching QUERY (as search reads it)"),
		OPT_STRING(0, "incremental", &o.name, "NAME",
			   "only articles added since the last export NAME"),
		OPT_INT(0, "wait", &wait, "SECONDS",
			"wait for a running export NAME (default 0)"),
		OPT_FLAG('q', "quiet", &quiet, "print errors only"),
		OPT_END(),
	};

	nargs = opt_parse(opts, usage, argc, argv);
	if (nargs == OPT_HELP)
		return 0;
	if (nargs < 0)
		return NC_EXIT_USAGE;
	if (nargs > 0 || !file || !*file) {
		nc_warn("export: %s", nargs > 0 ? "unexpected argument "
			"(give the archive with -o FILE)" : "no archive "
			"named (give -o FILE)");
		return NC_EXIT_USAGE;
	}
	if (o.name && !name_ok(o.name)) {
		nc_warn("export: --incremental: '%s' is not a name (letters, "
			"digits, '.', '_' and '-')", o.name);
		return NC_EXIT_USAGE;
	}
	if ((since && read_bound("--since", since, since_iso)) ||
	    (until && read_bound("--until", until, until_iso)))
		return NC_EXIT_USAGE;
	if (query && query_to_fts(query, &expr, &err)) {
		nc_warn("export: --query: %s", err.msg);
		return NC_EXIT_USAGE;
	}
	o.file = expand_name(file);
	if (fmt < 0)
		fmt = arc_format_from_name(o.file);
	if (fmt < 0) {
		nc_warn("export: '%s': cannot tell the format from the name "
			"(give --format)", o.file);
		free((char *)o.file);
		buf_release(&expr);
		return NC_EXIT_USAGE;
	}
	o.fmt = (enum arc_format)fmt;
	o.since = since ? since_iso : NULL;
	o.until = until ? until_iso : NULL;
	o.match = query ? expr.s : NULL;
	/* zip stores local times: make them the same everywhere */
	if (o.fmt == ARC_ZIP) {
		setenv("TZ", "UTC0", 1);
		tzset();
	}
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);

	st = nc_store(ctx, STORE_READ, &code);
	if (!st)
		goto done;
	if (o.name && (code = take_lock(ctx->db_path, o.name, wait,
					 &lock_fd)))
		goto done;
	s = run(st, &o, &upto, &count, &err);
	if (!s && o.name)
		s = store_mark_set(st, o.name, upto, (int64_t)time(NULL), &err);
	if (s) {
		nc_warn("export: %s", err.msg);
		code = nc_exit_code(s);
	} else if (!quiet) {
		nc_warn("exported %lld article%s to '%s'", count,
			count == 1 ? "" : "s", o.file);
	}
done:
	if (lock_fd >= 0)
		close(lock_fd);
	free((char *)o.file);
	buf_release(&expr);
	return code;
}
