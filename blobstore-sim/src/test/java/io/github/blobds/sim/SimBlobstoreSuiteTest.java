package io.github.blobds.sim;

import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.conformance.BlobstoreSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The Blobstore suite on the simulator: memory devices with 4096- and 512-byte blocks, a simulated device and a file device. */
class SimBlobstoreSuiteTest {

    @Nested
    class OnMemoryDevice extends BlobstoreSuite {
        private MemoryDevice dev;

        @Override
        protected Blobstore init(BlobstoreOptions options) {
            dev = MemoryDevice.ofBytes(deviceBytes(), blockSize());
            return SimBlobstore.init(dev, options);
        }

        @Override
        protected Blobstore load(BlobstoreOptions options) {
            return SimBlobstore.load(dev, options);
        }
    }

    @Nested
    class OnMemoryDeviceWith512ByteBlocks extends BlobstoreSuite {
        private MemoryDevice dev;

        @Override
        protected int blockSize() {
            return 512;
        }

        @Override
        protected Blobstore init(BlobstoreOptions options) {
            dev = MemoryDevice.ofBytes(deviceBytes(), blockSize());
            return SimBlobstore.init(dev, options);
        }

        @Override
        protected Blobstore load(BlobstoreOptions options) {
            return SimBlobstore.load(dev, options);
        }
    }

    @Nested
    class OnSimulatedDevice extends BlobstoreSuite {
        private SimulatedDevice dev;

        @Override
        protected Blobstore init(BlobstoreOptions options) {
            dev = new SimulatedDevice(MemoryDevice.ofBytes(deviceBytes(), blockSize()), 7);
            return SimBlobstore.init(dev, options);
        }

        @Override
        protected Blobstore load(BlobstoreOptions options) {
            return SimBlobstore.load(dev, options);
        }
    }

    @Nested
    class OnFileDevice extends BlobstoreSuite {
        @TempDir
        Path dir;
        private FileDevice dev;

        @Override
        protected Blobstore init(BlobstoreOptions options) {
            if (dev != null) {
                dev.close();
            }
            dev = FileDevice.create(dir.resolve("blobstore.img"), deviceBytes(), blockSize());
            return SimBlobstore.init(dev, options);
        }

        @Override
        protected Blobstore load(BlobstoreOptions options) {
            dev.close();
            dev = FileDevice.open(dir.resolve("blobstore.img"), blockSize());
            return SimBlobstore.load(dev, options);
        }
    }
}
