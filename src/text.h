/*
 * text.h - small UTF-8 matching helpers shared by the parsers.
 */
#ifndef NEWSCTL_TEXT_H
#define NEWSCTL_TEXT_H

#include <stddef.h>

/*
 * Bytes at the start of s (len bytes) that match pat (NUL-terminated UTF-8)
 * code point by code point under simple case folding, or 0.
 */
size_t text_ci_prefix(const char *s, size_t len, const char *pat);

/* Does a letter or digit start s (len bytes)? */
int text_alnum_at(const char *s, size_t len);

/* As text_ci_prefix(), but the match must end at a word boundary (no
 * letter or digit follows it). */
size_t text_ci_word(const char *s, size_t len, const char *pat);

/* Length of the white space at s (len bytes): ASCII white space, NBSP,
 * zero-width space, BOM; 0 when none starts there. */
size_t text_space_at(const char *s, size_t len);

/* Trim white space (text_space_at()) from both ends of *s, *len. */
void text_trim(const char **s, size_t *len);

#endif
