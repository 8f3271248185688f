/*
 * queue.c - the bounded producer-consumer queue of queue.h.
 */
#include "queue.h"

void queue_init(struct queue *q, size_t max_bytes)
{
	q->bytes = 0;
	q->max_bytes = max_bytes;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->not_empty, NULL);
	pthread_cond_init(&q->not_full, NULL);
	q->head = q->count = 0;
	q->closed = q->failed = 0;
}

void queue_destroy(struct queue *q)
{
	pthread_cond_destroy(&q->not_full);
	pthread_cond_destroy(&q->not_empty);
	pthread_mutex_destroy(&q->lock);
}

/* Whether q can take no more now; under q->lock. */
static int full(const struct queue *q)
{
	return q->count == QUEUE_SIZE ||
	       (q->count > 0 && q->bytes >= q->max_bytes);
}

int queue_push(struct queue *q, void *item, size_t size)
{
	int failed;

	pthread_mutex_lock(&q->lock);
	while (full(q) && !q->failed)
		pthread_cond_wait(&q->not_full, &q->lock);
	failed = q->failed;
	if (!failed) {
		size_t at = (q->head + q->count++) % QUEUE_SIZE;

		q->items[at] = item;
		q->sizes[at] = size;
		q->bytes += size;
		pthread_cond_signal(&q->not_empty);
	}
	pthread_mutex_unlock(&q->lock);
	return failed;
}

void queue_close(struct queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = 1;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
}

void *queue_pop(struct queue *q)
{
	void *item = NULL;

	pthread_mutex_lock(&q->lock);
	while (q->count == 0 && !q->closed)
		pthread_cond_wait(&q->not_empty, &q->lock);
	if (q->count) {
		item = q->items[q->head];
		q->bytes -= q->sizes[q->head];
		q->head = (q->head + 1) % QUEUE_SIZE;
		q->count--;
		pthread_cond_signal(&q->not_full);
	}
	pthread_mutex_unlock(&q->lock);
	return item;
}

void queue_fail(struct queue *q, int status)
{
	pthread_mutex_lock(&q->lock);
	q->failed = status;
	pthread_cond_broadcast(&q->not_full);
	pthread_mutex_unlock(&q->lock);
}
