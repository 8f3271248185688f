/*
 * t-queue.c - the queue between ingest's threads: in order, bounded by
 * the bytes its items hold and by their number.
 */
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include "queue.h"
#include "tap.h"

#define MIB (1u << 20)
#define ITEMS 600

struct producer {
	struct queue *q;
	size_t size;		/* bytes of each item */
	size_t most;		/* the most bytes seen queued after a push */
	size_t most_count;
};

static void *produce(void *arg)
{
	struct producer *p = arg;

	for (uintptr_t i = 1; i <= ITEMS; i++) {
		queue_push(p->q, (void *)i, p->size);
		pthread_mutex_lock(&p->q->lock);
		if (p->q->bytes > p->most)
			p->most = p->q->bytes;
		if (p->q->count > p->most_count)
			p->most_count = p->q->count;
		pthread_mutex_unlock(&p->q->lock);
	}
	queue_close(p->q);
	return NULL;
}

/* Run ITEMS items of size bytes through a queue capped at cap bytes, the
 * consumer slower than the producer; 1 if they all came out in order. */
static int run(struct producer *p, size_t size, size_t cap)
{
	struct queue q;
	pthread_t tid;
	uintptr_t want = 1;
	void *item;
	int in_order = 1;

	queue_init(&q, cap);
	p->q = &q;
	p->size = size;
	p->most = p->most_count = 0;
	pthread_create(&tid, NULL, produce, p);
	while ((item = queue_pop(&q))) {
		struct timespec ts = { 0, 200000 };

		in_order &= (uintptr_t)item == want++;
		nanosleep(&ts, NULL);
	}
	pthread_join(tid, NULL);
	queue_destroy(&q);
	return in_order && want == ITEMS + 1;
}

int main(void)
{
	struct producer p;

	ok(run(&p, MIB, 8 * MIB), "600 items of 1 MiB come out in order");
	ok(p.most < 9 * MIB, "a queue capped at 8 MiB holds under 9 MiB "
	   "(most: %zu bytes)", p.most);
	ok(p.most >= 8 * MIB, "and fills up to its cap while the consumer "
	   "is slow (most: %zu bytes)", p.most);

	ok(run(&p, 64 * MIB, 8 * MIB),
	   "items over the cap pass one at a time");
	is_int((long long)p.most_count, 1, "never more than one such item");

	ok(run(&p, 1, 8 * MIB), "small items are bounded by count");
	ok(p.most_count <= QUEUE_SIZE, "at most QUEUE_SIZE items (most: %zu)",
	   p.most_count);
	return done_testing();
}
