/* date.c - placeholder until the date reader lands. */
#include "date.h"

#include <string.h>

int date_parse(const char *s, size_t len, int whole, char out[DATE_ISO_MAX])
{
	(void)s; (void)len; (void)whole;
	out[0] = '\0';
	return 0;
}

int date_parse_bound(const char *s, char out[DATE_ISO_MAX])
{
	return date_parse(s, strlen(s), 1, out);
}
