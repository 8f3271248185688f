/*
 * hash.h - SHA-256 (nettle) as lowercase hex.
 */
#ifndef NEWSCTL_HASH_H
#define NEWSCTL_HASH_H

#include <stddef.h>

#include <nettle/sha2.h>

#define HASH_SIZE 32		/* bytes of a SHA-256 digest */
#define HASH_HEX_LEN (2 * HASH_SIZE)

struct hash_ctx {
	struct sha256_ctx sha;
};

void hash_init(struct hash_ctx *h);
void hash_update(struct hash_ctx *h, const void *data, size_t len);
/* Write 64 hex digits and a NUL into hex. */
void hash_final(struct hash_ctx *h, char hex[HASH_HEX_LEN + 1]);
/* The SHA-256 of len bytes of data, as bytes. */
void hash_digest(const void *data, size_t len, unsigned char d[HASH_SIZE]);
/* The hex SHA-256 of len bytes of data. */
void hash_hex(const void *data, size_t len, char hex[HASH_HEX_LEN + 1]);

#endif
