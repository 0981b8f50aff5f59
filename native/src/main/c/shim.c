/*
 * The SPDK thread, its poller pthread and blocking calls; JNI_OnLoad (which puts the JVM's SIGBUS
 * handler back after SPDK's libraries replaced it while loading).
 */
#include "shim.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dlfcn.h>

#include "spdk/env.h"
#include "spdk/log.h"

/* The environment; shim_env.c (SpdkEnvironment.c) starts and stops it. */
extern struct spdk_thread *g_shim_app_thread;
extern atomic_bool g_shim_running;

/*
 * A caller first spins this long on its semaphore before sleeping on it: a malloc-bdev operation
 * completes in a few microseconds, while a futex sleep and wake-up costs tens of them on a VM. Kept
 * short because a spinning caller takes CPU from the poller on a busy 2-core machine. Set at start
 * (SpdkEnvironment.c, environment variable BLOBDS_SPDK_CALLER_SPIN_NS).
 */
SHIM_HIDDEN long g_shim_caller_spin_ns = 5000L;

SHIM_HIDDEN atomic_long g_shim_pending;
SHIM_HIDDEN pthread_mutex_t g_shim_wake_lock = PTHREAD_MUTEX_INITIALIZER;
SHIM_HIDDEN pthread_cond_t g_shim_wake = PTHREAD_COND_INITIALIZER;
/* Set by the poller (under g_shim_wake_lock) while it sleeps on g_shim_wake; a caller signals only then. */
SHIM_HIDDEN atomic_bool g_shim_poller_asleep;

bool
shim_started(void)
{
	return atomic_load(&g_shim_running);
}

SHIM_HIDDEN long
shim_now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000000000L + now.tv_nsec;
}

/* Spins up to g_shim_caller_spin_ns on sem; returns whether it was posted (and taken). */
static bool
shim_spin_wait(sem_t *sem)
{
	long until;
	int i;

	if (g_shim_caller_spin_ns <= 0) {
		return false;
	}
	until = shim_now_ns() + g_shim_caller_spin_ns;

	do {
		for (i = 0; i < 64; i++) {
			if (sem_trywait(sem) == 0) {
				return true;
			}
			spdk_pause();
		}
	} while (shim_now_ns() < until);
	return false;
}

static void
shim_dispatch(void *arg)
{
	struct shim_call *call = arg;

	call->fn(call);
}

int
shim_run(struct shim_call *call)
{
	int rc;

	if (!shim_started()) {
		return -ENXIO;
	}
	if (sem_init(&call->done, 0, 0) != 0) {
		return -errno;
	}
	atomic_fetch_add(&g_shim_pending, 1);
	rc = spdk_thread_send_msg(g_shim_app_thread, shim_dispatch, call);
	if (rc != 0) {
		atomic_fetch_sub(&g_shim_pending, 1);
		sem_destroy(&call->done);
		return rc;
	}
	if (atomic_load(&g_shim_poller_asleep)) {
		pthread_mutex_lock(&g_shim_wake_lock);
		pthread_cond_signal(&g_shim_wake);
		pthread_mutex_unlock(&g_shim_wake_lock);
	}
	if (!shim_spin_wait(&call->done)) {
		while (sem_wait(&call->done) != 0 && errno == EINTR) {
		}
	}
	sem_destroy(&call->done);
	return call->rc;
}

void
shim_complete(struct shim_call *call, int rc)
{
	call->rc = rc;
	atomic_fetch_sub(&g_shim_pending, 1);
	sem_post(&call->done);
}

void
shim_complete_cb(void *arg, int bserrno)
{
	shim_complete(arg, bserrno);
}

char *
shim_string(JNIEnv *env, jstring s)
{
	const char *utf;
	char *copy;

	if (s == NULL) {
		return NULL;
	}
	utf = (*env)->GetStringUTFChars(env, s, NULL);
	if (utf == NULL) {
		return NULL;
	}
	copy = strdup(utf);
	(*env)->ReleaseStringUTFChars(env, s, utf);
	if (copy == NULL) {
		jclass oom = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
		if (oom != NULL) {
			(*env)->ThrowNew(env, oom, "blobds shim: strdup");
		}
	}
	return copy;
}

bool
shim_set_long(JNIEnv *env, jlongArray out, jsize index, jlong v)
{
	if (out == NULL || (*env)->GetArrayLength(env, out) <= index) {
		jclass e = (*env)->FindClass(env, "java/lang/IllegalArgumentException");
		if (e != NULL) {
			(*env)->ThrowNew(env, e, "blobds shim: output array too short");
		}
		return false;
	}
	(*env)->SetLongArrayRegion(env, out, index, 1, &v);
	return true;
}

/*
 * Loading libspdk_env_dpdk.so ran an ELF constructor that replaced the JVM's SIGBUS handler without
 * chaining to it, so a MappedByteBuffer fault would hang the JVM instead of throwing InternalError.
 * HotSpot installs one handler, with the same flags and mask, for SIGSEGV, SIGBUS, SIGILL and SIGFPE:
 * SIGBUS gets that handler back. (SPDK's handler only serves PCI hot-remove.) Nothing is done when the
 * JVM runs with libjsig, which already chained SPDK's handler behind the JVM's.
 */
static void
shim_restore_jvm_sigbus(void)
{
	struct sigaction segv, bus;

	if (dlsym(RTLD_DEFAULT, "JVM_begin_signal_setting") != NULL) {
		return;
	}
	if (sigaction(SIGSEGV, NULL, &segv) != 0 || sigaction(SIGBUS, NULL, &bus) != 0) {
		return;
	}
	if ((segv.sa_flags & SA_SIGINFO) == 0 || segv.sa_sigaction == bus.sa_sigaction) {
		return;
	}
	sigaction(SIGBUS, &segv, NULL);
}

JNIEXPORT jint JNICALL
JNI_OnLoad(JavaVM *vm, void *reserved)
{
	(void)vm;
	(void)reserved;
	shim_restore_jvm_sigbus();
	return JNI_VERSION_1_8;
}
