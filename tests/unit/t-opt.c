/*
 * t-opt.c - the option parser: flags, values, clusters, "--", numbers
 * and sizes, keywords, and what it refuses.
 */
#include <string.h>

#include "opt.h"
#include "tap.h"

static int flag, color;
static const char *name;
static long long num, size;
static struct opt_list list;

static const struct opt_keyword colors[] = {
	{ "never", 0 }, { "always", 1 }, { NULL, 0 } };

static const struct opt opts[] = {
	OPT_FLAG('q', "quiet", &flag, "quiet"),
	OPT_STRING('s', "source", &name, "NAME", "a source"),
	OPT_INT('n', "limit", &num, "N", "a number"),
	OPT_SIZE(0, "max-size", &size, "SIZE", "a size"),
	OPT_LIST(0, "field", &list, "F", "many"),
	OPT_KEYWORD(0, "color", &color, "WHEN", "colour", colors),
	OPT_END(),
};

/* Parse the words of line (at most 15) as argv; returns opt_parse's. */
static int parse(const char *line, char **argv)
{
	static char buf[256];
	int argc = 0;

	flag = color = 0;
	name = NULL;
	num = size = 0;
	opt_list_release(&list);
	strcpy(buf, line);
	for (char *w = strtok(buf, " "); w && argc < 15; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	return opt_parse(opts, "usage: t", argc, argv);
}

int main(void)
{
	char *argv[16];

	is_int(parse("cmd a -q b", argv), 2, "options anywhere; two arguments");
	ok(flag && !strcmp(argv[0], "a") && !strcmp(argv[1], "b"),
	   "the flag is set and the arguments moved to the front in order");
	is_int(parse("cmd --source=X --limit 5 -n7", argv), 0, "values");
	ok(!strcmp(name, "X") && num == 7, "--x=v, --x v, -xv; the last wins");
	is_int(parse("cmd -qs Y", argv), 0, "a cluster ending in a value");
	ok(flag && !strcmp(name, "Y"), "-qs Y sets both");
	is_int(parse("cmd -- -q -", argv), 2, "after --, all are arguments");
	ok(!flag && !strcmp(argv[0], "-q") && !strcmp(argv[1], "-"),
	   "including -q, and a lone -");
	is_int(parse("cmd --max-size 2MiB --field a --field b", argv), 0,
	       "sizes and lists");
	is_int(size, 2LL << 20, "2MiB is 2097152 bytes");
	ok(list.n == 2 && !strcmp(list.items[1], "b"), "a list keeps all");
	is_int(parse("cmd --color always", argv), 0, "a keyword");
	is_int(color, 1, "its value");
	is_int(parse("cmd --color sometimes", argv), -1, "an unknown keyword");
	is_int(parse("cmd --nope", argv), -1, "an unknown option");
	is_int(parse("cmd -x", argv), -1, "an unknown short option");
	is_int(parse("cmd --limit", argv), -1, "a value missing");
	is_int(parse("cmd --limit x", argv), -1, "a number that is not one");
	is_int(parse("cmd --limit -3", argv), -1, "a negative number");
	is_int(parse("cmd --max-size 3T", argv), -1, "an unknown suffix");
	is_int(parse("cmd --quiet=1", argv), -1, "a flag given a value");
	opt_list_release(&list);
	return done_testing();
}
