/*
 * lockfile.h - files that appear whole or not at all, and locks (as git's
 * lockfile.h and tempfile.h).
 *
 * tempfile_create() makes ".NAME.XXXXXX" beside the target NAME and holds
 * an flock on it while it lives; tempfile_commit() syncs it, renames it
 * over the target and syncs the folder, so that the target is always the
 * old file or the new one. A temporary file is removed by
 * tempfile_abort(), at exit and on SIGINT, SIGTERM and SIGHUP; one left
 * by a run that was killed (SIGKILL, power loss) holds no lock any more,
 * and the next tempfile_create() for the same target removes it.
 */
#ifndef NEWSCTL_LOCKFILE_H
#define NEWSCTL_LOCKFILE_H

#include "err.h"

struct tempfile;

/*
 * Create the temporary file of target (mode 0666 less the umask). A
 * target that exists and is not a regular file (a device node, a symbolic
 * link, a folder) is refused: NC_ECANTCREAT.
 */
enum nc_status tempfile_create(struct tempfile **out, const char *target,
			       struct nc_error *err);
/* Its descriptor, open for writing. */
int tempfile_fd(const struct tempfile *t);
/* fsync, close, rename over the target, fsync the folder; t is freed. */
enum nc_status tempfile_commit(struct tempfile *t, struct nc_error *err);
/* Close and remove it; t is freed (NULL is ignored). */
void tempfile_abort(struct tempfile *t);

/*
 * Take an exclusive lock on the file at path (created when missing),
 * waiting up to wait seconds; NC_EBUSY when it stays held. *fd holds it
 * until lock_release().
 */
enum nc_status lock_take(const char *path, long long wait, int *fd,
			 struct nc_error *err);
void lock_release(int fd);

#endif
