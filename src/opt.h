/*
 * opt.h - declarative command-line options.
 *
 * Each command describes its options in a table; opt_parse() reads argv
 * with it and prints the command's help from the same table, so the two
 * cannot drift apart.
 *
 *	static const struct opt opts[] = {
 *		OPT_FLAG('q', "quiet", &quiet, "print nothing but errors"),
 *		OPT_STRING(0, "source", &source, "NAME", "record NAME as the source"),
 *		OPT_END(),
 *	};
 */
#ifndef NEWSCTL_OPT_H
#define NEWSCTL_OPT_H

#include <stdio.h>

enum opt_type {
	OPT_TYPE_END,
	OPT_TYPE_FLAG,		/* int *: set to 1 */
	OPT_TYPE_STRING,	/* const char **: the argument */
	OPT_TYPE_LIST,		/* struct opt_list *: every argument, in order */
	OPT_TYPE_INT,		/* long long *: a whole number >= 0 */
	OPT_TYPE_SIZE,		/* long long *: bytes, with K, M or G suffix */
	OPT_TYPE_KEYWORD,	/* int *: value of the keyword named */
};

struct opt_keyword {
	const char *name;
	int value;
};

struct opt_list {
	const char **items;
	int n;
};

struct opt {
	enum opt_type type;
	int short_name;
	const char *long_name;
	void *value;
	const char *argh;	/* argument name in help, e.g. "PATH" */
	const char *help;
	const struct opt_keyword *keywords;	/* OPT_TYPE_KEYWORD only */
};

#define OPT_FLAG(s, l, v, h) { OPT_TYPE_FLAG, (s), (l), (v), NULL, (h), NULL }
#define OPT_STRING(s, l, v, a, h) { OPT_TYPE_STRING, (s), (l), (v), (a), (h), NULL }
#define OPT_LIST(s, l, v, a, h) { OPT_TYPE_LIST, (s), (l), (v), (a), (h), NULL }
#define OPT_INT(s, l, v, a, h) { OPT_TYPE_INT, (s), (l), (v), (a), (h), NULL }
#define OPT_SIZE(s, l, v, a, h) { OPT_TYPE_SIZE, (s), (l), (v), (a), (h), NULL }
#define OPT_KEYWORD(s, l, v, a, h, k) { OPT_TYPE_KEYWORD, (s), (l), (v), (a), (h), (k) }
#define OPT_END() { OPT_TYPE_END, 0, NULL, NULL, NULL, NULL, NULL }

#define OPT_HELP (-2)

/*
 * Parse argv[1 .. argc-1] (argv[0] names the command, as in "ingest").
 * Options may stand anywhere before "--"; a lone "-" is an argument. The
 * other arguments are moved, in order, to argv[0 ..] and their count is
 * returned. On a bad option a one-line message is printed and -1 returned;
 * for -h or --help the help text is printed on stdout and OPT_HELP
 * returned. usage is the synopsis line(s) printed first.
 */
int opt_parse(const struct opt *opts, const char *usage, int argc,
	      char **argv);

/* Print the synopsis and the option table to fp. */
void opt_usage(const struct opt *opts, const char *usage, FILE *fp);

/* Free what OPT_TYPE_LIST options collected. */
void opt_list_release(struct opt_list *list);

#endif
