/*
 * t-lockfile.c - files that appear whole or not at all, stale temporary
 * files, and locks.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "lockfile.h"
#include "tap.h"

static char dir[4096], target[4200];

/* How many entries of dir start with prefix. */
static int count(const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += !strncmp(e->d_name, prefix, strlen(prefix));
	if (d)
		closedir(d);
	return n;
}

static const char *read_target(void)
{
	static char got[64];
	FILE *fp = fopen(target, "r");
	size_t n = fp ? fread(got, 1, sizeof(got) - 1, fp) : 0;

	got[n] = '\0';
	if (fp)
		fclose(fp);
	return fp ? got : NULL;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	struct nc_error err = { 0 };
	struct tempfile *t;
	char stale[4300];
	struct utimbuf old;
	int fd, fd2;

	snprintf(dir, sizeof(dir), "%s/t-lockfile.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	snprintf(target, sizeof(target), "%s/a.tar", dir);

	ok(!tempfile_create(&t, target, &err), "create a temporary file");
	is_int(count(".a.tar."), 1, "beside the target, as .NAME.XXXXXX");
	ok(write(tempfile_fd(t), "new", 3) == 3, "write it");
	ok(!read_target(), "the target does not exist yet");
	ok(!tempfile_commit(t, &err), "commit");
	is_str(read_target(), "new", "the target holds it");
	is_int(count(".a.tar."), 0, "and the temporary name is gone");

	ok(!tempfile_create(&t, target, &err), "another one");
	ok(write(tempfile_fd(t), "half", 4) == 4, "written in part");
	tempfile_abort(t);
	is_str(read_target(), "new", "abort leaves the target alone");
	is_int(count(".a.tar."), 0, "and removes the temporary file");

	/* one left by a killed run: nobody holds it, and it is not new */
	snprintf(stale, sizeof(stale), "%s/.a.tar.Xy12Zz", dir);
	fd = open(stale, O_WRONLY | O_CREAT, 0644);
	close(fd);
	old.actime = old.modtime = time(NULL) - 3600;
	utime(stale, &old);
	ok(!tempfile_create(&t, target, &err), "the next run");
	ok(access(stale, F_OK) != 0, "removes the stale temporary file");
	tempfile_abort(t);

	snprintf(stale, sizeof(stale), "%s/x.lock", dir);
	ok(!lock_take(stale, 0, &fd, &err), "take a lock");
	is_int(lock_take(stale, 0, &fd2, &err), NC_EBUSY,
	       "a second take of it is busy");
	ok(strstr(err.msg, "x.lock") != NULL, "and names the lock");
	lock_release(fd);
	ok(!lock_take(stale, 0, &fd2, &err), "free again once released");
	lock_release(fd2);
	snprintf(stale, sizeof(stale), "%s/no/such/x.lock", dir);
	is_int(lock_take(stale, 0, &fd, &err), NC_ECANTCREAT,
	       "a lock that cannot be created: NC_ECANTCREAT");

	unlink(target);
	snprintf(stale, sizeof(stale), "%s/x.lock", dir);
	unlink(stale);
	rmdir(dir);
	return done_testing();
}
