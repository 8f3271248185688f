/*
 * http.h - the HTTP response a WARC response record holds: status line,
 * headers, and the payload with the transfer and content encodings undone.
 */
#ifndef NEWSCTL_HTTP_H
#define NEWSCTL_HTTP_H

#include <stddef.h>

#include "buf.h"
#include "err.h"

struct http_response {
	int status;		/* 200, 404...; 0 before parsing */
	char *content_type;	/* the Content-Type header, or NULL */
	char *location;		/* the Location header, or NULL */
	struct buf body;	/* the payload, decoded */
};

void http_response_init(struct http_response *h);
void http_response_release(struct http_response *h);

/*
 * Parse the len bytes of an HTTP/1.x response message at msg into *h.
 * Chunked transfer encoding is undone (a body that does not start with a
 * chunk size is taken as already de-chunked, as some crawlers store it);
 * gzip, x-gzip, deflate and br content encodings are undone (a body that
 * is not in the encoding its header claims is taken as it is). The
 * decoded body may not grow past max_body bytes (NC_ETOOBIG: a bomb or
 * a page over the cap). NC_EDATA for a message that is not an HTTP
 * response, invalid chunks, or damaged compressed data.
 */
enum nc_status http_parse_response(const unsigned char *msg, size_t len,
				   size_t max_body, struct http_response *h,
				   struct nc_error *err);

/*
 * The value of parameter "charset" in a Content-Type value, copied into
 * out (size bytes) without quotes; "" when there is none.
 */
void http_charset(const char *content_type, char *out, size_t size);

#endif
