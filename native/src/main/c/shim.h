/*
 * blobds JNI shim: what the per-class files share. One SPDK environment per process: one SPDK thread
 * (the app thread, which loads every Blobstore and so runs all of their metadata operations) polled by
 * one dedicated pthread. A Java thread runs an operation by sending a message to that thread and
 * blocking on the call's semaphore until the operation's completion callback posts it.
 */
#ifndef BLOBDS_SHIM_H
#define BLOBDS_SHIM_H

#include <jni.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdbool.h>

#include "spdk/blob.h"
#include "spdk/thread.h"

#define SHIM_HIDDEN __attribute__((visibility("hidden")))

/* One blocking call: inputs, outputs and the semaphore the caller waits on. */
struct shim_call {
	sem_t done;
	int rc;
	void (*fn)(struct shim_call *call);
	void *p[4];
	uint64_t u[6];
	const char *s;
	void *out_ptr;
	uint64_t out_u[8];
};

/* A loaded Blobstore and the I/O channel of the app thread on it. */
struct shim_bs {
	struct spdk_blob_store *bs;
	struct spdk_bs_dev *dev;
	struct spdk_io_channel *channel;
	struct spdk_io_channel *dev_channel;
	uint64_t io_unit_size;
	char bstype[SPDK_BLOBSTORE_TYPE_LENGTH + 1];
};

/* Runs call->fn on the SPDK thread and waits for shim_complete; returns call->rc (negative errno). */
SHIM_HIDDEN int shim_run(struct shim_call *call);

/* How long a caller spins on its completion before sleeping (shim.c); set at start. */
SHIM_HIDDEN extern long g_shim_caller_spin_ns;

/*
 * Whether data buffers outside SPDK's memory map are copied through DMA-able memory (set at start: on
 * with PCI, where NVMe controllers read and write memory by physical address), and how often that
 * happened.
 */
SHIM_HIDDEN extern bool g_shim_dma_bounce;
SHIM_HIDDEN extern bool g_shim_no_huge;
SHIM_HIDDEN extern _Atomic long g_shim_dma_bounces;

/* CLOCK_MONOTONIC in nanoseconds. */
SHIM_HIDDEN long shim_now_ns(void);

/* Completes a call from the SPDK thread. */
SHIM_HIDDEN void shim_complete(struct shim_call *call, int rc);

/* A completion callback of the (void *arg, int bserrno) shape. */
SHIM_HIDDEN void shim_complete_cb(void *arg, int bserrno);

/* Whether the environment runs (else every operation returns -ENXIO). */
SHIM_HIDDEN bool shim_started(void);

/* Copies a Java string into malloc'd UTF-8 (NULL when s is NULL or on OOM, with an exception pending). */
SHIM_HIDDEN char *shim_string(JNIEnv *env, jstring s);

/* Stores v into out[index], a long[]; returns false with an exception pending when out is too short. */
SHIM_HIDDEN bool shim_set_long(JNIEnv *env, jlongArray out, jsize index, jlong v);

#endif
