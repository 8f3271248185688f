/*
 * hash.c - SHA-256 through nettle; see hash.h.
 */
#include "hash.h"

void hash_init(struct hash_ctx *h)
{
	sha256_init(&h->sha);
}

void hash_update(struct hash_ctx *h, const void *data, size_t len)
{
	sha256_update(&h->sha, len, data);
}

void hash_final(struct hash_ctx *h, char hex[HASH_HEX_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[HASH_SIZE];

	sha256_digest(&h->sha, sizeof(d), d);
	for (int i = 0; i < HASH_SIZE; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[HASH_HEX_LEN] = '\0';
}

void hash_hex(const void *data, size_t len, char hex[HASH_HEX_LEN + 1])
{
	struct hash_ctx h;

	hash_init(&h);
	hash_update(&h, data, len);
	hash_final(&h, hex);
}

void hash_digest(const void *data, size_t len, unsigned char d[HASH_SIZE])
{
	struct sha256_ctx h;

	sha256_init(&h);
	sha256_update(&h, len, data);
	sha256_digest(&h, HASH_SIZE, d);
}
