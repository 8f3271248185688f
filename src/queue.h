/*
 * queue.h - a bounded queue between one producer thread and one consumer
 * thread, in order. The consumer can fail, which stops the producer at its
 * next push; the producer closes the queue when it has no more.
 *
 * The queue is bounded by the bytes its items hold (as the producer
 * counts them) as well as by their number: a push waits while the items
 * queued hold max_bytes or more, so memory stays near max_bytes plus one
 * item however large the items are. An item alone in the queue is always
 * taken, whatever its size.
 */
#ifndef NEWSCTL_QUEUE_H
#define NEWSCTL_QUEUE_H

#include <pthread.h>
#include <stddef.h>

#define QUEUE_SIZE 256

struct queue {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	void *items[QUEUE_SIZE];
	size_t sizes[QUEUE_SIZE];	/* bytes of each item */
	size_t head, count;
	size_t bytes, max_bytes;	/* held by the queued items; the cap */
	int closed;		/* the producer has finished */
	int failed;		/* the consumer's failure status, or 0 */
};

void queue_init(struct queue *q, size_t max_bytes);
void queue_destroy(struct queue *q);

/* Producer: add item, which holds size bytes, waiting while the queue is
 * full. Returns 0, or the consumer's failure status (then item was not
 * added). */
int queue_push(struct queue *q, void *item, size_t size);

/* Producer: no more items. */
void queue_close(struct queue *q);

/* Consumer: the next item, waiting for one; NULL once the queue is closed
 * and empty. */
void *queue_pop(struct queue *q);

/* Consumer: stop the producer with status (non-zero); items still queued
 * can be popped. */
void queue_fail(struct queue *q, int status);

#endif
