/* axds-fault-shim.c — an LD_PRELOAD module that makes file system calls fail on demand
 *
 * Copyright 2026 The Ataraxis Monitor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Interposes the calls through which libaxds (and the GLib calls it makes) opens, writes, syncs,
 * renames, maps, sizes and closes files, and sorts them into classes:
 *
 *   open   open, open64, openat, openat64, creat, fopen and their fortified forms
 *   write  write, pwrite, writev, pwritev, copy_file_range, sendfile (by the descriptor written)
 *   fsync  fsync, fdatasync
 *   rename rename, renameat, renameat2, link, linkat
 *   mmap   mmap, mmap64 of a file
 *   alloc  posix_fallocate, fallocate, ftruncate
 *   close  close (the descriptor is closed all the same, as Linux does when close fails)
 *
 * Only calls on files under one of the folders in AXDS_FAULT_ROOT (colon-separated) count, so
 * the loader, GLib's own pipes and eventfds, stdout and the test's bookkeeping are never hit and
 * the n-th call of a class is the same call site from one run to the next. A descriptor's path
 * comes from /proc/self/fd.
 *
 *   AXDS_FAULT_ROOT        folders whose files count (nothing counts without it)
 *   AXDS_FAULT_PROG        only this program counts and fails (its short name); all when unset
 *   AXDS_FAULT_CALL        the class to fail
 *   AXDS_FAULT_NTH         which call of that class fails (1 = the first)
 *   AXDS_FAULT_ERRNO       ENOSPC, EIO or EMFILE (default EIO); or SHORT: that write call
 *                          writes only half of what it was given (a legal short write)
 *   AXDS_FAULT_COUNT_FILE  at exit, appends "PROG CLASS COUNT" per class
 *   AXDS_FAULT_LOG         appends "PROG CLASS N FUNCTION PATH" for the injected fault
 *
 * axds_fault_shim_set_enabled() (found with dlsym) stops counting and failing, so a program
 * can check its own state after the operation without tripping over the shim.
 */

/* Both the plain and the 64-bit names are defined here: no redirection of one to the other.
 * Nor to the fortified forms: the shim defines those itself, so a build with -D_FORTIFY_SOURCE
 * (Debian's default flags) must not declare them a second time. */
#undef _FILE_OFFSET_BITS
#undef _FORTIFY_SOURCE
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define EXPORT __attribute__ ((visibility ("default")))

enum
{
  CLASS_OPEN,
  CLASS_WRITE,
  CLASS_FSYNC,
  CLASS_RENAME,
  CLASS_MMAP,
  CLASS_ALLOC,
  CLASS_CLOSE,
  N_CLASSES
};

static const char *const class_names[N_CLASSES] = {
  "open", "write", "fsync", "rename", "mmap", "alloc", "close",
};

#define MAX_ROOTS 8

static int active;              /* set up, this program counts, and not disabled */
static char roots[MAX_ROOTS][PATH_MAX];
static size_t root_lens[MAX_ROOTS];
static int n_roots;
static int fail_class = -1;
static unsigned long fail_nth;
static int fail_errno = EIO;
static int fail_short;          /* the failing write is short rather than an error */
static unsigned long counts[N_CLASSES];
static const char *count_file;
static const char *log_file;
static __thread int in_shim;    /* the shim's own calls never count */

/* The next definition of each symbol, looked up once. */
#define REAL(name) \
  static __typeof__ (name) *real_##name; \
  if (real_##name == NULL) \
    real_##name = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name)

static int
errno_from_name (const char *name)
{
  if (name == NULL || strcmp (name, "EIO") == 0)
    return EIO;
  if (strcmp (name, "ENOSPC") == 0)
    return ENOSPC;
  if (strcmp (name, "EMFILE") == 0)
    return EMFILE;
  if (strcmp (name, "EDQUOT") == 0)
    return EDQUOT;
  return EIO;
}

static void
disable_in_child (void)
{
  /* A forked child before exec() would otherwise count on its copy of the counters. */
  active = 0;
}

__attribute__ ((constructor)) static void
shim_init (void)
{
  const char *root = getenv ("AXDS_FAULT_ROOT");
  const char *prog = getenv ("AXDS_FAULT_PROG");
  const char *call = getenv ("AXDS_FAULT_CALL");
  const char *nth = getenv ("AXDS_FAULT_NTH");

  count_file = getenv ("AXDS_FAULT_COUNT_FILE");
  log_file = getenv ("AXDS_FAULT_LOG");
  if (root == NULL || *root == '\0')
    return;
  if (prog != NULL && *prog != '\0' && strcmp (prog, program_invocation_short_name) != 0)
    return;

  while (*root != '\0' && n_roots < MAX_ROOTS)
    {
      const char *end = strchr (root, ':');
      size_t len = end ? (size_t) (end - root) : strlen (root);

      if (len > 0 && len < PATH_MAX)
        {
          memcpy (roots[n_roots], root, len);
          roots[n_roots][len] = '\0';
          root_lens[n_roots++] = len;
        }
      root += len + (end ? 1 : 0);
    }

  if (call != NULL)
    for (int i = 0; i < N_CLASSES; i++)
      if (strcmp (call, class_names[i]) == 0)
        fail_class = i;
  fail_nth = nth ? strtoul (nth, NULL, 10) : 0;
  fail_errno = errno_from_name (getenv ("AXDS_FAULT_ERRNO"));
  fail_short = getenv ("AXDS_FAULT_ERRNO") != NULL &&
               strcmp (getenv ("AXDS_FAULT_ERRNO"), "SHORT") == 0;
  pthread_atfork (NULL, NULL, disable_in_child);
  active = n_roots > 0;
}

static void
append_line (const char *path,
             const char *line)
{
  int fd;

  if (path == NULL)
    return;
  in_shim++;
  fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd >= 0)
    {
      ssize_t n = write (fd, line, strlen (line));

      (void) n;
      close (fd);
    }
  in_shim--;
}

__attribute__ ((destructor)) static void
shim_fini (void)
{
  char line[256];

  if (n_roots == 0 || count_file == NULL)
    return;
  for (int i = 0; i < N_CLASSES; i++)
    {
      snprintf (line, sizeof line, "%s %s %lu\n", program_invocation_short_name, class_names[i],
                __atomic_load_n (&counts[i], __ATOMIC_RELAXED));
      append_line (count_file, line);
    }
}

EXPORT void axds_fault_shim_set_enabled (int enabled);

void
axds_fault_shim_set_enabled (int enabled)
{
  active = enabled && n_roots > 0;
}

static int
under_root (const char *path)
{
  for (int i = 0; i < n_roots; i++)
    if (strncmp (path, roots[i], root_lens[i]) == 0 &&
        (path[root_lens[i]] == '/' || path[root_lens[i]] == '\0'))
      return 1;
  return 0;
}

static int
fd_path (int   fd,
         char *buf,
         size_t size)
{
  char link[64];
  ssize_t n;

  if (fd == AT_FDCWD)
    {
      if (getcwd (buf, size) == NULL)
        return 0;
      return 1;
    }
  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, buf, size - 1);
  if (n < 0)
    return 0;
  buf[n] = '\0';
  return 1;
}

/* Whether this call fails; counts it when it concerns a file under a root. */
static int
should_fail (int         klass,
             const char *func,
             int         dirfd,
             const char *path,
             int         fd)
{
  char buf[PATH_MAX + 8];
  const char *full = buf;
  unsigned long n;

  if (!active || in_shim)
    return 0;
  in_shim++;
  if (path != NULL && path[0] == '/')
    full = path;
  else if (path != NULL)
    {
      char dir[PATH_MAX];

      if (!fd_path (dirfd, dir, sizeof dir))
        {
          in_shim--;
          return 0;
        }
      snprintf (buf, sizeof buf, "%s/%s", dir, path);
    }
  else if (fd < 0 || !fd_path (fd, buf, sizeof buf))
    {
      in_shim--;
      return 0;
    }
  if (!under_root (full))
    {
      in_shim--;
      return 0;
    }
  n = __atomic_add_fetch (&counts[klass], 1, __ATOMIC_RELAXED);
  if (klass != fail_class || n != fail_nth)
    {
      in_shim--;
      return 0;
    }
  if (log_file != NULL)
    {
      char line[PATH_MAX + 128];

      snprintf (line, sizeof line, "%s %s %lu %s %s\n", program_invocation_short_name,
                class_names[klass], n, func, full);
      append_line (log_file, line);
    }
  in_shim--;
  return 1;
}

#define FAIL_IF(klass, dirfd, path, fd, ret) \
  do { \
    if (should_fail (klass, __func__, dirfd, path, fd)) \
      { \
        errno = fail_errno; \
        return ret; \
      } \
  } while (0)

static mode_t
open_mode (int     flags,
           va_list ap)
{
  return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t) va_arg (ap, int) : 0;
}

/* --- open --------------------------------------------------------------------------------- */

/* The interposed functions come in a few shapes; one macro per shape defines them all, so
 * that each variant (64-bit offsets, the fortified __*_2 entry points) fails the same way. */

/* open (path, flags, ...) and openat (dirfd, path, flags, ...), with the mode when O_CREAT or
 * O_TMPFILE asks for one. */
#define INTERPOSE_OPEN(name) \
  EXPORT int \
  name (const char *path, \
        int         flags, \
        ...) \
  { \
    va_list ap; \
    mode_t mode; \
    REAL (name); \
    va_start (ap, flags); \
    mode = open_mode (flags, ap); \
    va_end (ap); \
    FAIL_IF (CLASS_OPEN, AT_FDCWD, path, -1, -1); \
    return real_##name (path, flags, mode); \
  }

#define INTERPOSE_OPENAT(name) \
  EXPORT int \
  name (int         dirfd, \
        const char *path, \
        int         flags, \
        ...) \
  { \
    va_list ap; \
    mode_t mode; \
    REAL (name); \
    va_start (ap, flags); \
    mode = open_mode (flags, ap); \
    va_end (ap); \
    FAIL_IF (CLASS_OPEN, dirfd, path, -1, -1); \
    return real_##name (dirfd, path, flags, mode); \
  }

INTERPOSE_OPEN (open)
INTERPOSE_OPEN (open64)
INTERPOSE_OPENAT (openat)
INTERPOSE_OPENAT (openat64)

/* The fortified entry points (_FORTIFY_SOURCE) take no mode. */
#define INTERPOSE_OPEN_2(name) \
  EXPORT int name (const char *path, int flags); \
  int \
  name (const char *path, \
        int         flags) \
  { \
    REAL (name); \
    FAIL_IF (CLASS_OPEN, AT_FDCWD, path, -1, -1); \
    return real_##name (path, flags); \
  }

#define INTERPOSE_OPENAT_2(name) \
  EXPORT int name (int dirfd, const char *path, int flags); \
  int \
  name (int         dirfd, \
        const char *path, \
        int         flags) \
  { \
    REAL (name); \
    FAIL_IF (CLASS_OPEN, dirfd, path, -1, -1); \
    return real_##name (dirfd, path, flags); \
  }

INTERPOSE_OPEN_2 (__open_2)
INTERPOSE_OPEN_2 (__open64_2)
INTERPOSE_OPENAT_2 (__openat_2)
INTERPOSE_OPENAT_2 (__openat64_2)

/* creat (path, mode) and fopen (path, mode). */
#define INTERPOSE_PATH_MODE(type, name, mode_type, failed) \
  EXPORT type \
  name (const char *path, \
        mode_type   mode) \
  { \
    REAL (name); \
    FAIL_IF (CLASS_OPEN, AT_FDCWD, path, -1, failed); \
    return real_##name (path, mode); \
  }

INTERPOSE_PATH_MODE (int, creat, mode_t, -1)
INTERPOSE_PATH_MODE (FILE *, fopen, const char *, NULL)
INTERPOSE_PATH_MODE (FILE *, fopen64, const char *, NULL)

/* --- write -------------------------------------------------------------------------------- */

/* A short write of at least one byte, or the error. */
#define SHORT_OR_FAIL(fd, count) \
  do { \
    if (should_fail (CLASS_WRITE, __func__, -1, NULL, fd)) \
      { \
        if (!fail_short) \
          { \
            errno = fail_errno; \
            return -1; \
          } \
        (count) -= (count) / 2; \
      } \
  } while (0)

EXPORT ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  REAL (write);
  SHORT_OR_FAIL (fd, count);
  return real_write (fd, buf, count);
}

#define INTERPOSE_PWRITE(name, off_type) \
  EXPORT ssize_t \
  name (int         fd, \
        const void *buf, \
        size_t      count, \
        off_type    offset) \
  { \
    REAL (name); \
    SHORT_OR_FAIL (fd, count); \
    return real_##name (fd, buf, count, offset); \
  }

INTERPOSE_PWRITE (pwrite, off_t)
INTERPOSE_PWRITE (pwrite64, off64_t)

/* Short: only the first half of the buffers. */
EXPORT ssize_t
writev (int                 fd,
        const struct iovec *iov,
        int                 iovcnt)
{
  REAL (writev);
  SHORT_OR_FAIL (fd, iovcnt);
  return real_writev (fd, iov, iovcnt);
}

EXPORT ssize_t
pwritev (int                 fd,
         const struct iovec *iov,
         int                 iovcnt,
         off_t               offset)
{
  REAL (pwritev);
  SHORT_OR_FAIL (fd, iovcnt);
  return real_pwritev (fd, iov, iovcnt, offset);
}

EXPORT ssize_t
copy_file_range (int      fd_in,
                 off64_t *off_in,
                 int      fd_out,
                 off64_t *off_out,
                 size_t   len,
                 unsigned flags)
{
  REAL (copy_file_range);
  SHORT_OR_FAIL (fd_out, len);
  return real_copy_file_range (fd_in, off_in, fd_out, off_out, len, flags);
}

EXPORT ssize_t
sendfile (int     out_fd,
          int     in_fd,
          off_t  *offset,
          size_t  count)
{
  REAL (sendfile);
  SHORT_OR_FAIL (out_fd, count);
  return real_sendfile (out_fd, in_fd, offset, count);
}

/* --- fsync -------------------------------------------------------------------------------- */

#define INTERPOSE_FSYNC(name) \
  EXPORT int \
  name (int fd) \
  { \
    REAL (name); \
    FAIL_IF (CLASS_FSYNC, -1, NULL, fd, -1); \
    return real_##name (fd); \
  }

INTERPOSE_FSYNC (fsync)
INTERPOSE_FSYNC (fdatasync)

/* --- rename and link ------------------------------------------------------------------------ */

/* What fails is the name made: @to. */
#define INTERPOSE_RENAME(name) \
  EXPORT int \
  name (const char *from, \
        const char *to) \
  { \
    REAL (name); \
    FAIL_IF (CLASS_RENAME, AT_FDCWD, to, -1, -1); \
    return real_##name (from, to); \
  }

#define INTERPOSE_RENAMEAT_FLAGS(name, flags_type) \
  EXPORT int \
  name (int         from_dirfd, \
        const char *from, \
        int         to_dirfd, \
        const char *to, \
        flags_type  flags) \
  { \
    REAL (name); \
    FAIL_IF (CLASS_RENAME, to_dirfd, to, -1, -1); \
    return real_##name (from_dirfd, from, to_dirfd, to, flags); \
  }

INTERPOSE_RENAME (rename)
INTERPOSE_RENAME (link)
INTERPOSE_RENAMEAT_FLAGS (renameat2, unsigned int)
INTERPOSE_RENAMEAT_FLAGS (linkat, int)

EXPORT int
renameat (int         from_dirfd,
          const char *from,
          int         to_dirfd,
          const char *to)
{
  REAL (renameat);
  FAIL_IF (CLASS_RENAME, to_dirfd, to, -1, -1);
  return real_renameat (from_dirfd, from, to_dirfd, to);
}

/* --- mmap --------------------------------------------------------------------------------- */

/* Only mappings of files: anonymous memory is not what the cases are about. */
#define INTERPOSE_MMAP(name, off_type) \
  EXPORT void * \
  name (void    *addr, \
        size_t   length, \
        int      prot, \
        int      flags, \
        int      fd, \
        off_type offset) \
  { \
    REAL (name); \
    if (fd >= 0 && !(flags & MAP_ANONYMOUS)) \
      FAIL_IF (CLASS_MMAP, -1, NULL, fd, MAP_FAILED); \
    return real_##name (addr, length, prot, flags, fd, offset); \
  }

INTERPOSE_MMAP (mmap, off_t)
INTERPOSE_MMAP (mmap64, off64_t)

/* --- sizing ------------------------------------------------------------------------------- */

/* posix_fallocate returns the error number instead of setting errno. */
#define INTERPOSE_POSIX_FALLOCATE(name, off_type) \
  EXPORT int \
  name (int      fd, \
        off_type offset, \
        off_type len) \
  { \
    REAL (name); \
    if (should_fail (CLASS_ALLOC, __func__, -1, NULL, fd)) \
      return fail_errno; \
    return real_##name (fd, offset, len); \
  }

INTERPOSE_POSIX_FALLOCATE (posix_fallocate, off_t)
INTERPOSE_POSIX_FALLOCATE (posix_fallocate64, off64_t)

EXPORT int
fallocate (int   fd,
           int   mode,
           off_t offset,
           off_t len)
{
  REAL (fallocate);
  FAIL_IF (CLASS_ALLOC, -1, NULL, fd, -1);
  return real_fallocate (fd, mode, offset, len);
}

EXPORT int
ftruncate (int   fd,
           off_t length)
{
  REAL (ftruncate);
  FAIL_IF (CLASS_ALLOC, -1, NULL, fd, -1);
  return real_ftruncate (fd, length);
}

/* --- close -------------------------------------------------------------------------------- */

EXPORT int
close (int fd)
{
  REAL (close);
  if (should_fail (CLASS_CLOSE, __func__, -1, NULL, fd))
    {
      /* Linux frees the descriptor even when close() reports an error. */
      real_close (fd);
      errno = fail_errno;
      return -1;
    }
  return real_close (fd);
}
