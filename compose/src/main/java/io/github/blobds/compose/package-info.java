/**
 * kubo's {@code Datastore.Spec} composed into a datastore tree: {@link io.github.blobds.compose.Composer}
 * parses a spec (JSON, YAML, a file, kubo's config file) into immutable records, checks it strictly, and
 * makes a {@link io.github.blobds.compose.Composition} that opens a repo as kubo does, with its
 * {@code datastore_spec} check.
 *
 * <h2>Spec types</h2>
 * <table>
 *   <caption>The built-in types and their fields (as kubo v0.42's)</caption>
 *   <tr><th>type</th><th>fields</th><th>datastore</th><th>disk spec</th></tr>
 *   <tr><td>{@code mount}</td><td>{@code mounts} (required): specs each with a {@code mountpoint} (required)</td>
 *       <td>{@code MountDatastore}</td><td>{@code {"mounts":[child + "mountpoint", …],"type":"mount"}}</td></tr>
 *   <tr><td>{@code measure}</td><td>{@code prefix}, {@code child} (both required)</td>
 *       <td>{@code MeasureDatastore}</td><td>the child's</td></tr>
 *   <tr><td>{@code log}</td><td>{@code name}, {@code child} (both required)</td><td>{@code LogDatastore}</td><td>the child's</td></tr>
 *   <tr><td>{@code mem}</td><td>none</td><td>{@code SynchronizedDatastore(MapDatastore)}</td><td>{@code null}</td></tr>
 *   <tr><td>{@code flatfs}</td><td>{@code path}, {@code shardFunc}, {@code sync} (all required); {@code blobfs}</td>
 *       <td>{@code FlatfsDatastore}</td><td>{@code {"path":…,"shardFunc":…,"type":"flatfs"}}</td></tr>
 *   <tr><td>{@code levelds}</td><td>{@code path} (required); {@code compression} ({@code "none"}, {@code "snappy"},
 *       {@code ""}); {@code blobfs}</td><td>{@code LeveldbDatastore}</td><td>{@code {"path":…,"type":"levelds"}}</td></tr>
 * </table>
 * Third-party types come as {@link io.github.blobds.compose.SpecTypeModule}s found with
 * {@link java.util.ServiceLoader}.
 *
 * <h2>Strictness, and the leftovers kubo's own specs carry</h2>
 * Every field a type does not read is an error, except exactly one leftover: a {@code "prefix"} whose value
 * is a string, on a datastore spec whose type has no {@code prefix} field of its own (every built-in type
 * but {@code measure}). kubo's default spec has it on its flatfs and levelds mounts, and its pebbleds and
 * badgerds profiles at the top. {@code "mountpoint"} is a field of each mount entry, read by the mount; it
 * is an error anywhere else. Beyond kubo, a spec is also refused when two mounts share a mountpoint, two
 * datastores share a directory on one file system, or one BlobFS image or bdev is described two ways.
 *
 * <h2>BlobFS placement</h2>
 * {@code flatfs} and {@code levelds} take an optional {@code "blobfs"} object placing their directory
 * inside a BlobFS on an image file, in memory, or on an SPDK bdev such as an NVMe namespace; see
 * {@link io.github.blobds.compose.BlobFsPlacement}.
 */
package io.github.blobds.compose;
