/*
 * The files the commands write: reports (--html, collate -o), cleaned
 * text (clean -o, --in-place) and backups.  One mechanism for all of them
 * (issue "Reliability"):
 *
 *  - A regular file, or a new one, is written to a temporary in the same
 *    folder and renamed over the target once it is whole and on disk, so
 *    that the name holds the old file or all of the new one, never a part
 *    (a full disk, a kill -9).  The temporary is an O_TMPFILE, which has
 *    no name at all until it is complete; where the file system lacks
 *    O_TMPFILE it is ".scodiff-XXXXXX" (mkstemp), short whatever the
 *    target's name (a name of 250 bytes plus ".XXXXXX" passed NAME_MAX)
 *    and recognisable if a kill leaves it.
 *  - A replaced file keeps its mode, owner and group (the owner as far as
 *    the user may set it); a new file gets 0666 less the umask.
 *  - A symbolic link is followed: the file it points to is replaced
 *    beside itself and the link stays a link.
 *  - Anything else (a device such as /dev/full or /dev/stdout, a fifo, a
 *    dangling link) is written in place and never removed: removing the
 *    target on failure once deleted /dev/full when the tests ran as root.
 *    So is a file with several hard links when the caller asks for it
 *    (clean --in-place, once the backup is written), so that every name
 *    still shares the file.
 *  - A backup never replaces anything: FILE.orig, else the next of
 *    FILE.orig.~1~, ~2~... (as cp --backup=numbered), claimed with link(2),
 *    which fails rather than replace a name another run took meanwhile.
 */
#define _GNU_SOURCE /* O_TMPFILE, getentropy() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <scodiff.h>
#include "cli.h"

/* A file being written beside its target (a command writes one or two). */
typedef struct {
	FILE *f;
	char *target; /* the name it takes on success */
	char *dir;    /* the target's folder */
	char *tmp;    /* the temporary's name (mkstemp), NULL for an O_TMPFILE */
	char *base;   /* a backup's unnumbered name (never replace), or NULL */
} pending_file;

static pending_file pending[4];

#define TEMP_NAME ".scodiff-XXXXXX"

static void pending_free(pending_file *p)
{
	free(p->target);
	free(p->dir);
	free(p->tmp);
	free(p->base);
	memset(p, 0, sizeof(*p));
}

/* The folder holding `path` ("." for a bare name), malloc'd. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = !slash ? 1 : slash == path ? 1 : (size_t)(slash - path);
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, slash ? path : ".", n);
		d[n] = '\0';
	}
	return d;
}

/* `dir`/`name`, malloc'd. */
static char *join(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	if (p)
		sprintf(p, "%s/%s", dir, name);
	return p;
}

/* The XXXXXX at the end of `name` made random (mkstemp's alphabet). */
static void randomise(char *name)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long counter;
	unsigned char r[6];
	char *x = name + strlen(name) - 6;
	size_t i;

	if (getentropy(r, sizeof(r)) != 0) {
		unsigned long v = (unsigned long)getpid() * 2654435761u ^ (unsigned long)time(NULL);
		v += ++counter * 40503u;
		for (i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)(v >> (5 * i));
	}
	for (i = 0; i < sizeof(r); i++)
		x[i] = set[r[i] % (sizeof(set) - 1)];
}

/* The temporary for p: unnamed if the file system can, else TEMP_NAME. */
static int open_temp(pending_file *p)
{
	int fd = -1;

#ifdef O_TMPFILE
	/* linkat() names it through /proc; without /proc it could not */
	if (access("/proc/self/fd", X_OK) == 0)
		fd = open(p->dir, O_WRONLY | O_TMPFILE | O_CLOEXEC, 0666);
	if (fd >= 0)
		return fd;
#endif
	if (!(p->tmp = join(p->dir, TEMP_NAME)))
		return errno = ENOMEM, -1;
	return mkstemp(p->tmp);
}

/* Give the temporary the name `name`, which must be free (EEXIST if not). */
static int link_temp(const pending_file *p, const char *name)
{
	char proc[64];

	if (p->tmp)
		return link(p->tmp, name);
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fileno(p->f));
	return linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
}

/* The mode, owner and group of `like` (NULL: a new file, the umask's). */
static void set_mode(int fd, const struct stat *like)
{
	mode_t mask = umask(0);

	umask(mask);
	if (!like) {
		(void)fchmod(fd, 0666 & ~mask);
		return;
	}
	/* root may give the file back to its owner; anyone its group if a
	 * member of it; else the file is the user's, which is all one can do */
	if (fchown(fd, like->st_uid, like->st_gid) != 0)
		(void)fchown(fd, (uid_t)-1, like->st_gid);
	(void)fchmod(fd, like->st_mode & 07777); /* after chown, which clears set-id bits */
}

/* The highest N of the names `base`.~N~ beside `base` (0 if none). */
static unsigned long last_number(const char *dir, const char *base)
{
	const char *name = strrchr(base, '/') ? strrchr(base, '/') + 1 : base;
	size_t n = strlen(name);
	unsigned long last = 0, k;
	struct dirent *e;
	DIR *d = opendir(dir);
	char *end;

	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, name, n) && !strncmp(e->d_name + n, ".~", 2)) {
			k = strtoul(e->d_name + n + 2, &end, 10);
			if (end != e->d_name + n + 2 && !strcmp(end, "~") && k > last)
				last = k;
		}
	if (d)
		closedir(d);
	return last;
}

/* A backup's name: `base` if free (or if it cannot be looked at: the
 * caller finds why), else base.~N~ past the highest N there. */
static char *backup_name(const char *dir, const char *base)
{
	struct stat st;
	char *name;

	if (lstat(base, &st) != 0)
		return strdup(base);
	if ((name = malloc(strlen(base) + 32)))
		sprintf(name, "%s.~%lu~", base, last_number(dir, base) + 1);
	return name;
}

/* A temporary beside `target` (`base`: a backup's unnumbered name) with
 * the mode of `like` (NULL: a new file); errors name `shown`. */
static FILE *open_beside(const char *target, const char *shown, const struct stat *like,
			 const char *base)
{
	pending_file *p = NULL;
	size_t i;
	int fd, e;

	for (i = 0; i < sizeof(pending) / sizeof(*pending) && !p; i++)
		if (!pending[i].f)
			p = &pending[i];
	if (!p || !(p->target = strdup(target)) || !(p->dir = folder_of(target)) ||
	    (base && !(p->base = strdup(base)))) {
		if (p)
			pending_free(p);
		cli_error("'%s': cannot write: out of memory", shown);
		return NULL;
	}
	if ((fd = open_temp(p)) < 0 || !(p->f = fdopen(fd, "wb"))) {
		e = errno;
		if (fd >= 0)
			close(fd);
		if (fd >= 0 && p->tmp)
			unlink(p->tmp);
		cli_error("'%s': cannot write: %s", shown, strerror(e));
		pending_free(p);
		return NULL;
	}
	set_mode(fd, like);
	return p->f;
}

char *cli_output_resolve(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return realpath(path, NULL);
	return strdup(path);
}

FILE *cli_output_open(const char *path, unsigned int flags)
{
	char *real;
	const char *target;
	struct stat st;
	int have;
	FILE *f;

	if (!strcmp(path, "-"))
		return stdout;
	real = cli_output_resolve(path);
	target = real ? real : path; /* a dangling link: itself */
	have = stat(target, &st) == 0;
	if (have ? !S_ISREG(st.st_mode) || (st.st_nlink > 1 && (flags & CLI_OUTPUT_SHARE_LINKS))
		 : lstat(path, &st) == 0) {
		/* in place: a device, a fifo, shared links, a dangling link */
		if (!(f = fopen(target, "w")))
			cli_error("'%s': cannot write: %s", path, strerror(errno));
	} else {
		f = open_beside(target, path, have ? &st : NULL, NULL);
	}
	free(real);
	errno = 0; /* what the writer leaves here says why it failed */
	return f;
}

FILE *cli_output_backup(const char *path, const char *of)
{
	char *dir = folder_of(path), *name = NULL;
	struct stat like, st;
	FILE *f = NULL;

	if (stat(of, &like) != 0)
		cli_error("'%s': %s", of, strerror(errno));
	else if (!dir || !(name = backup_name(dir, path)))
		cli_error("'%s': cannot write: out of memory", path);
	else if (lstat(name, &st) != 0 && errno != ENOENT)
		/* a name too long fails here, before anything is written */
		cli_error("'%s': cannot write: %s", name, strerror(errno));
	else
		f = open_beside(name, path, &like, path);
	free(name);
	free(dir);
	errno = 0;
	return f;
}

/* Put the finished temporary at its name; 0, or -1 with errno set. */
static int commit(pending_file *p)
{
	char *name;
	int tries, r = -1;

	if (p->base) {
		/* another run may take the chosen name meanwhile: the next one */
		for (tries = 0; tries < 100; tries++) {
			struct stat st;
			if ((r = link_temp(p, p->target)) == 0) {
				if (p->tmp)
					unlink(p->tmp);
				break;
			}
			/* a file system without hard links (FAT): a rename, which
			 * would replace a name taken since it was looked at */
			if (errno == EPERM && p->tmp && lstat(p->target, &st) != 0)
				return rename(p->tmp, p->target);
			if (errno != EEXIST)
				break;
			free(p->target);
			if (!(p->target = backup_name(p->dir, p->base)))
				return -1;
		}
		return r;
	}
	if (p->tmp)
		return rename(p->tmp, p->target);
	/* an O_TMPFILE: a short random name first, then over the target */
	if (!(name = join(p->dir, TEMP_NAME)))
		return -1;
	for (tries = 0; tries < 100; tries++) {
		randomise(name);
		if ((r = link_temp(p, name)) == 0 || errno != EEXIST)
			break;
	}
	if (r == 0 && (r = rename(name, p->target)) != 0) {
		int e = errno;
		unlink(name);
		errno = e;
	}
	free(name);
	return r;
}

int cli_output_close(FILE *f, const char *path, int error)
{
	pending_file *p = NULL;
	size_t i;
	int failed, e;

	if (f == stdout) {
		if (error < 0)
			return cli_error("%s", scd_error_last());
		return cli_close_stdout();
	}
	for (i = 0; i < sizeof(pending) / sizeof(*pending); i++)
		if (pending[i].f == f)
			p = &pending[i];
	failed = error < 0 || fflush(f) != 0 || ferror(f);
	e = errno;
	if (!failed && p && (fsync(fileno(f)) != 0 || commit(p) != 0)) {
		failed = 1;
		e = errno;
	}
	/* a full disk may show only now, as the last bytes go */
	if (fclose(f) != 0 && !failed) {
		failed = 1;
		e = errno;
	}
	if (failed && p && p->tmp)
		unlink(p->tmp);
	if (p)
		pending_free(p);
	if (!failed)
		return 0;
	if (error < 0 && error != SCD_EIO)
		return cli_error("'%s': %s", path, scd_error_last());
	return cli_error("'%s': write error%s%s", path, e ? ": " : "", e ? strerror(e) : "");
}
