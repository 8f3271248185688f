/*
 * lockfile.c - atomic files and locks; see lockfile.h.
 *
 * The live temporary files are kept in a list that the signal handler
 * and the exit handler walk, calling only unlink() (async-signal-safe).
 */
#include "lockfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

/* mkstemp()'s suffix: ".NAME" then this. */
#define TEMP_SUFFIX ".XXXXXX"
#define LOCK_POLL_NS (100 * 1000 * 1000)
#define STALE_SECONDS 2

struct tempfile {
	char *path;		/* the temporary file */
	char *target;
	int fd;
	struct tempfile *volatile next;
};

static struct tempfile *volatile live;

static void remove_live(void)
{
	for (struct tempfile *t = live; t; t = t->next)
		unlink(t->path);
}

static void on_signal(int sig)
{
	remove_live();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void watch(struct tempfile *t)
{
	static int installed;

	if (!installed) {
		installed = 1;
		atexit(remove_live);
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
	}
	t->next = live;
	live = t;
}

static void unwatch(struct tempfile *t)
{
	struct tempfile *volatile *p = &live;

	while (*p && *p != t)
		p = &(*p)->next;
	if (*p)
		*p = t->next;
}

/* The folder of path ("." when it has none) and its last part. */
static void split_path(const char *path, struct buf *dir, const char **base)
{
	const char *slash = strrchr(path, '/');

	if (slash) {
		buf_add(dir, path, slash == path ? 1 : (size_t)(slash - path));
		*base = slash + 1;
	} else {
		buf_adds(dir, ".");
		*base = path;
	}
}

/*
 * Remove the temporary files of target that no process holds: what a
 * killed run left. A live one is flocked by its writer from the moment
 * after mkstemp(); files younger than STALE_SECONDS are left alone so
 * that the moment between the two is never mistaken for a dead writer.
 */
static void remove_stale(const char *target)
{
	struct buf dir = BUF_INIT, name = BUF_INIT, path = BUF_INIT;
	const char *base;
	struct dirent *e;
	DIR *d;

	split_path(target, &dir, &base);
	buf_addf(&name, ".%s.", base);
	d = opendir(dir.s);
	while (d && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		struct stat sb;
		int fd;

		if (n != name.len + strlen(TEMP_SUFFIX) - 1 ||
		    strncmp(e->d_name, name.s, name.len))
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir.s, e->d_name);
		fd = open(path.s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_mtime + STALE_SECONDS < time(NULL) &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlink(path.s);
		close(fd);
	}
	if (d)
		closedir(d);
	buf_release(&dir);
	buf_release(&name);
	buf_release(&path);
}

enum nc_status tempfile_create(struct tempfile **out, const char *target,
			       struct nc_error *err)
{
	struct buf b = BUF_INIT, dir = BUF_INIT;
	struct tempfile *t;
	const char *base;
	struct stat sb;
	mode_t mask = umask(0);
	int fd;

	umask(mask);
	*out = NULL;
	/* only a regular file is replaced: renaming over a device node or
	 * a symbolic link would swap it for a file */
	if (lstat(target, &sb) == 0 && !S_ISREG(sb.st_mode))
		return nc_fail(err, NC_ECANTCREAT, "'%s': not a regular file"
			       " (only a file or a new name is replaced)",
			       target);
	remove_stale(target);
	split_path(target, &dir, &base);
	buf_addf(&b, "%s/.%s" TEMP_SUFFIX, dir.s, base);
	buf_release(&dir);
	fd = mkstemp(b.s);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
		enum nc_status s = nc_fail(err, NC_ECANTCREAT, "'%s': cannot "
					   "create a temporary file next to "
					   "it: %s", target, strerror(errno));

		if (fd >= 0) {
			close(fd);
			unlink(b.s);
		}
		buf_release(&b);
		return s;
	}
	fchmod(fd, 0666 & ~mask);
	t = xcalloc(1, sizeof(*t));
	t->path = buf_detach(&b, NULL);
	t->target = xstrdup(target);
	t->fd = fd;
	watch(t);
	*out = t;
	return NC_OK;
}

int tempfile_fd(const struct tempfile *t)
{
	return t->fd;
}

static void tempfile_free(struct tempfile *t)
{
	unwatch(t);
	free(t->path);
	free(t->target);
	free(t);
}

void tempfile_abort(struct tempfile *t)
{
	if (!t)
		return;
	unwatch(t);
	if (t->fd >= 0)
		close(t->fd);
	unlink(t->path);
	tempfile_free(t);
}

/* fsync the folder holding file, so that the rename is durable. */
static int sync_dir(const char *file)
{
	struct buf dir = BUF_INIT;
	const char *base;
	int fd, rc = 0;

	split_path(file, &dir, &base);
	fd = open(dir.s, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		if (fsync(fd) < 0 && errno != EINVAL)
			rc = -1;
		close(fd);
	}
	buf_release(&dir);
	return rc;
}

enum nc_status tempfile_commit(struct tempfile *t, struct nc_error *err)
{
	enum nc_status s = NC_OK;

	/* renamed before it is closed: its lock lasts as long as its name */
	if (fsync(t->fd) < 0)
		s = nc_fail(err, NC_EIO, "'%s': cannot write: %s", t->target,
			    strerror(errno));
	if (!s && rename(t->path, t->target) < 0)
		s = nc_fail(err, NC_ECANTCREAT, "'%s': cannot rename the "
			    "temporary file into place: %s", t->target,
			    strerror(errno));
	if (s) {
		tempfile_abort(t);
		return s;
	}
	if (close(t->fd) < 0)
		s = nc_fail(err, NC_EIO, "'%s': cannot write: %s", t->target,
			    strerror(errno));
	t->fd = -1;
	if (sync_dir(t->target) < 0)
		s = nc_fail(err, NC_EIO, "'%s': cannot sync its folder: %s",
			    t->target, strerror(errno));
	tempfile_free(t);
	return s;
}

enum nc_status lock_take(const char *path, long long wait, int *fd_out,
			 struct nc_error *err)
{
	struct timespec pause = { 0, LOCK_POLL_NS };
	const long long per_s = 1000000000 / LOCK_POLL_NS;
	/* a wait too long to count in polls is for ever, not a wrap */
	long long tries = wait > LLONG_MAX / per_s ? LLONG_MAX : wait * per_s;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	*fd_out = -1;
	if (fd < 0)
		return nc_fail(err, NC_ECANTCREAT, "'%s': %s", path,
			       strerror(errno));
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			enum nc_status s = nc_fail(err, NC_ECANTCREAT,
						   "cannot lock '%s': %s",
						   path, strerror(errno));

			close(fd);
			return s;
		}
		if (tries-- <= 0) {
			close(fd);
			return nc_fail(err, NC_EBUSY, "'%s' is locked "
				       "(waited %lld s)", path, wait);
		}
		nanosleep(&pause, NULL);
	}
	*fd_out = fd;
	return NC_OK;
}

void lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
