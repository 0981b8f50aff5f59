package io.github.blobds.cli;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.sim.SimBlobstore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code blobds blobstore fsck IMAGE}: checks an image's consistency without changing it. The super block
 * must be valid (signature, version, CRC, layout); the metadata pages must load, every blob open and its
 * xattrs read; and for a cleanly unloaded image, the three allocation masks on disk (used pages, used
 * clusters, used blob ids) must equal the ones rebuilt from the metadata pages, bit for bit. A dirty
 * image's masks are stale by design (SPDK rebuilds them at load), so they are not compared: that is a
 * note, not a problem. Exits 0 when consistent, 1 with the problems listed.
 */
@Command(name = "fsck", description = {"Check an image (read only): super block, metadata, blobs and xattrs, and that the on-disk",
        "allocation masks match the metadata. Exit 0: consistent; 1: problems, listed."})
final class BlobstoreFsckCommand extends BaseCommand {

    /** Differences listed per mask before "… and N more". */
    static final int MAX_LISTED = 10;

    @Mixin
    ImageOption image;

    @Option(names = {"-q", "--quiet"}, description = "Print problems only.")
    boolean quiet;

    @Override
    public Integer call() {
        image.checkBlockSize();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int blobs = 0;
        try (ReadOnlyImage dev = ReadOnlyImage.open(image.image, image.blockSize)) {
            SuperBlockView sb = SuperBlockView.read(dev);
            if (!sb.crcOk()) {
                problems.add("super block (page 0): CRC-32C " + String.format("0x%08x", sb.crc()) + " does not match its content");
            }
            BitSet[] onDisk = null;
            if (sb.clean()) {
                try {
                    onDisk = new BitSet[] {sb.usedPages(dev), sb.usedClusters(dev), sb.usedBlobIds(dev)};
                } catch (CliException | BlobstoreException e) {
                    problems.add(e.getMessage());
                }
            } else {
                notes.add("not cleanly unloaded (clean = 0): its masks are rebuilt at load, so they are not compared");
            }
            SimBlobstore bs;
            try {
                bs = SimBlobstore.load(dev, io.github.blobds.blobstore.BlobstoreOptions.defaults().withForceRecover(true));
            } catch (BlobstoreException e) {
                problems.add("metadata does not load: " + e.getMessage());
                return report(problems, notes, 0);
            }
            try {
                blobs = bs.blobIds().size();
                for (BlobId id : bs.blobIds()) {
                    try (Blob blob = bs.open(id)) {
                        for (String name : blob.xattrNames()) {
                            blob.getXattr(name);
                        }
                    } catch (BlobstoreException e) {
                        problems.add("blob " + id + ": " + e.getMessage());
                    }
                }
            } finally {
                bs.close();
            }
            if (onDisk != null) {
                SuperBlockView rebuilt = SuperBlockView.read(dev);
                compare("used-pages mask", "metadata page", onDisk[0], rebuilt.usedPages(dev), problems);
                compare("used-clusters mask", "cluster", onDisk[1], rebuilt.usedClusters(dev), problems);
                if (sb.usedBlobidMaskLen() != 0) {
                    compare("used-blobids mask", "blob id of page", onDisk[2], rebuilt.usedBlobIds(dev), problems);
                }
            }
        }
        return report(problems, notes, blobs);
    }

    private static void compare(String mask, String unit, BitSet onDisk, BitSet fromMetadata, List<String> problems) {
        BitSet extra = (BitSet) onDisk.clone();
        extra.andNot(fromMetadata);
        BitSet missing = (BitSet) fromMetadata.clone();
        missing.andNot(onDisk);
        list(extra, i -> mask + ": " + unit + " " + i + " is marked used on disk but the metadata does not use it", problems);
        list(missing, i -> mask + ": " + unit + " " + i + " is used by the metadata but marked free on disk", problems);
    }

    private static void list(BitSet bits, java.util.function.IntFunction<String> message, List<String> problems) {
        int n = 0;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            if (n++ < MAX_LISTED) {
                problems.add(message.apply(i));
            }
        }
        if (n > MAX_LISTED) {
            problems.add("… and " + (n - MAX_LISTED) + " more like the last");
        }
    }

    private int report(List<String> problems, List<String> notes, int blobs) {
        PrintStream out = console().out();
        if (!quiet) {
            notes.forEach(n -> out.println("note: " + n));
        }
        if (problems.isEmpty()) {
            if (!quiet) {
                out.println(image.image + ": consistent (" + blobs + " blobs)");
            }
            out.flush();
            return ExitCodes.OK;
        }
        problems.forEach(p -> out.println("problem: " + p));
        out.println(image.image + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
        out.flush();
        return ExitCodes.NO;
    }
}
