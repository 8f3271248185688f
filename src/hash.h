/*
 * hash.h - SHA-256 (nettle) as lowercase hex.
 */
#ifndef NEWSCTL_HASH_H
#define NEWSCTL_HASH_H

#include <stddef.h>

#include <nettle/sha2.h>

#define HASH_HEX_LEN 64

struct hash_ctx {
	struct sha256_ctx sha;
};

void hash_init(struct hash_ctx *h);
void hash_update(struct hash_ctx *h, const void *data, size_t len);
/* Write 64 hex digits and a NUL into hex. */
void hash_final(struct hash_ctx *h, char hex[HASH_HEX_LEN + 1]);
/* The hex SHA-256 of len bytes of data. */
void hash_hex(const void *data, size_t len, char hex[HASH_HEX_LEN + 1]);

#endif
