/*
 * Natives of io.github.blobds.spdk.SpdkBlob: blob info, resize, metadata sync, data I/O on the
 * Blobstore's channel straight from direct ByteBuffers (bounds checked here before any pointer
 * arithmetic), xattrs, read-only marking and close. Every function returns 0 or SPDK's negative errno.
 */
#include "shim.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "spdk/blob.h"
#include "spdk/env.h"

#include <rte_memory.h>

#define BLOB(h) ((struct spdk_blob *)(uintptr_t)(h))
#define BS(h) ((struct shim_bs *)(uintptr_t)(h))
#define SHIM_ALIGN 4096

/* out = {clusters, allocated clusters, io_units, thin, read-only}. */
static void
info(struct shim_call *call)
{
	struct spdk_blob *blob = call->p[0];

	call->out_u[0] = spdk_blob_get_num_clusters(blob);
	call->out_u[1] = spdk_blob_get_num_allocated_clusters(blob);
	call->out_u[2] = spdk_blob_get_num_io_units(blob);
	call->out_u[3] = spdk_blob_is_thin_provisioned(blob);
	call->out_u[4] = spdk_blob_is_read_only(blob);
	shim_complete(call, 0);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeInfo(JNIEnv *env, jclass cls, jlong blob, jlongArray out)
{
	struct shim_call call = {0};
	jlong values[5];
	int rc, i;

	(void)cls;
	if ((*env)->GetArrayLength(env, out) < 5) {
		return -EINVAL;
	}
	call.fn = info;
	call.p[0] = BLOB(blob);
	rc = shim_run(&call);
	if (rc != 0) {
		return rc;
	}
	for (i = 0; i < 5; i++) {
		values[i] = (jlong)call.out_u[i];
	}
	(*env)->SetLongArrayRegion(env, out, 0, 5, values);
	return 0;
}

static void
resize(struct shim_call *call)
{
	spdk_blob_resize(call->p[0], call->u[0], shim_complete_cb, call);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeResize(JNIEnv *env, jclass cls, jlong blob, jlong clusters)
{
	struct shim_call call = {0};

	(void)env;
	(void)cls;
	call.fn = resize;
	call.p[0] = BLOB(blob);
	call.u[0] = (uint64_t)clusters;
	return shim_run(&call);
}

static void
sync_md(struct shim_call *call)
{
	spdk_blob_sync_md(call->p[0], shim_complete_cb, call);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeSync(JNIEnv *env, jclass cls, jlong blob)
{
	struct shim_call call = {0};

	(void)env;
	(void)cls;
	call.fn = sync_md;
	call.p[0] = BLOB(blob);
	return shim_run(&call);
}

enum io_kind { IO_READ, IO_WRITE, IO_WRITE_ZEROES, IO_UNMAP };

/* p[0] blob; p[1] bs; p[2] payload; u[0] kind; u[1] offset; u[2] length (io_units). */
static void
io(struct shim_call *call)
{
	struct spdk_blob *blob = call->p[0];
	struct shim_bs *sbs = call->p[1];

	if (sbs->channel == NULL) {
		shim_complete(call, -ENOMEM);
		return;
	}
	switch (call->u[0]) {
	case IO_READ:
		spdk_blob_io_read(blob, sbs->channel, call->p[2], call->u[1], call->u[2], shim_complete_cb, call);
		break;
	case IO_WRITE:
		spdk_blob_io_write(blob, sbs->channel, call->p[2], call->u[1], call->u[2], shim_complete_cb, call);
		break;
	case IO_WRITE_ZEROES:
		spdk_blob_io_write_zeroes(blob, sbs->channel, call->u[1], call->u[2], shim_complete_cb, call);
		break;
	default:
		spdk_blob_io_unmap(blob, sbs->channel, call->u[1], call->u[2], shim_complete_cb, call);
		break;
	}
}

/*
 * Whether a PCI device can reach every page of [address, address + length): it is in SPDK's memory map
 * (DPDK's huge pages, or memory registered with spdk_mem_register). Without huge pages SPDK translates
 * nothing (spdk_vtophys always fails) and no device could be used; there, for the test runs that bounce
 * anyway, DPDK's own memory (spdk_dma_malloc) counts as reachable.
 */
static bool
dma_able(const uint8_t *address, uint64_t length)
{
	uint64_t done = 0;

	if (g_shim_no_huge) {
		const struct rte_memseg_list *list = rte_mem_virt2memseg_list(address);

		return list != NULL && list == rte_mem_virt2memseg_list(address + length - 1);
	}

	while (done < length) {
		uint64_t size = length - done;

		if (spdk_vtophys(address + done, &size) == SPDK_VTOPHYS_ERROR || size == 0) {
			return false;
		}
		done += size;
	}
	return true;
}

static int
run_io(jlong bs, jlong blob, bool write, uint64_t offset, void *payload, uint64_t io_units)
{
	struct shim_call call = {0};

	call.fn = io;
	call.p[0] = BLOB(blob);
	call.p[1] = BS(bs);
	call.p[2] = payload;
	call.u[0] = write ? IO_WRITE : IO_READ;
	call.u[1] = offset;
	call.u[2] = io_units;
	return shim_run(&call);
}

/*
 * A transfer through DMA-able memory (spdk_dma_malloc, from DPDK's memory), in pieces of at most
 * DMA_BOUNCE_MAX bytes: for buffers outside SPDK's memory map when the environment runs with PCI.
 */
#define DMA_BOUNCE_MAX (1u << 20)

static int
dma_bounced(jlong bs, jlong blob, bool write, uint64_t offset, uint8_t *payload, uint64_t length, uint64_t io_unit)
{
	uint64_t piece = length < DMA_BOUNCE_MAX ? length : DMA_BOUNCE_MAX / io_unit * io_unit;
	uint64_t done = 0;
	void *bounce;
	int rc = 0;

	if (piece == 0) {
		piece = io_unit;
	}
	bounce = spdk_dma_malloc(piece, SHIM_ALIGN, NULL);
	if (bounce == NULL) {
		return -ENOMEM;
	}
	atomic_fetch_add(&g_shim_dma_bounces, 1);
	while (done < length && rc == 0) {
		uint64_t n = length - done < piece ? length - done : piece;

		if (write) {
			memcpy(bounce, payload + done, n);
		}
		rc = run_io(bs, blob, write, offset + done / io_unit, bounce, n / io_unit);
		if (rc == 0 && !write) {
			memcpy(payload + done, bounce, n);
		}
		done += n;
	}
	spdk_dma_free(bounce);
	return rc;
}

/*
 * int nativeTransfer(long bs, long blob, boolean write, long offset, ByteBuffer buffer, int position, int length):
 * a read or write of length bytes at buffer[position] and io_unit offset, from a direct buffer: no copy
 * when it is 4 KiB aligned and, with PCI, in SPDK's memory map; otherwise through an aligned (with PCI,
 * DMA-able) bounce buffer.
 */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeTransfer(JNIEnv *env, jclass cls, jlong bs, jlong blob, jboolean write,
		jlong offset, jobject buffer, jint position, jint length)
{
	uint8_t *address, *payload;
	void *bounce = NULL;
	jlong capacity;
	int rc;
	uint64_t io_unit = BS(bs)->io_unit_size;

	(void)cls;
	address = (*env)->GetDirectBufferAddress(env, buffer);
	capacity = (*env)->GetDirectBufferCapacity(env, buffer);
	if (address == NULL || capacity < 0) {
		return -EINVAL;
	}
	if (position < 0 || length < 0 || (jlong)position > capacity || (jlong)length > capacity - position) {
		return -EINVAL;
	}
	if (offset < 0 || io_unit == 0 || (uint64_t)length % io_unit != 0) {
		return -EINVAL;
	}
	payload = address + position;
	if (length > 0 && g_shim_dma_bounce && !dma_able(payload, (uint64_t)length)) {
		return dma_bounced(bs, blob, write, (uint64_t)offset, payload, (uint64_t)length, io_unit);
	}
	/* O_DIRECT bdevs (aio on a file or disk) need aligned memory; the bdev layer would bounce through
	 * one iobuf buffer, which caps the transfer. Unaligned buffers bounce here instead. */
	if (((uintptr_t)payload & (SHIM_ALIGN - 1)) != 0 && length > 0) {
		if (posix_memalign(&bounce, SHIM_ALIGN, (size_t)length) != 0) {
			return -ENOMEM;
		}
		if (write) {
			memcpy(bounce, payload, (size_t)length);
		}
	}
	rc = run_io(bs, blob, write, (uint64_t)offset, bounce != NULL ? bounce : payload, (uint64_t)length / io_unit);
	if (bounce != NULL) {
		if (!write && rc == 0) {
			memcpy(payload, bounce, (size_t)length);
		}
		free(bounce);
	}
	return rc;
}

/* int nativeClear(long bs, long blob, boolean unmap, long offset, long length): write zeroes or unmap io_units. */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeClear(JNIEnv *env, jclass cls, jlong bs, jlong blob, jboolean unmap,
		jlong offset, jlong length)
{
	struct shim_call call = {0};

	(void)env;
	(void)cls;
	if (offset < 0 || length < 0) {
		return -EINVAL;
	}
	call.fn = io;
	call.p[0] = BLOB(blob);
	call.p[1] = BS(bs);
	call.u[0] = unmap ? IO_UNMAP : IO_WRITE_ZEROES;
	call.u[1] = (uint64_t)offset;
	call.u[2] = (uint64_t)length;
	return shim_run(&call);
}

/* s name; p[1] value; u[0] length; u[1]: 0 set, 1 remove, 2 get, 3 read-only. */
static void
xattr(struct shim_call *call)
{
	struct spdk_blob *blob = call->p[0];
	const void *value;
	size_t len;
	int rc;

	switch (call->u[1]) {
	case 0:
		rc = spdk_blob_set_xattr(blob, call->s, call->p[1], (uint16_t)call->u[0]);
		break;
	case 1:
		rc = spdk_blob_remove_xattr(blob, call->s);
		break;
	case 2:
		rc = spdk_blob_get_xattr_value(blob, call->s, &value, &len);
		if (rc == 0) {
			call->out_ptr = malloc(len == 0 ? 1 : len);
			if (call->out_ptr == NULL) {
				rc = -ENOMEM;
			} else {
				memcpy(call->out_ptr, value, len);
				call->out_u[0] = len;
			}
		}
		break;
	default:
		rc = spdk_blob_set_read_only(blob);
		break;
	}
	shim_complete(call, rc);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeSetXattr(JNIEnv *env, jclass cls, jlong blob, jstring jname, jbyteArray value)
{
	struct shim_call call = {0};
	jsize len = (*env)->GetArrayLength(env, value);
	char *name;
	void *copy;
	int rc;

	(void)cls;
	/* SPDK takes a uint16_t length: longer values must fail, not wrap. */
	if (len > UINT16_MAX) {
		return -ENOMEM;
	}
	name = shim_string(env, jname);
	copy = malloc((size_t)len + 1);
	if (name == NULL || copy == NULL) {
		free(name);
		free(copy);
		return -ENOMEM;
	}
	(*env)->GetByteArrayRegion(env, value, 0, len, copy);
	call.fn = xattr;
	call.p[0] = BLOB(blob);
	call.p[1] = copy;
	call.s = name;
	call.u[0] = (uint64_t)len;
	call.u[1] = 0;
	rc = shim_run(&call);
	free(copy);
	free(name);
	return rc;
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeRemoveXattr(JNIEnv *env, jclass cls, jlong blob, jstring jname)
{
	struct shim_call call = {0};
	char *name = shim_string(env, jname);
	int rc;

	(void)cls;
	if (name == NULL) {
		return -ENOMEM;
	}
	call.fn = xattr;
	call.p[0] = BLOB(blob);
	call.s = name;
	call.u[1] = 1;
	rc = shim_run(&call);
	free(name);
	return rc;
}

/* byte[] nativeGetXattr(long blob, String name, int[] status). */
JNIEXPORT jbyteArray JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeGetXattr(JNIEnv *env, jclass cls, jlong blob, jstring jname, jintArray status)
{
	struct shim_call call = {0};
	char *name = shim_string(env, jname);
	jbyteArray result = NULL;
	jint rc;

	(void)cls;
	if (name == NULL) {
		rc = -ENOMEM;
		(*env)->SetIntArrayRegion(env, status, 0, 1, &rc);
		return NULL;
	}
	call.fn = xattr;
	call.p[0] = BLOB(blob);
	call.s = name;
	call.u[1] = 2;
	rc = shim_run(&call);
	free(name);
	if (rc == 0) {
		result = (*env)->NewByteArray(env, (jsize)call.out_u[0]);
		if (result != NULL) {
			(*env)->SetByteArrayRegion(env, result, 0, (jsize)call.out_u[0], call.out_ptr);
		}
	}
	free(call.out_ptr);
	(*env)->SetIntArrayRegion(env, status, 0, 1, &rc);
	return result;
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeSetReadOnly(JNIEnv *env, jclass cls, jlong blob)
{
	struct shim_call call = {0};

	(void)env;
	(void)cls;
	call.fn = xattr;
	call.p[0] = BLOB(blob);
	call.u[1] = 3;
	return shim_run(&call);
}

/* Names joined by '\0' into one malloc'd buffer. */
static void
xattr_names(struct shim_call *call)
{
	struct spdk_xattr_names *names = NULL;
	uint32_t i, count;
	size_t total = 0, at = 0;
	char *joined;
	int rc;

	rc = spdk_blob_get_xattr_names(call->p[0], &names);
	if (rc != 0) {
		shim_complete(call, rc);
		return;
	}
	count = spdk_xattr_names_get_count(names);
	for (i = 0; i < count; i++) {
		total += strlen(spdk_xattr_names_get_name(names, i)) + 1;
	}
	joined = malloc(total == 0 ? 1 : total);
	if (joined == NULL) {
		spdk_xattr_names_free(names);
		shim_complete(call, -ENOMEM);
		return;
	}
	for (i = 0; i < count; i++) {
		const char *n = spdk_xattr_names_get_name(names, i);
		size_t len = strlen(n) + 1;

		memcpy(joined + at, n, len);
		at += len;
	}
	spdk_xattr_names_free(names);
	call->out_ptr = joined;
	call->out_u[0] = total;
	call->out_u[1] = count;
	shim_complete(call, 0);
}

/* byte[] nativeXattrNames(long blob, int[] status): UTF-8 names, each ended by a zero byte. */
JNIEXPORT jbyteArray JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeXattrNames(JNIEnv *env, jclass cls, jlong blob, jintArray status)
{
	struct shim_call call = {0};
	jbyteArray result = NULL;
	jint rc;

	(void)cls;
	call.fn = xattr_names;
	call.p[0] = BLOB(blob);
	rc = shim_run(&call);
	if (rc == 0) {
		result = (*env)->NewByteArray(env, (jsize)call.out_u[0]);
		if (result != NULL) {
			(*env)->SetByteArrayRegion(env, result, 0, (jsize)call.out_u[0], call.out_ptr);
		}
	}
	free(call.out_ptr);
	(*env)->SetIntArrayRegion(env, status, 0, 1, &rc);
	return result;
}

static void
close_blob(struct shim_call *call)
{
	spdk_blob_close(call->p[0], shim_complete_cb, call);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlob_nativeClose(JNIEnv *env, jclass cls, jlong blob)
{
	struct shim_call call = {0};

	(void)env;
	(void)cls;
	call.fn = close_blob;
	call.p[0] = BLOB(blob);
	return shim_run(&call);
}
