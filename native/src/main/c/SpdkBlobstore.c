/*
 * Natives of io.github.blobds.spdk.SpdkBlobstore: Blobstore init/load/unload on a bdev
 * (spdk_bdev_create_bs_dev_ext), blob create/open/delete, iteration, the super blob, info, and flush as
 * a bdev flush. Every function returns 0 or SPDK's negative errno; results go to long[] outputs.
 */
#include "shim.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "spdk/bdev.h"
#include "spdk/blob.h"
#include "spdk/blob_bdev.h"
#include "spdk/log.h"

/*
 * The head of module/blob/bdev/blob_bdev.c's struct blob_bdev (unchanged from v21 to v26): the bs_dev
 * of spdk_bdev_create_bs_dev_ext, then its bdev and its write descriptor. The bdev bs_dev has no flush
 * of its own and its claim keeps other writers out, so flush goes through that descriptor; it is used
 * only after checking that it belongs to the expected bdev.
 */
struct blob_bdev_head {
	struct spdk_bs_dev bs_dev;
	struct spdk_bdev *bdev;
	struct spdk_bdev_desc *desc;
};

static void
bdev_event(enum spdk_bdev_event_type type, struct spdk_bdev *bdev, void *ctx)
{
	(void)ctx;
	if (type == SPDK_BDEV_EVENT_REMOVE) {
		SPDK_WARNLOG("bdev %s is being removed under a loaded Blobstore\n", spdk_bdev_get_name(bdev));
	}
}

static void
loaded(void *arg, struct spdk_blob_store *bs, int bserrno)
{
	struct shim_call *call = arg;
	struct shim_bs *sbs = call->out_ptr;

	if (bserrno != 0) {
		/* SPDK destroyed the bs_dev already. */
		free(sbs);
		call->out_ptr = NULL;
		shim_complete(call, bserrno);
		return;
	}
	sbs->bs = bs;
	sbs->io_unit_size = spdk_bs_get_io_unit_size(bs);
	sbs->channel = spdk_bs_alloc_io_channel(bs);
	if (sbs->channel == NULL) {
		/* Unlikely; the Blobstore stays loaded and usable for metadata, I/O returns -ENOMEM. */
		SPDK_ERRLOG("cannot allocate an I/O channel on the Blobstore\n");
	}
	{
		struct spdk_bs_type t = spdk_bs_get_bstype(bs);

		memcpy(sbs->bstype, t.bstype, SPDK_BLOBSTORE_TYPE_LENGTH);
		sbs->bstype[SPDK_BLOBSTORE_TYPE_LENGTH] = '\0';
	}
	{
		struct blob_bdev_head *head = (struct blob_bdev_head *)sbs->dev;
		struct spdk_bdev *bdev = spdk_bdev_get_by_name(call->s);

		if (bdev != NULL && head->bdev == bdev && head->desc != NULL && spdk_bdev_desc_get_bdev(head->desc) == bdev) {
			sbs->dev_channel = spdk_bdev_get_io_channel(head->desc);
		}
	}
	shim_complete(call, 0);
}

/* s: bdev; u[0]: 1 = init, 0 = load; u[1] cluster size; u[2] md pages (or UINT64_MAX); u[3] clear method;
 * u[4] force recover; p[0] bstype (16 bytes, may be all zero). */
static void
init_or_load(struct shim_call *call)
{
	struct spdk_bs_opts opts;
	struct shim_bs *sbs;
	int rc;

	sbs = calloc(1, sizeof(*sbs));
	if (sbs == NULL) {
		shim_complete(call, -ENOMEM);
		return;
	}
	rc = spdk_bdev_create_bs_dev_ext(call->s, bdev_event, NULL, &sbs->dev);
	if (rc != 0) {
		free(sbs);
		shim_complete(call, rc);
		return;
	}
	call->out_ptr = sbs;
	spdk_bs_opts_init(&opts, sizeof(opts));
	memcpy(opts.bstype.bstype, call->p[0], SPDK_BLOBSTORE_TYPE_LENGTH);
	if (call->u[0]) {
		opts.cluster_sz = (uint32_t)call->u[1];
		if (call->u[1] > UINT32_MAX) {
			opts.cluster_sz = 0; /* rejected by SPDK with -EINVAL */
		}
		if (call->u[2] != UINT64_MAX) {
			opts.num_md_pages = (uint32_t)call->u[2];
		}
		opts.clear_method = (enum bs_clear_method)call->u[3];
		spdk_bs_init(sbs->dev, &opts, loaded, call);
	} else {
		opts.force_recover = call->u[4] != 0;
		spdk_bs_load(sbs->dev, &opts, loaded, call);
	}
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeInitOrLoad(JNIEnv *env, jclass cls, jstring jbdev, jboolean init,
		jlong cluster_size, jlong md_pages, jint clear_method, jboolean force_recover, jbyteArray bstype, jlongArray out)
{
	struct shim_call call = {0};
	char type[SPDK_BLOBSTORE_TYPE_LENGTH] = {0};
	char *bdev;
	int rc;

	(void)cls;
	if ((*env)->GetArrayLength(env, bstype) > SPDK_BLOBSTORE_TYPE_LENGTH) {
		return -EINVAL;
	}
	(*env)->GetByteArrayRegion(env, bstype, 0, (*env)->GetArrayLength(env, bstype), (jbyte *)type);
	bdev = shim_string(env, jbdev);
	if (bdev == NULL) {
		return -ENOMEM;
	}
	call.fn = init_or_load;
	call.s = bdev;
	call.u[0] = init;
	call.u[1] = (uint64_t)cluster_size;
	call.u[2] = md_pages < 0 ? UINT64_MAX : (uint64_t)md_pages;
	call.u[3] = (uint64_t)clear_method;
	call.u[4] = force_recover;
	call.p[0] = type;
	rc = shim_run(&call);
	free(bdev);
	if (rc == 0 && !shim_set_long(env, out, 0, (jlong)(uintptr_t)call.out_ptr)) {
		return -EINVAL;
	}
	return rc;
}

/* long[] out = {cluster size, io_unit size, page size, total data clusters, free clusters}. */
static void
info(struct shim_call *call)
{
	struct shim_bs *sbs = call->p[0];

	call->out_u[0] = spdk_bs_get_cluster_size(sbs->bs);
	call->out_u[1] = spdk_bs_get_io_unit_size(sbs->bs);
	call->out_u[2] = spdk_bs_get_page_size(sbs->bs);
	call->out_u[3] = spdk_bs_total_data_cluster_count(sbs->bs);
	call->out_u[4] = spdk_bs_free_cluster_count(sbs->bs);
	shim_complete(call, 0);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeInfo(JNIEnv *env, jclass cls, jlong handle, jlongArray out)
{
	struct shim_call call = {0};
	jlong values[5];
	int rc, i;

	(void)cls;
	call.fn = info;
	call.p[0] = (void *)(uintptr_t)handle;
	rc = shim_run(&call);
	if (rc != 0) {
		return rc;
	}
	if ((*env)->GetArrayLength(env, out) < 5) {
		return -EINVAL;
	}
	for (i = 0; i < 5; i++) {
		values[i] = (jlong)call.out_u[i];
	}
	(*env)->SetLongArrayRegion(env, out, 0, 5, values);
	return 0;
}

JNIEXPORT jstring JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeBstype(JNIEnv *env, jclass cls, jlong handle)
{
	struct shim_bs *sbs = (struct shim_bs *)(uintptr_t)handle;

	(void)cls;
	return (*env)->NewStringUTF(env, sbs->bstype);
}

struct create_xattrs {
	jsize count;
	char **names;
	void **values;
	size_t *lengths;
};

static void
create_get_value(void *ctx, const char *name, const void **value, size_t *value_len)
{
	struct create_xattrs *x = ctx;
	jsize i;

	for (i = 0; i < x->count; i++) {
		if (strcmp(x->names[i], name) == 0) {
			*value = x->values[i];
			*value_len = x->lengths[i];
			return;
		}
	}
	*value = NULL;
	*value_len = 0;
}

static void
created(void *arg, spdk_blob_id id, int bserrno)
{
	struct shim_call *call = arg;

	call->out_u[0] = id;
	shim_complete(call, bserrno);
}

/* p[0] bs; u[0] clusters; u[1] thin; u[2] clear method; u[3] extent table; p[1] xattrs. */
static void
create(struct shim_call *call)
{
	struct shim_bs *sbs = call->p[0];
	struct create_xattrs *x = call->p[1];
	struct spdk_blob_opts opts;

	spdk_blob_opts_init(&opts, sizeof(opts));
	opts.num_clusters = call->u[0];
	opts.thin_provision = call->u[1] != 0;
	opts.clear_method = (enum blob_clear_method)call->u[2];
	opts.use_extent_table = call->u[3] != 0;
	opts.xattrs.count = (size_t)x->count;
	opts.xattrs.names = x->names;
	opts.xattrs.ctx = x;
	opts.xattrs.get_value = create_get_value;
	spdk_bs_create_blob_ext(sbs->bs, &opts, created, call);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeCreate(JNIEnv *env, jclass cls, jlong handle, jlong clusters,
		jboolean thin, jint clear_method, jboolean extent_table, jobjectArray names, jobjectArray values, jlongArray out)
{
	struct shim_call call = {0};
	struct create_xattrs x = {0};
	jsize i;
	int rc = 0;

	(void)cls;
	x.count = (*env)->GetArrayLength(env, names);
	if (x.count != (*env)->GetArrayLength(env, values)) {
		return -EINVAL;
	}
	x.names = calloc((size_t)x.count + 1, sizeof(char *));
	x.values = calloc((size_t)x.count + 1, sizeof(void *));
	x.lengths = calloc((size_t)x.count + 1, sizeof(size_t));
	if (x.names == NULL || x.values == NULL || x.lengths == NULL) {
		rc = -ENOMEM;
		goto out;
	}
	for (i = 0; i < x.count; i++) {
		jstring name = (*env)->GetObjectArrayElement(env, names, i);
		jbyteArray value = (*env)->GetObjectArrayElement(env, values, i);
		jsize len = (*env)->GetArrayLength(env, value);

		x.names[i] = shim_string(env, name);
		x.values[i] = malloc((size_t)len + 1);
		x.lengths[i] = (size_t)len;
		if (x.names[i] == NULL || x.values[i] == NULL) {
			rc = -ENOMEM;
			goto out;
		}
		(*env)->GetByteArrayRegion(env, value, 0, len, x.values[i]);
		(*env)->DeleteLocalRef(env, name);
		(*env)->DeleteLocalRef(env, value);
	}
	call.fn = create;
	call.p[0] = (void *)(uintptr_t)handle;
	call.p[1] = &x;
	call.u[0] = (uint64_t)clusters;
	call.u[1] = thin;
	call.u[2] = (uint64_t)clear_method;
	call.u[3] = extent_table;
	rc = shim_run(&call);
	if (rc == 0 && !shim_set_long(env, out, 0, (jlong)call.out_u[0])) {
		rc = -EINVAL;
	}
out:
	for (i = 0; x.names != NULL && i < x.count; i++) {
		free(x.names[i]);
		free(x.values[i]);
	}
	free(x.names);
	free(x.values);
	free(x.lengths);
	return rc;
}

static void
opened(void *arg, struct spdk_blob *blob, int bserrno)
{
	struct shim_call *call = arg;

	call->out_ptr = blob;
	shim_complete(call, bserrno);
}

static void
open_blob(struct shim_call *call)
{
	struct shim_bs *sbs = call->p[0];

	spdk_bs_open_blob(sbs->bs, call->u[0], opened, call);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeOpen(JNIEnv *env, jclass cls, jlong handle, jlong id, jlongArray out)
{
	struct shim_call call = {0};
	int rc;

	(void)cls;
	call.fn = open_blob;
	call.p[0] = (void *)(uintptr_t)handle;
	call.u[0] = (uint64_t)id;
	rc = shim_run(&call);
	if (rc == 0 && !shim_set_long(env, out, 0, (jlong)(uintptr_t)call.out_ptr)) {
		return -EINVAL;
	}
	return rc;
}

static void
delete_blob(struct shim_call *call)
{
	struct shim_bs *sbs = call->p[0];

	spdk_bs_delete_blob(sbs->bs, call->u[0], shim_complete_cb, call);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeDelete(JNIEnv *env, jclass cls, jlong handle, jlong id)
{
	struct shim_call call = {0};

	(void)env;
	(void)cls;
	call.fn = delete_blob;
	call.p[0] = (void *)(uintptr_t)handle;
	call.u[0] = (uint64_t)id;
	return shim_run(&call);
}

struct id_list {
	uint64_t *ids;
	size_t count, capacity;
};

static void
iterated(void *arg, struct spdk_blob *blob, int bserrno)
{
	struct shim_call *call = arg;
	struct shim_bs *sbs = call->p[0];
	struct id_list *list = call->p[1];

	if (bserrno != 0) {
		shim_complete(call, bserrno == -ENOENT ? 0 : bserrno);
		return;
	}
	if (list->count == list->capacity) {
		size_t capacity = list->capacity == 0 ? 64 : list->capacity * 2;
		uint64_t *ids = realloc(list->ids, capacity * sizeof(uint64_t));

		if (ids == NULL) {
			/* Close the blob the iterator holds, then fail. */
			spdk_blob_close(blob, shim_complete_cb, call);
			call->u[5] = 1;
			return;
		}
		list->ids = ids;
		list->capacity = capacity;
	}
	list->ids[list->count++] = spdk_blob_get_id(blob);
	spdk_bs_iter_next(sbs->bs, blob, iterated, call);
}

static void
iterate(struct shim_call *call)
{
	struct shim_bs *sbs = call->p[0];

	spdk_bs_iter_first(sbs->bs, iterated, call);
}

/* long[] nativeBlobIds(long bs, int[] status): every blob id in SPDK's order. */
JNIEXPORT jlongArray JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeBlobIds(JNIEnv *env, jclass cls, jlong handle, jintArray status)
{
	struct shim_call call = {0};
	struct id_list list = {0};
	jlongArray result = NULL;
	jint rc;

	(void)cls;
	call.fn = iterate;
	call.p[0] = (void *)(uintptr_t)handle;
	call.p[1] = &list;
	rc = shim_run(&call);
	if (rc == 0 && call.u[5]) {
		rc = -ENOMEM;
	}
	if (rc == 0) {
		result = (*env)->NewLongArray(env, (jsize)list.count);
		if (result != NULL) {
			(*env)->SetLongArrayRegion(env, result, 0, (jsize)list.count, (const jlong *)list.ids);
		}
	}
	free(list.ids);
	(*env)->SetIntArrayRegion(env, status, 0, 1, &rc);
	return result;
}

static void
set_super(struct shim_call *call)
{
	struct shim_bs *sbs = call->p[0];

	spdk_bs_set_super(sbs->bs, call->u[0], shim_complete_cb, call);
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeSetSuper(JNIEnv *env, jclass cls, jlong handle, jlong id)
{
	struct shim_call call = {0};

	(void)env;
	(void)cls;
	call.fn = set_super;
	call.p[0] = (void *)(uintptr_t)handle;
	call.u[0] = (uint64_t)id;
	return shim_run(&call);
}

static void
got_super(void *arg, spdk_blob_id id, int bserrno)
{
	struct shim_call *call = arg;

	call->out_u[0] = id;
	shim_complete(call, bserrno);
}

static void
get_super(struct shim_call *call)
{
	struct shim_bs *sbs = call->p[0];

	spdk_bs_get_super(sbs->bs, got_super, call);
}

/* int nativeGetSuper(long bs, long[] out): -ENOENT when no super blob is set. */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeGetSuper(JNIEnv *env, jclass cls, jlong handle, jlongArray out)
{
	struct shim_call call = {0};
	int rc;

	(void)cls;
	call.fn = get_super;
	call.p[0] = (void *)(uintptr_t)handle;
	rc = shim_run(&call);
	if (rc == 0 && !shim_set_long(env, out, 0, (jlong)call.out_u[0])) {
		return -EINVAL;
	}
	return rc;
}

static void
flushed(struct spdk_bdev_io *io, bool success, void *arg)
{
	spdk_bdev_free_io(io);
	shim_complete(arg, success ? 0 : -EIO);
}

static void
flush(struct shim_call *call)
{
	struct shim_bs *sbs = call->p[0];
	struct blob_bdev_head *head = (struct blob_bdev_head *)sbs->dev;
	int rc;

	if (sbs->dev_channel == NULL) {
		shim_complete(call, -ENOTSUP);
		return;
	}
	rc = spdk_bdev_flush_blocks(head->desc, sbs->dev_channel, 0, spdk_bdev_get_num_blocks(head->bdev), flushed, call);
	if (rc != 0) {
		shim_complete(call, rc);
	}
}

JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeFlush(JNIEnv *env, jclass cls, jlong handle)
{
	struct shim_call call = {0};

	(void)env;
	(void)cls;
	call.fn = flush;
	call.p[0] = (void *)(uintptr_t)handle;
	return shim_run(&call);
}

static void
unloaded(void *arg, int bserrno)
{
	struct shim_call *call = arg;
	struct shim_bs *sbs = call->p[0];

	if (bserrno != 0) {
		/* Still loaded (-EBUSY: open blobs): take the channels back. */
		struct blob_bdev_head *head = (struct blob_bdev_head *)sbs->dev;

		if (sbs->channel == NULL) {
			sbs->channel = spdk_bs_alloc_io_channel(sbs->bs);
		}
		if (call->u[0] && sbs->dev_channel == NULL) {
			sbs->dev_channel = spdk_bdev_get_io_channel(head->desc);
		}
		shim_complete(call, bserrno);
		return;
	}
	free(sbs);
	shim_complete(call, 0);
}

static void
unload_after_channels(void *arg)
{
	struct shim_call *call = arg;
	struct shim_bs *sbs = call->p[0];

	spdk_bs_unload(sbs->bs, unloaded, call);
}

static void
unload(struct shim_call *call)
{
	struct shim_bs *sbs = call->p[0];

	if (sbs->channel != NULL) {
		spdk_bs_free_io_channel(sbs->channel);
		sbs->channel = NULL;
	}
	if (sbs->dev_channel != NULL) {
		call->u[0] = 1;
		spdk_put_io_channel(sbs->dev_channel);
		sbs->dev_channel = NULL;
	}
	/* Channel release is deferred by a message; unload after it. */
	spdk_thread_send_msg(spdk_get_thread(), unload_after_channels, call);
}

/* int nativeUnload(long bs): clean unload; on -EBUSY (open blobs) the Blobstore stays loaded. */
JNIEXPORT jint JNICALL
Java_io_github_blobds_spdk_SpdkBlobstore_nativeUnload(JNIEnv *env, jclass cls, jlong handle)
{
	struct shim_call call = {0};

	(void)env;
	(void)cls;
	call.fn = unload;
	call.p[0] = (void *)(uintptr_t)handle;
	return shim_run(&call);
}
