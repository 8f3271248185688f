/*
 * scorer.h - the general content scorer: which elements of a page hold
 * its article, for sites without a rule.
 *
 * Our own design from the ideas of Readability, jusText, boilerpipe and
 * trafilatura: furniture is set aside first by tag (scripts, navigation,
 * forms), by hidden markers and by class and id words (comments, share
 * bars, related boxes, ads); each paragraph then scores by its length and
 * punctuation and hands its score to its parent and, halved, to its
 * grandparent and beyond; the element with the best score, damped by its
 * link density, is the article, together with its siblings that score
 * near it or read as running text.
 */
#ifndef NEWSCTL_SCORER_H
#define NEWSCTL_SCORER_H

#include <libxml/tree.h>
#include <stddef.h>

struct scorer;

/* Measure the tree under root (its nodes' _private fields are used). */
struct scorer *scorer_new(xmlNodePtr root);
void scorer_free(struct scorer *sc);

/*
 * The elements that hold the article, in document order (*n of them, in
 * a malloc'd array), or NULL when nothing scores.
 */
xmlNodePtr *scorer_pick(struct scorer *sc, size_t *n);

/*
 * How many of the strong candidates scorer_pick() saw are teasers of one
 * list, besides one: short blocks with a headline link, named alike (same
 * tag and class), each in a wrapper of its own, alike the best candidate
 * or inside it.
 */
int scorer_repeated(const struct scorer *sc);

/* Never text: scripts, styles, forms' controls, hidden elements. */
int scorer_is_junk(xmlNodePtr n, const char *tag);
/* Furniture inside a chosen body: boilerplate classes, link lists. */
int scorer_is_furniture(struct scorer *sc, xmlNodePtr n, const char *tag);

#endif
