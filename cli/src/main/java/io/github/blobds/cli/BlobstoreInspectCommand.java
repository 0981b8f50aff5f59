package io.github.blobds.cli;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.sim.SimBlobstore;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code blobds blobstore inspect IMAGE}: the super block's fields, the blobstore's geometry and free
 * clusters, and every blob with its size, clusters and xattrs. The image is only read (see {@link ReadOnlyImage}).
 */
@Command(name = "inspect", description = "Print an image's super block, geometry, free clusters, and blobs with sizes, clusters and xattrs.")
final class BlobstoreInspectCommand extends BaseCommand {

    @Mixin
    ImageOption image;

    @Override
    public Integer call() {
        image.checkBlockSize();
        PrintStream out = console().out();
        try (ReadOnlyImage dev = ReadOnlyImage.open(image.image, image.blockSize)) {
            SuperBlockView sb = SuperBlockView.read(dev);
            out.println("image " + dev.path() + ": " + dev.sizeBytes() + " bytes, read as " + dev.blockCount() + " blocks of " + dev.blockSize());
            out.println("super block (page 0):");
            for (Map.Entry<String, Object> f : sb.fields().entrySet()) {
                out.printf("  %-24s %s%n", f.getKey(), f.getValue());
            }
            SimBlobstore bs = BlobstoreImages.load(dev, false);
            try {
                if (!sb.clean()) {
                    out.println("not cleanly unloaded: allocation rebuilt from the metadata pages (in memory; the image is unchanged)");
                }
                out.printf("blobstore: bstype \"%s\", %d clusters of %d bytes, io_unit %d bytes, %d free clusters (%s free)%n",
                        bs.bstype(), bs.totalDataClusters(), bs.clusterSize(), bs.ioUnitSize(), bs.freeClusters(),
                        Sizes.human(bs.freeClusters() * bs.clusterSize()));
                out.println("super blob: " + bs.superBlob().map(BlobId::toString).orElse("none"));
                out.println("blobs: " + bs.blobIds().size());
                for (BlobId id : bs.blobIds()) {
                    try (Blob blob = bs.open(id)) {
                        out.printf("  %s  %d clusters (%d allocated), %d io_units (%s)%s%s%n", id, blob.numClusters(), blob.numAllocatedClusters(),
                                blob.numIoUnits(), Sizes.human(blob.numIoUnits() * bs.ioUnitSize()), blob.isThinProvisioned() ? ", thin" : "",
                                blob.isReadOnly() ? ", read-only" : "");
                        for (String name : blob.xattrNames()) {
                            out.println("      xattr " + name + " = " + xattr(blob.getXattr(name)));
                        }
                    }
                }
            } finally {
                bs.close();
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** A value as text when it is printable UTF-8 (a trailing NUL dropped), as a number when it is 8 bytes, else in hex. */
    static String xattr(byte[] value) {
        int len = value.length > 0 && value[value.length - 1] == 0 ? value.length - 1 : value.length;
        if (len > 0) {
            try {
                String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value, 0, len)).toString();
                if (s.codePoints().noneMatch(c -> Character.isISOControl(c))) {
                    return "\"" + s + "\"" + (len < value.length ? " (NUL-terminated)" : "");
                }
            } catch (CharacterCodingException e) {
                // not text: below
            }
        }
        String hex = HexFormat.of().formatHex(value, 0, Math.min(value.length, 32)) + (value.length > 32 ? "…" : "");
        if (value.length == 8) {
            return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong() + " (u64 LE; " + hex + ")";
        }
        return value.length + " bytes: " + hex;
    }
}
