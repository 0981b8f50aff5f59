/*
 * Natives of io.github.blobds.spdk.SpdkEnvironment: start SPDK's env (without PCI or huge pages when
 * asked) keeping the calling thread's CPU affinity and the JVM's SIGBUS handler, one SPDK thread polled
 * by a dedicated pthread with an idle back-off, the subsystems (bdev and what it needs), bdevs from
 * JSON configs, bdev deletion, and a clean stop.
 */
#define _GNU_SOURCE
#include "shim.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "spdk/bdev.h"
#include "spdk/bdev_module.h"
#include "spdk/env.h"
#include "spdk/init.h"
#include "spdk/log.h"
#include "spdk/rpc.h"
#include "spdk/thread.h"

#include <rte_eal.h>

#define MAX_THREADS 16
/* Idle polls of a thread with calls pending before the poller backs off for BACKOFF_NS. */
#define SPIN_POLLS 2000
#define BACKOFF_NS 50000L
/* With nothing pending, the poller waits at most this long (timed pollers still run). */
#define IDLE_WAIT_NS 1000000L
/*
 * After its last piece of work the poller keeps polling this long before it sleeps, so that the next
 * call of a burst (a BlobFS operation is several calls in a row) finds it awake instead of paying a
 * futex wake-up (about 25 of the 30 us a 4 KiB malloc-bdev call took without it; docs/spdk.md). An idle
 * environment still costs nothing beyond one poll per IDLE_WAIT_NS. Environment variables
 * BLOBDS_SPDK_LINGER_NS and BLOBDS_SPDK_CALLER_SPIN_NS (read at start; 0 turns either off) override
 * this and the caller's spin (shim.c).
 */
#define LINGER_NS 50000L

SHIM_HIDDEN struct spdk_thread *g_shim_app_thread;
SHIM_HIDDEN atomic_bool g_shim_running;
SHIM_HIDDEN bool g_shim_dma_bounce;
SHIM_HIDDEN bool g_shim_no_huge;
SHIM_HIDDEN atomic_long g_shim_dma_bounces;

extern atomic_long g_shim_pending;
extern pthread_mutex_t g_shim_wake_lock;
extern pthread_cond_t g_shim_wake;
extern atomic_bool g_shim_poller_asleep;

static pthread_mutex_t g_threads_lock = PTHREAD_MUTEX_INITIALIZER;
static struct spdk_thread *g_threads[MAX_THREADS];
static int g_thread_count;
static pthread_t g_poller;
static atomic_bool g_poller_stop;
static bool g_env_initialized;
static long g_linger_ns = LINGER_NS;
static char g_runtime_dir[4096];

/* A non-negative number of nanoseconds from the environment, else fallback. */
static long
env_ns(const char *name, long fallback)
{
	const char *value = getenv(name);
	char *end;
	long ns;

	if (value == NULL || *value == '\0') {
		return fallback;
	}
	ns = strtol(value, &end, 10);
	return *end == '\0' && ns >= 0 ? ns : fallback;
}

static int
schedule_thread(struct spdk_thread *thread)
{
	int rc = -ENOMEM;

	pthread_mutex_lock(&g_threads_lock);
	if (g_thread_count < MAX_THREADS) {
		g_threads[g_thread_count++] = thread;
		rc = 0;
	}
	pthread_mutex_unlock(&g_threads_lock);
	return rc;
}

/* Polls every SPDK thread; destroys the ones that exited. Returns whether any did work. */
static bool
poll_threads(void)
{
	bool busy = false;
	int i;

	pthread_mutex_lock(&g_threads_lock);
	for (i = 0; i < g_thread_count; i++) {
		struct spdk_thread *t = g_threads[i];

		if (spdk_thread_poll(t, 0, 0) > 0) {
			busy = true;
		}
		if (spdk_thread_is_exited(t) && t != g_shim_app_thread) {
			spdk_thread_destroy(t);
			g_threads[i--] = g_threads[--g_thread_count];
		}
	}
	pthread_mutex_unlock(&g_threads_lock);
	return busy;
}

static void *
poller_main(void *arg)
{
	long idle = 0;
	long last_work = shim_now_ns();

	(void)arg;
	while (!atomic_load(&g_poller_stop)) {
		if (poll_threads()) {
			idle = 0;
			last_work = shim_now_ns();
			continue;
		}
		if (atomic_load(&g_shim_pending) > 0) {
			if (++idle > SPIN_POLLS) {
				struct timespec backoff = { 0, BACKOFF_NS };

				nanosleep(&backoff, NULL);
			}
			continue;
		}
		idle = 0;
		if (shim_now_ns() - last_work < g_linger_ns) {
			spdk_pause();
			continue;
		}
		pthread_mutex_lock(&g_shim_wake_lock);
		/* Callers increment g_shim_pending, then read g_shim_poller_asleep (both sequentially
		 * consistent): either this sees their call or they see the flag and signal. */
		atomic_store(&g_shim_poller_asleep, true);
		if (atomic_load(&g_shim_pending) == 0 && !atomic_load(&g_poller_stop)) {
			struct timespec until;

			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += IDLE_WAIT_NS;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&g_shim_wake, &g_shim_wake_lock, &until);
		}
		atomic_store(&g_shim_poller_asleep, false);
		pthread_mutex_unlock(&g_shim_wake_lock);
	}
	return NULL;
}

/* Runs fn on the app thread before g_shim_running is set (start-up and shut-down only). */
static int
run_always(struct shim_call *call)
{
	bool was = atomic_exchange(&g_shim_running, true);
	int rc = shim_run(call);

	atomic_store(&g_shim_running, was);
	return rc;
}

static void
subsystems_started(int rc, void *arg)
{
	if (rc == 0) {
		spdk_rpc_set_state(SPDK_RPC_RUNTIME);
	}
	shim_complete(arg, rc);
}

/* u[0..2]: iobuf small pool, iobuf large pool, bdev_io pool (0 keeps SPDK's default). */
static void
start_subsystems(struct shim_call *call)
{
	struct spdk_iobuf_opts iobuf;
	struct spdk_bdev_opts bdev;
	int rc;

	spdk_iobuf_get_opts(&iobuf, sizeof(iobuf));
	if (call->u[0] > 0) {
		iobuf.small_pool_count = call->u[0];
	}
	if (call->u[1] > 0) {
		iobuf.large_pool_count = call->u[1];
	}
	rc = spdk_iobuf_set_opts(&iobuf);
	if (rc != 0) {
		shim_complete(call, rc);
		return;
	}
	spdk_bdev_get_opts(&bdev, sizeof(bdev));
	if (call->u[2] > 0) {
		bdev.bdev_io_pool_size = (uint32_t)call->u[2];
		if (bdev.bdev_io_cache_size * 2 > bdev.bdev_io_pool_size) {
			bdev.bdev_io_cache_size = bdev.bdev_io_pool_size / 8;
		}
		if (bdev.iobuf_small_cache_size * 2 > iobuf.small_pool_count) {
			bdev.iobuf_small_cache_size = (uint32_t)(iobuf.small_pool_count / 8);
		}
		if (bdev.iobuf_large_cache_size * 2 > iobuf.large_pool_count) {
			bdev.iobuf_large_cache_size = (uint32_t)(iobuf.large_pool_count / 8);
		}
	}
	rc = spdk_bdev_set_opts(&bdev);
	if (rc != 0) {
		shim_complete(call, rc);
		return;
	}
	spdk_subsystem_init(subsystems_started, call);
}

static void
subsystems_stopped(void *arg)
{
	shim_complete(arg, 0);
}

static void
stop_subsystems(struct shim_call *call)
{
	spdk_rpc_finish();
	spdk_subsystem_fini(subsystems_stopped, call);
}

static void
exit_app_thread(struct shim_call *call)
{
	spdk_thread_exit(spdk_get_thread());
	shim_complete(call, 0);
}

static void
config_loaded(int rc, void *arg)
{
	shim_complete(arg, rc);
}

static void
load_config(struct shim_call *call)
{
	spdk_subsystem_load_config(call->p[0], (ssize_t)call->u[0], config_loaded, call, true);
}

static void
bdev_unregistered(void *arg, int rc)
{
	shim_complete(arg, rc);
}

static void
delete_bdev(struct shim_call *call)
{
	struct spdk_bdev *bdev = spdk_bdev_get_by_name(call->s);

	if (bdev == NULL) {
		shim_complete(call, -ENODEV);
		return;
	}
	spdk_bdev_unregister(bdev, bdev_unregistered, call);
}

static void
bdev_info(struct shim_call *call)
{
	struct spdk_bdev *bdev = spdk_bdev_get_by_name(call->s);

	if (bdev == NULL) {
		shim_complete(call, -ENODEV);
		return;
	}
	call->out_u[0] = spdk_bdev_get_num_blocks(bdev);
	call->out_u[1] = spdk_bdev_get_block_size(bdev);
	shim_complete(call, 0);
}

/* out_ptr = the names of all bdevs, each followed by '\n' (malloc'd). */
static void
bdev_names(struct shim_call *call)
{
	struct spdk_bdev *bdev;
	size_t len = 1, at = 0;
	char *names;

	for (bdev = spdk_bdev_first(); bdev != NULL; bdev = spdk_bdev_next(bdev)) {
		len += strlen(spdk_bdev_get_name(bdev)) + 1;
	}
	names = malloc(len);
	if (names == NULL) {
		shim_complete(call, -ENOMEM);
		return;
	}
	for (bdev = spdk_bdev_first(); bdev != NULL; bdev = spdk_bdev_next(bdev)) {
		const char *name = spdk_bdev_get_name(bdev);
		size_t n = strlen(name);

		if (at + n + 1 >= len) {
			break; /* a bdev registered between the two walks: leave it out */
		}
		memcpy(names + at, name, n);
		names[at + n] = '\n';
		at += n + 1;
	}
	names[at] = '\0';
	call->out_ptr = names;
	shim_complete(call, 0);
}

static void
bdev_event(enum spdk_bdev_event_type type, struct spdk_bdev *bdev, void *ctx)
{
	(void)type;
	(void)bdev;
	(void)ctx;
}

/*
 * A raw read or write-zeroes of a bdev: s name; p[0] desc, p[1] channel (set here), p[2] DMA buffer
 * (reads); u[0] offset, u[1] length in bytes; u[2] 0 read, 1 write zeroes.
 */
static void
bdev_io_done(struct spdk_bdev_io *io, bool success, void *arg)
{
	struct shim_call *call = arg;

	spdk_bdev_free_io(io);
	spdk_put_io_channel(call->p[1]);
	spdk_bdev_close(call->p[0]);
	shim_complete(call, success ? 0 : -EIO);
}

static void
bdev_io(struct shim_call *call)
{
	struct spdk_bdev_desc *desc;
	struct spdk_io_channel *channel;
	bool write = call->u[2] != 0;
	int rc;

	rc = spdk_bdev_open_ext(call->s, write, bdev_event, NULL, &desc);
	if (rc != 0) {
		shim_complete(call, rc);
		return;
	}
	channel = spdk_bdev_get_io_channel(desc);
	if (channel == NULL) {
		spdk_bdev_close(desc);
		shim_complete(call, -ENOMEM);
		return;
	}
	call->p[0] = desc;
	call->p[1] = channel;
	if (write) {
		rc = spdk_bdev_write_zeroes(desc, channel, call->u[0], call->u[1], bdev_io_done, call);
	} else {
		rc = spdk_bdev_read(desc, channel, call->p[2], call->u[0], call->u[1], bdev_io_done, call);
	}
	if (rc != 0) {
		spdk_put_io_channel(channel);
		spdk_bdev_close(desc);
		shim_complete(call, rc);
	}
}

/* Checks that [offset, offset + length) is on bdev name in whole blocks; 0, -ENODEV or -EINVAL. */
static int
bdev_range(const char *name, int64_t offset, int64_t length, bool round_up, uint64_t *rounded)
{
	struct shim_call info = {0};
	uint64_t size, block_size;
	int rc;

	info.fn = bdev_info;
	info.s = name;
	rc = shim_run(&info);
	if (rc != 0) {
		return rc;
	}
	block_size = info.out_u[1];
	size = info.out_u[0] * block_size;
	if (offset < 0 || length < 0 || (uint64_t)offset > size || (uint64_t)offset % block_size != 0) {
		return -EINVAL;
	}
	*rounded = round_up ? ((uint64_t)length + block_size - 1) / block_size * block_size : (uint64_t)length;
	if (*rounded % block_size != 0 || *rounded > size - (uint64_t)offset) {
		return -EINVAL;
	}
	return 0;
}

static void
stop_poller(void)
{
	atomic_store(&g_poller_stop, true);
	pthread_mutex_lock(&g_shim_wake_lock);
	pthread_cond_signal(&g_shim_wake);
	pthread_mutex_unlock(&g_shim_wake_lock);
	pthread_join(g_poller, NULL);
}

/* Drives the app thread to its end on the calling thread, then the thread library. */
static void
finish_threads(void)
{
	int i;

	for (i = 0; i < 100000; i++) {
		bool exited = true;
		int j;

		poll_threads();
		pthread_mutex_lock(&g_threads_lock);
		for (j = 0; j < g_thread_count; j++) {
			if (!spdk_thread_is_exited(g_threads[j])) {
				exited = false;
			}
		}
		pthread_mutex_unlock(&g_threads_lock);
		if (exited) {
			break;
		}
	}
	pthread_mutex_lock(&g_threads_lock);
	for (i = 0; i < g_thread_count; i++) {
		if (spdk_thread_is_exited(g_threads[i])) {
			spdk_thread_destroy(g_threads[i]);
		}
	}
	g_thread_count = 0;
	pthread_mutex_unlock(&g_threads_lock);
	g_shim_app_thread = NULL;
	spdk_thread_lib_fini();
}

/*
 * int nativeStart(String name, String filePrefix, long memSizeMb, boolean noPci, boolean noHuge,
 *                 boolean dmaBounce, long iobufSmall, long iobufLarge, long bdevIoPool, int logLevel)
 */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeStart(JNIEnv *env, jclass cls, jstring jname, jstring jprefix,
		jlong mem_size_mb, jboolean no_pci, jboolean no_huge, jboolean dma_bounce, jlong iobuf_small, jlong iobuf_large,
		jlong bdev_io_pool, jint log_level)
{
	struct spdk_env_opts opts;
	struct sigaction jvm_sigbus;
	cpu_set_t affinity;
	bool have_affinity;
	char *name, *prefix, context[512];
	struct shim_call call = {0};
	int rc;

	(void)cls;
	if (g_env_initialized) {
		return -EALREADY;
	}
	name = shim_string(env, jname);
	prefix = shim_string(env, jprefix);
	if (name == NULL || prefix == NULL) {
		free(name);
		free(prefix);
		return -ENOMEM;
	}
	spdk_log_set_print_level((enum spdk_log_level)log_level);
	g_shim_dma_bounce = dma_bounce;
	g_shim_no_huge = no_huge;

	opts.opts_size = sizeof(opts);
	spdk_env_opts_init(&opts);
	opts.name = name;
	opts.core_mask = "0x1";
	opts.shm_id = -1;
	opts.mem_size = (int)mem_size_mb;
	opts.no_pci = no_pci;
	opts.no_huge = no_huge;
	snprintf(context, sizeof(context), "--file-prefix=%s", prefix);
	opts.env_context = context;

	/* DPDK pins the calling thread (and every thread it creates later) to the core mask; SPDK's
	 * environment may touch SIGBUS again. Keep both as the JVM had them. */
	have_affinity = pthread_getaffinity_np(pthread_self(), sizeof(affinity), &affinity) == 0;
	sigaction(SIGBUS, NULL, &jvm_sigbus);
	rc = spdk_env_init(&opts);
	sigaction(SIGBUS, &jvm_sigbus, NULL);
	if (have_affinity) {
		pthread_setaffinity_np(pthread_self(), sizeof(affinity), &affinity);
	}
	free(name);
	free(prefix);
	if (rc != 0) {
		return rc < 0 ? rc : -rc;
	}
	g_env_initialized = true;
	snprintf(g_runtime_dir, sizeof(g_runtime_dir), "%s", rte_eal_get_runtime_dir());

	rc = spdk_thread_lib_init(schedule_thread, 0);
	if (rc != 0) {
		return rc;
	}
	g_shim_app_thread = spdk_thread_create("blobds", NULL);
	if (g_shim_app_thread == NULL) {
		spdk_thread_lib_fini();
		return -ENOMEM;
	}
	g_linger_ns = env_ns("BLOBDS_SPDK_LINGER_NS", LINGER_NS);
	g_shim_caller_spin_ns = env_ns("BLOBDS_SPDK_CALLER_SPIN_NS", g_shim_caller_spin_ns);
	atomic_store(&g_poller_stop, false);
	rc = pthread_create(&g_poller, NULL, poller_main, NULL);
	if (rc != 0) {
		finish_threads();
		return -rc;
	}
	pthread_setname_np(g_poller, "blobds-spdk");

	call.fn = start_subsystems;
	call.u[0] = (uint64_t)iobuf_small;
	call.u[1] = (uint64_t)iobuf_large;
	call.u[2] = (uint64_t)bdev_io_pool;
	rc = run_always(&call);
	if (rc != 0) {
		struct shim_call stop = {0}, exit = {0};

		stop.fn = stop_subsystems;
		run_always(&stop);
		exit.fn = exit_app_thread;
		run_always(&exit);
		stop_poller();
		finish_threads();
		return rc;
	}
	atomic_store(&g_shim_running, true);
	return 0;
}

/* String nativeRuntimeDir(): DPDK's runtime directory (under /var/run/dpdk), "" before start. */
JNIEXPORT jstring JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeRuntimeDir(JNIEnv *env, jclass cls)
{
	(void)cls;
	return (*env)->NewStringUTF(env, g_runtime_dir);
}

/* int nativeLoadConfig(byte[] json): SPDK's JSON config ({"subsystems": [...]}), RPC methods in order. */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeLoadConfig(JNIEnv *env, jclass cls, jbyteArray json)
{
	struct shim_call call = {0};
	jsize len;
	void *copy;
	int rc;

	(void)cls;
	len = (*env)->GetArrayLength(env, json);
	copy = malloc((size_t)len + 1);
	if (copy == NULL) {
		return -ENOMEM;
	}
	(*env)->GetByteArrayRegion(env, json, 0, len, copy);
	((char *)copy)[len] = '\0';
	call.fn = load_config;
	call.p[0] = copy;
	call.u[0] = (uint64_t)len;
	rc = shim_run(&call);
	free(copy);
	return rc;
}

/* int nativeDeleteBdev(String name): unregisters a bdev (any module); -ENODEV when there is none. */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeDeleteBdev(JNIEnv *env, jclass cls, jstring jname)
{
	struct shim_call call = {0};
	char *name = shim_string(env, jname);
	int rc;

	(void)cls;
	if (name == NULL) {
		return -ENOMEM;
	}
	call.fn = delete_bdev;
	call.s = name;
	rc = shim_run(&call);
	free(name);
	return rc;
}

/* int nativeBdevInfo(String name, long[] out): out = {blocks, block size}; -ENODEV when there is none. */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeBdevInfo(JNIEnv *env, jclass cls, jstring jname, jlongArray out)
{
	struct shim_call call = {0};
	char *name = shim_string(env, jname);
	int rc;

	(void)cls;
	if (name == NULL) {
		return -ENOMEM;
	}
	call.fn = bdev_info;
	call.s = name;
	rc = shim_run(&call);
	free(name);
	if (rc == 0 && (!shim_set_long(env, out, 0, (jlong)call.out_u[0]) || !shim_set_long(env, out, 1, (jlong)call.out_u[1]))) {
		return -EINVAL;
	}
	return rc;
}

/* int nativeStop(): subsystems down (bdevs unregistered), the SPDK thread and poller ended, env finished. */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeStop(JNIEnv *env, jclass cls)
{
	struct shim_call stop = {0}, exit = {0};
	int rc;

	(void)env;
	(void)cls;
	if (!atomic_load(&g_shim_running)) {
		return 0;
	}
	stop.fn = stop_subsystems;
	rc = shim_run(&stop);
	exit.fn = exit_app_thread;
	shim_run(&exit);
	atomic_store(&g_shim_running, false);
	stop_poller();
	finish_threads();
	spdk_env_fini();
	return rc;
}

/* String nativeBdevNames(): every bdev's name followed by '\n'; null (an exception pending) when out of memory. */
JNIEXPORT jstring JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeBdevNames(JNIEnv *env, jclass cls)
{
	struct shim_call call = {0};
	jstring names;

	(void)cls;
	call.fn = bdev_names;
	if (shim_run(&call) != 0) {
		return (*env)->NewStringUTF(env, "");
	}
	names = (*env)->NewStringUTF(env, call.out_ptr);
	free(call.out_ptr);
	return names;
}

/*
 * int nativeBdevRead(String name, long offset, byte[] out): reads out.length bytes of the bdev at byte
 * offset (a multiple of its block size) through a DMA-able buffer of whole blocks; -ENODEV when there is
 * no such bdev, -EINVAL when the range is not on the bdev or not aligned.
 */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeBdevRead(JNIEnv *env, jclass cls, jstring jname, jlong offset, jbyteArray out)
{
	struct shim_call call = {0};
	jsize len = (*env)->GetArrayLength(env, out);
	char *name = shim_string(env, jname);
	uint64_t rounded;
	void *buf;
	int rc;

	(void)cls;
	if (name == NULL) {
		return -ENOMEM;
	}
	rc = bdev_range(name, offset, len, true, &rounded);
	if (rc != 0 || len == 0) {
		free(name);
		return rc;
	}
	buf = spdk_dma_zmalloc(rounded, 4096, NULL);
	if (buf == NULL) {
		free(name);
		return -ENOMEM;
	}
	call.fn = bdev_io;
	call.s = name;
	call.p[2] = buf;
	call.u[0] = (uint64_t)offset;
	call.u[1] = rounded;
	call.u[2] = 0;
	rc = shim_run(&call);
	if (rc == 0) {
		(*env)->SetByteArrayRegion(env, out, 0, len, buf);
	}
	spdk_dma_free(buf);
	free(name);
	return rc;
}

/*
 * int nativeBdevWriteZeroes(String name, long offset, long length): zeroes a range of whole blocks of a
 * bdev (SPDK emulates it with writes where the bdev has no write-zeroes); -ENODEV when there is no such
 * bdev, -EINVAL when the range is not on it or not in whole blocks, -EPERM when a module has claimed it
 * for writing (a loaded Blobstore does not: SpdkEnvironment refuses that case itself).
 */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeBdevWriteZeroes(JNIEnv *env, jclass cls, jstring jname, jlong offset, jlong length)
{
	struct shim_call call = {0};
	char *name = shim_string(env, jname);
	uint64_t rounded;
	int rc;

	(void)cls;
	if (name == NULL) {
		return -ENOMEM;
	}
	rc = bdev_range(name, offset, length, false, &rounded);
	if (rc != 0 || length == 0) {
		free(name);
		return rc;
	}
	call.fn = bdev_io;
	call.s = name;
	call.u[0] = (uint64_t)offset;
	call.u[1] = (uint64_t)length;
	call.u[2] = 1;
	rc = shim_run(&call);
	free(name);
	return rc;
}

/*
 * ByteBuffer nativeDmaAllocate(long bytes): a direct buffer over zeroed, 4 KiB-aligned DMA-able memory
 * (spdk_dma_zmalloc, from DPDK's memory); null when there is not enough.
 */
JNIEXPORT jobject JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeDmaAllocate(JNIEnv *env, jclass cls, jlong bytes)
{
	void *memory;

	(void)cls;
	if (bytes <= 0 || !shim_started()) {
		return NULL;
	}
	memory = spdk_dma_zmalloc((size_t)bytes, 4096, NULL);
	if (memory == NULL) {
		return NULL;
	}
	return (*env)->NewDirectByteBuffer(env, memory, bytes);
}

/* void nativeDmaFree(ByteBuffer buffer): frees memory of nativeDmaAllocate. */
JNIEXPORT void JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeDmaFree(JNIEnv *env, jclass cls, jobject buffer)
{
	(void)cls;
	spdk_dma_free((*env)->GetDirectBufferAddress(env, buffer));
}

/* long nativeDmaBounces(): data transfers copied through DMA-able memory since start. */
JNIEXPORT jlong JNICALL
Java_io_github_blobds_spdk_SpdkEnvironment_nativeDmaBounces(JNIEnv *env, jclass cls)
{
	(void)env;
	(void)cls;
	return atomic_load(&g_shim_dma_bounces);
}
