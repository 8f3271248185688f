/*
 * buf.h - growable byte strings and allocators that never return NULL.
 *
 * Invariants (as git's strbuf): buf.s is never NULL and is always
 * NUL-terminated at buf.s[buf.len]; a buf initialised with BUF_INIT owns no
 * memory until something is added, so it needs no release on that path.
 * Lengths are in bytes. Text in a buf is UTF-8 unless stated otherwise.
 *
 * The x* allocators print a message and exit with EX_OSERR when memory runs
 * out, so callers need not check their result.
 */
#ifndef NEWSCTL_BUF_H
#define NEWSCTL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define NC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NC_NORETURN __attribute__((noreturn))
#else
#define NC_PRINTF(f, a)
#define NC_NORETURN
#endif

/* The number of elements of an array (not of a pointer). */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A macro's value as a string literal: NC_STR(25200) is "25200". */
#define NC_STR_(x) #x
#define NC_STR(x) NC_STR_(x)

extern char buf_empty[];

struct buf {
	char *s;
	size_t len;
	size_t cap;		/* 0 while s points at buf_empty */
};

#define BUF_INIT { buf_empty, 0, 0 }

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

void buf_init(struct buf *b);
/* Make room for at least extra more bytes (plus the terminating NUL). */
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, int c);
void buf_addf(struct buf *b, const char *fmt, ...) NC_PRINTF(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Set the length (<= cap) and write the terminating NUL. */
void buf_setlen(struct buf *b, size_t len);
void buf_reset(struct buf *b);
/* Free the memory and leave b as BUF_INIT. */
void buf_release(struct buf *b);
/* Hand the (NUL-terminated, malloc'd) string to the caller; b is reset. */
char *buf_detach(struct buf *b, size_t *len);
/* Remove ASCII white space at both ends. */
void buf_trim(struct buf *b);

#endif
