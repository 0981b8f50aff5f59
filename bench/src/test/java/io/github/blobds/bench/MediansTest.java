package io.github.blobds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MediansTest {

    @Nested
    @DisplayName("median")
    class Median {

        @Test
        @DisplayName("of an odd count is the middle value")
        void odd() {
            assertEquals(3.0, Medians.median(5, 1, 3));
        }

        @Test
        @DisplayName("of an even count is the mean of the middle two")
        void even() {
            assertEquals(2.5, Medians.median(4, 1, 2, 3));
        }

        @Test
        @DisplayName("ignores NaN and is NaN when nothing is left")
        void nan() {
            assertEquals(2.0, Medians.median(Double.NaN, 2));
            assertTrue(Double.isNaN(Medians.median()));
            assertTrue(Double.isNaN(Medians.median(Double.NaN)));
        }
    }

    @Nested
    @DisplayName("median of paired ratios")
    class PairedRatios {

        @Test
        @DisplayName("divides run by run, not medians by medians")
        void pairs() {
            // medians are 20 and 10 (ratio 2), but every paired ratio is 1, 1 or 4
            Map<Integer, Double> a = Map.of(1, 10.0, 2, 20.0, 3, 40.0);
            Map<Integer, Double> b = Map.of(1, 10.0, 2, 20.0, 3, 10.0);
            assertEquals(1.0, Medians.medianOfRatios(a, b));
        }

        @Test
        @DisplayName("takes only the runs present on both sides and skips zero denominators")
        void unpaired() {
            Map<Integer, Double> a = Map.of(1, 6.0, 2, 8.0, 3, 100.0);
            Map<Integer, Double> b = Map.of(1, 3.0, 2, 2.0, 4, 1.0);
            assertEquals(3.0, Medians.medianOfRatios(a, b));
            assertTrue(Double.isNaN(Medians.medianOfRatios(Map.of(1, 1.0), Map.of(1, 0.0))));
            assertTrue(Double.isNaN(Medians.medianOfRatios(Map.of(1, 1.0), Map.of(2, 1.0))));
        }
    }

    @Nested
    @DisplayName("percentile")
    class Percentile {

        private final long[] hundred = java.util.stream.LongStream.rangeClosed(1, 100).toArray();

        @Test
        @DisplayName("is the nearest rank")
        void nearestRank() {
            assertEquals(50, Medians.percentile(hundred, 100, 50));
            assertEquals(99, Medians.percentile(hundred, 100, 99));
            assertEquals(100, Medians.percentile(hundred, 100, 100));
            assertEquals(1, Medians.percentile(hundred, 100, 0.5));
        }

        @Test
        @DisplayName("of few samples is the largest for p99 and the middle for p50")
        void few() {
            long[] three = {10, 20, 30};
            assertEquals(20, Medians.percentile(three, 3, 50));
            assertEquals(30, Medians.percentile(three, 3, 99));
            assertEquals(7, Medians.percentile(new long[] {7}, 1, 99));
        }

        @Test
        @DisplayName("of nothing is 0, and p outside (0, 100] fails")
        void edges() {
            assertEquals(0, Medians.percentile(new long[0], 0, 50));
            assertThrows(IllegalArgumentException.class, () -> Medians.percentile(hundred, 100, 0));
            assertThrows(IllegalArgumentException.class, () -> Medians.percentile(hundred, 100, 101));
        }
    }
}
