/* decode.c - placeholder: UTF-8 only, until the decoders land. */
#include "decode.h"

#include <string.h>
#include <strings.h>

const char *decode_encoding_name(const char *name)
{
	return strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0
		? "UTF-8" : NULL;
}

enum nc_status decode_text(const unsigned char *bytes, size_t len,
			   const char *encoding, struct buf *out,
			   const char **used, struct nc_error *err)
{
	if (memchr(bytes, 0, len))
		return nc_fail(err, NC_EDATA, "binary data (NUL bytes)");
	buf_add(out, bytes, len);
	*used = "UTF-8";
	return NC_OK;
}
