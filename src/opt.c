/*
 * opt.c - declarative command-line options; see opt.h.
 */
#include "opt.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"

static const struct opt *find_long(const struct opt *opts, const char *name,
				   size_t len)
{
	for (; opts->type != OPT_TYPE_END; opts++)
		if (opts->long_name && strlen(opts->long_name) == len &&
		    !strncmp(opts->long_name, name, len))
			return opts;
	return NULL;
}

static const struct opt *find_short(const struct opt *opts, int c)
{
	for (; opts->type != OPT_TYPE_END; opts++)
		if (opts->short_name == c)
			return opts;
	return NULL;
}

/* "unknown option 'opt'" or "option 'opt' what". */
static void opt_error(const char *cmd, const char *opt, const char *what)
{
	if (what)
		nc_warn("option '%s' %s (see 'newsctl %s --help')", opt,
			what, cmd);
	else
		nc_warn("unknown option '%s' (see 'newsctl %s --help')", opt,
			cmd);
}

/* Read a whole number with an optional K/M/G suffix (sizes only). */
static int parse_number(const char *s, int with_suffix, long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || errno || v < 0)
		return -1;
	if (with_suffix && *end) {
		long long mul = 1;
		switch (*end) {
		case 'k': case 'K': mul = 1LL << 10; break;
		case 'm': case 'M': mul = 1LL << 20; break;
		case 'g': case 'G': mul = 1LL << 30; break;
		default: return -1;
		}
		end++;
		if (*end == 'i')
			end++;
		if (*end == 'B')
			end++;
		if (v > (1LL << 62) / mul)
			return -1;
		v *= mul;
	}
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/* Store arg into the option's value; returns -1 on a bad argument. */
static int set_value(const char *cmd, const struct opt *o, const char *arg)
{
	const struct opt_keyword *k;
	struct opt_list *list;

	switch (o->type) {
	case OPT_TYPE_FLAG:
		*(int *)o->value = 1;
		return 0;
	case OPT_TYPE_STRING:
		*(const char **)o->value = arg;
		return 0;
	case OPT_TYPE_LIST:
		list = o->value;
		list->items = xrealloc(list->items,
				       (size_t)(list->n + 1) * sizeof(char *));
		list->items[list->n++] = arg;
		return 0;
	case OPT_TYPE_INT:
	case OPT_TYPE_SIZE:
		if (parse_number(arg, o->type == OPT_TYPE_SIZE, o->value)) {
			nc_warn("--%s: '%s' is not a %s", o->long_name, arg,
				o->type == OPT_TYPE_SIZE ? "size" : "number");
			return -1;
		}
		return 0;
	case OPT_TYPE_KEYWORD:
		for (k = o->keywords; k->name; k++)
			if (!strcmp(k->name, arg)) {
				*(int *)o->value = k->value;
				return 0;
			}
		{
			struct buf names = BUF_INIT;

			for (k = o->keywords; k->name; k++)
				buf_addf(&names, " %s", k->name);
			nc_warn("--%s: unknown value '%s' (one of:%s)",
				o->long_name, arg, names.s);
			buf_release(&names);
		}
		return -1;
	case OPT_TYPE_END:
		break;
	}
	return -1;
}

int opt_parse(const struct opt *opts, const char *usage, int argc,
	      char **argv)
{
	const char *cmd = argv[0];
	int nargs = 0, i;

	for (i = 1; i < argc; i++) {
		char *a = argv[i];
		const struct opt *o;
		const char *arg = NULL;

		if (!strcmp(a, "--")) {
			for (i++; i < argc; i++)
				argv[nargs++] = argv[i];
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			argv[nargs++] = a;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			opt_usage(opts, usage, stdout);
			return OPT_HELP;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);

			o = find_long(opts, name, len);
			if (!o) {
				opt_error(cmd, a, NULL);
				return -1;
			}
			if (o->type == OPT_TYPE_FLAG) {
				if (eq) {
					opt_error(cmd, a, "takes no value");
					return -1;
				}
			} else if (eq) {
				arg = eq + 1;
			} else if (i + 1 < argc) {
				arg = argv[++i];
			} else {
				opt_error(cmd, a, "needs a value");
				return -1;
			}
			if (set_value(cmd, o, arg))
				return -1;
			continue;
		}
		/* A cluster of short options: -qv, -n5, -n 5. */
		for (char *p = a + 1; *p; p++) {
			char one[3] = { '-', *p, '\0' };

			o = find_short(opts, (unsigned char)*p);
			if (!o) {
				opt_error(cmd, one, NULL);
				return -1;
			}
			if (o->type == OPT_TYPE_FLAG) {
				set_value(cmd, o, NULL);
				continue;
			}
			if (p[1])
				arg = p + 1;
			else if (i + 1 < argc)
				arg = argv[++i];
			else {
				opt_error(cmd, one, "needs a value");
				return -1;
			}
			if (set_value(cmd, o, arg))
				return -1;
			break;
		}
	}
	return nargs;
}

void opt_usage(const struct opt *opts, const char *usage, FILE *fp)
{
	fprintf(fp, "%s\n", usage);
	if (opts->type != OPT_TYPE_END)
		fputs("\nOptions:\n", fp);
	for (; opts->type != OPT_TYPE_END; opts++) {
		struct buf b = BUF_INIT;

		if (opts->short_name)
			buf_addf(&b, "-%c, ", opts->short_name);
		else
			buf_adds(&b, "    ");
		buf_addf(&b, "--%s", opts->long_name);
		if (opts->type != OPT_TYPE_FLAG)
			buf_addf(&b, " %s", opts->argh ? opts->argh : "VALUE");
		fprintf(fp, "  %-26s %s\n", b.s, opts->help);
		buf_release(&b);
	}
	fputs("  -h, --help                 show this help\n", fp);
}

void opt_list_release(struct opt_list *list)
{
	free(list->items);
	list->items = NULL;
	list->n = 0;
}
