/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_cache.c: the anonymous public page cache's files and the lock that
 * keeps them never stale (the argument is in page_cache.h).
 *
 * DIR/current      a symlink to DIR/gen-*, the tree nginx serves:
 *                  LANG/cases/TRACKING.html, LANG/cases.html
 * DIR/versions     the counters, 8 bytes each: slot 0 "everything", slot 1
 *                  the lists, the others a case's group by hash (two groups
 *                  sharing a slot only store less)
 * DIR/trash-*      old trees, out of use (page_cache_tidy removes them)
 * DIR/removing-*   old trees a process is removing */
#include "cache/page_cache.h"
#include "core/log.h"
#include "core/mdg.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 65536
#define PATH_LEN 1024
#define SLOT_ALL 0
#define SLOT_LISTS 1

static const char *const langs[] = {"ko", "en"};
/* The pages of the group "lists": each shows many cases. */
static const char *const list_paths[] = {"/cases"};

static char cache_dir[256];
static int versions_fd = -1;
static pid_t versions_pid;
/* This process purged everything since its last page_cache_tidy. */
static bool trash_made;

/* The cache folder's owner. madangctl runs as root (postinst's migrate,
 * an operator's setup or cache-purge) while madang-web runs as that
 * owner: what root makes here is given to the owner, or madang-web could
 * not open the counters' file or replace the tree afterwards. */
static uid_t owner_uid;
static gid_t owner_gid;

/* Gives path (not followed) to the folder's owner when we are root. */
static void give_to_owner(const char *path)
{
	if (geteuid() == 0 && owner_uid != 0 && lchown(path, owner_uid, owner_gid) != 0)
		log_error("page cache: cannot give %s to uid %d: %s", path, (int)owner_uid, strerror(errno));
}

bool page_cache_on(void)
{
	return cache_dir[0] != '\0';
}

/* The counters' file, opened by this process: an OFD lock belongs to its
 * open file description, which a fork would share between the workers. */
static int versions(void)
{
	if (versions_fd >= 0 && versions_pid == getpid())
		return versions_fd;
	if (versions_fd >= 0)
		close(versions_fd);
	char path[PATH_LEN];
	snprintf(path, sizeof path, "%s/versions", cache_dir);
	versions_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	versions_pid = getpid();
	if (versions_fd >= 0)
		give_to_owner(path);
	if (versions_fd < 0)
		log_error("page cache: cannot open %s: %s", path, strerror(errno));
	return versions_fd;
}

/* Takes (F_RDLCK, F_WRLCK) or releases (F_UNLCK) the one lock. */
static int lock(int fd, short type)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
	while (fcntl(fd, F_OFD_SETLKW, &fl) < 0) {
		if (errno != EINTR) {
			log_error("page cache: lock: %s", strerror(errno));
			return MDG_ERR;
		}
	}
	return MDG_OK;
}

static uint64_t counter(int fd, unsigned slot)
{
	uint64_t v = 0;
	if (pread(fd, &v, sizeof v, (off_t)slot * 8) != (ssize_t)sizeof v)
		v = 0; /* never written: zero */
	return v;
}

static int bump(int fd, unsigned slot)
{
	uint64_t v = counter(fd, slot) + 1;
	if (pwrite(fd, &v, sizeof v, (off_t)slot * 8) != (ssize_t)sizeof v) {
		log_error("page cache: cannot write a counter: %s", strerror(errno));
		return MDG_ERR;
	}
	return MDG_OK;
}

/* FNV-1a of group into the slots after the two fixed ones. */
static unsigned group_slot(const char *group)
{
	if (strcmp(group, "lists") == 0)
		return SLOT_LISTS;
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)group; *p; p++)
		h = (h ^ *p) * 16777619u;
	return 2 + h % (SLOTS - 2);
}

void page_cache_case_group(char *out, size_t size, const char *tracking)
{
	snprintf(out, size, "case/%s", tracking);
}

/* mkdir with mode 0755 whatever the umask (the units' is 0077): nginx,
 * another user, serves the files below it. */
static int make_dir(const char *path)
{
	if (mkdir(path, 0755) != 0 || chmod(path, 0755) != 0)
		return -1;
	give_to_owner(path);
	return 0;
}

/* A fresh tree DIR/gen-* with its language directories; its name in out. */
static int new_tree(char *out, size_t size)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	snprintf(out, size, "gen-%lld%09ld-%d", (long long)now.tv_sec, now.tv_nsec, (int)getpid());
	for (size_t i = 0; i < MDG_ARRAY_LEN(langs); i++) {
		char path[PATH_LEN];
		snprintf(path, sizeof path, "%s/%s", cache_dir, out);
		if (i == 0 && make_dir(path) != 0)
			goto fail;
		snprintf(path, sizeof path, "%s/%s/%s", cache_dir, out, langs[i]);
		if (make_dir(path) != 0)
			goto fail;
		snprintf(path, sizeof path, "%s/%s/%s/cases", cache_dir, out, langs[i]);
		if (make_dir(path) != 0)
			goto fail;
	}
	return MDG_OK;
fail:
	log_error("page cache: cannot make %s/%s: %s", cache_dir, out, strerror(errno));
	return MDG_ERR;
}

/* Points DIR/current at the tree named name (atomically: a reader of
 * nginx sees the old tree or the new one). */
static int point_current(const char *name)
{
	char tmp[PATH_LEN], cur[PATH_LEN];
	snprintf(tmp, sizeof tmp, "%s/current.%d", cache_dir, (int)getpid());
	snprintf(cur, sizeof cur, "%s/current", cache_dir);
	unlink(tmp);
	if (symlink(name, tmp) == 0)
		give_to_owner(tmp);
	if (rename(tmp, cur) != 0) {
		log_error("page cache: cannot point %s at %s: %s", cur, name, strerror(errno));
		unlink(tmp);
		return MDG_ERR;
	}
	return MDG_OK;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	MDG_UNUSED(st);
	MDG_UNUSED(ftw);
	if ((flag == FTW_DP ? rmdir(path) : unlink(path)) != 0 && errno != ENOENT)
		log_warn("page cache: cannot remove %s: %s", path, strerror(errno));
	return 0;
}

/* Removes every DIR/trash-* (outside the lock: nothing refers to them).
 * Each is first renamed to a name of this process's, so that two
 * processes never remove the same tree. */
static void empty_trash(void)
{
	DIR *d = opendir(cache_dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		/* removing-PID-*: what a process that died left half removed */
		int pid = 0;
		bool orphan = sscanf(e->d_name, "removing-%d-", &pid) == 1 && pid > 0 && kill(pid, 0) != 0 &&
			      errno == ESRCH;
		if (strncmp(e->d_name, "trash-", 6) != 0 && !orphan)
			continue;
		char from[PATH_LEN], mine[PATH_LEN];
		snprintf(from, sizeof from, "%s/%s", cache_dir, e->d_name);
		snprintf(mine, sizeof mine, "%s/removing-%d-%s", cache_dir, (int)getpid(), strchr(e->d_name, '-') + 1);
		if (rename(from, mine) == 0)
			nftw(mine, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	closedir(d);
}

/* Under the lock: a new tree as DIR/current, and every other DIR/gen-*
 * (the old one, and any a process that died left) moved to DIR/trash-*. */
static int swap_tree(void)
{
	char name[80];
	int rc = new_tree(name, sizeof name);
	if (rc == MDG_OK)
		rc = point_current(name);
	DIR *d = rc == MDG_OK ? opendir(cache_dir) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "gen-", 4) != 0 || strcmp(e->d_name, name) == 0)
			continue;
		char from[PATH_LEN], to[PATH_LEN];
		snprintf(from, sizeof from, "%s/%s", cache_dir, e->d_name);
		snprintf(to, sizeof to, "%s/trash-%s", cache_dir, e->d_name);
		if (rename(from, to) != 0 && errno != ENOENT)
			log_warn("page cache: cannot move %s away: %s", from, strerror(errno));
	}
	if (d)
		closedir(d);
	return rc;
}

int page_cache_open(const char *dir)
{
	cache_dir[0] = '\0';
	if (!dir || !*dir)
		return MDG_OK;
	if (dir[0] != '/' || strlen(dir) >= 200) {
		log_error("page cache: cache.dir must be an absolute path (under 200 bytes): %s", dir);
		return MDG_ERR;
	}
	if (make_dir(dir) != 0 && errno != EEXIST) {
		log_error("page cache: cannot make %s: %s", dir, strerror(errno));
		return MDG_ERR;
	}
	snprintf(cache_dir, sizeof cache_dir, "%s", dir);
	char cur[PATH_LEN];
	struct stat st;
	if (stat(dir, &st) == 0) {
		owner_uid = st.st_uid;
		owner_gid = st.st_gid;
	}
	snprintf(cur, sizeof cur, "%s/current", cache_dir);
	int fd = versions();
	int rc = fd >= 0 ? MDG_OK : MDG_ERR;
	if (rc == MDG_OK && stat(cur, &st) != 0 && (rc = lock(fd, F_WRLCK)) == MDG_OK) {
		/* Checked again under the lock: another process may be here. */
		if (stat(cur, &st) != 0)
			rc = swap_tree();
		lock(fd, F_UNLCK);
	}
	if (rc != MDG_OK)
		cache_dir[0] = '\0';
	return rc;
}

/* True for the paths the cache keeps: "/cases/TRACKING" (digits and one
 * dash), and the lists. nginx asks for no others (madang.conf). */
static bool path_cacheable(const char *path)
{
	for (size_t i = 0; i < MDG_ARRAY_LEN(list_paths); i++)
		if (strcmp(path, list_paths[i]) == 0)
			return true;
	if (strncmp(path, "/cases/", 7) != 0 || strlen(path) > 40)
		return false;
	int dashes = 0;
	for (const char *p = path + 7; *p; p++) {
		if (*p == '-')
			dashes++;
		else if (*p < '0' || *p > '9')
			return false;
	}
	return dashes == 1 && path[7] != '-';
}

void page_cache_begin(page_cache_ticket *t, const char *group, const char *path)
{
	memset(t, 0, sizeof *t);
	int fd;
	if (!page_cache_on() || !path_cacheable(path) || strlen(group) >= sizeof t->group || (fd = versions()) < 0 ||
	    lock(fd, F_RDLCK) != MDG_OK)
		return;
	t->version = counter(fd, group_slot(group));
	t->all = counter(fd, SLOT_ALL);
	lock(fd, F_UNLCK);
	snprintf(t->group, sizeof t->group, "%s", group);
	snprintf(t->path, sizeof t->path, "%s", path);
	t->on = true;
}

/* DIR/current/LANG/PATH.html. */
static void page_file(char *out, size_t size, const char *lang, const char *path)
{
	snprintf(out, size, "%s/current/%s%s.html", cache_dir, lang, path);
}

int page_cache_store(page_cache_ticket *t, const char *lang, const char *body, size_t len)
{
	char tmp[PATH_LEN], final[PATH_LEN];
	int fd, rc = MDG_OK;
	if (!t->on || !page_cache_on() || (fd = versions()) < 0)
		return MDG_OK;
	t->on = false;
	snprintf(tmp, sizeof tmp, "%s/tmp-%d.html", cache_dir, (int)getpid());
	page_file(final, sizeof final, lang, t->path);
	if (lock(fd, F_WRLCK) != MDG_OK)
		return MDG_ERR;
	/* A writer purged the group (or everything) since the reader began:
	 * what it read may be older than that writer's change. */
	if (counter(fd, group_slot(t->group)) != t->version || counter(fd, SLOT_ALL) != t->all)
		goto done;
	int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0 || write(out, body, len) != (ssize_t)len || fchmod(out, 0644) != 0 || close(out) != 0 ||
	    rename(tmp, final) != 0) {
		log_warn("page cache: cannot store %s: %s", final, strerror(errno));
		if (out >= 0)
			close(out);
		unlink(tmp);
	}
done:
	lock(fd, F_UNLCK);
	return rc;
}

/* Deletes path's page in every language (under the lock). */
static int remove_page(const char *path)
{
	char file[PATH_LEN];
	int rc = MDG_OK;
	for (size_t i = 0; i < MDG_ARRAY_LEN(langs); i++) {
		page_file(file, sizeof file, langs[i], path);
		if (unlink(file) != 0 && errno != ENOENT) {
			log_error("page cache: cannot delete %s: %s", file, strerror(errno));
			rc = MDG_ERR;
		}
	}
	return rc;
}

int page_cache_purge(const char *group, bool with_lists)
{
	int fd, rc = MDG_OK;
	if (!page_cache_on())
		return MDG_OK;
	if ((fd = versions()) < 0 || lock(fd, F_WRLCK) != MDG_OK)
		return MDG_ERR;
	/* The counter first, so that no reader that began before stores; the
	 * files go even when it could not be written. */
	if (bump(fd, group_slot(group)) != MDG_OK)
		rc = MDG_ERR;
	if (strncmp(group, "case/", 5) == 0) {
		char path[96];
		snprintf(path, sizeof path, "/cases/%s", group + 5);
		if (remove_page(path) != MDG_OK)
			rc = MDG_ERR;
	}
	if (with_lists || strcmp(group, "lists") == 0) {
		if (bump(fd, SLOT_LISTS) != MDG_OK)
			rc = MDG_ERR;
		for (size_t i = 0; i < MDG_ARRAY_LEN(list_paths); i++)
			if (remove_page(list_paths[i]) != MDG_OK)
				rc = MDG_ERR;
	}
	/* A page that could not be deleted must not be served: all go. */
	if (rc != MDG_OK && bump(fd, SLOT_ALL) == MDG_OK && swap_tree() == MDG_OK)
		rc = MDG_OK;
	lock(fd, F_UNLCK);
	return rc;
}

int page_cache_purge_all(void)
{
	int fd, rc;
	if (!page_cache_on())
		return MDG_OK;
	if ((fd = versions()) < 0 || lock(fd, F_WRLCK) != MDG_OK)
		return MDG_ERR;
	rc = bump(fd, SLOT_ALL);
	if (rc == MDG_OK)
		rc = swap_tree();
	lock(fd, F_UNLCK);
	trash_made = true;
	return rc;
}

void page_cache_tidy(void)
{
	if (page_cache_on() && trash_made) {
		trash_made = false;
		empty_trash();
	}
}
