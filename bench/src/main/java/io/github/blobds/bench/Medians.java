package io.github.blobds.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Medians and percentiles as the report takes them. */
final class Medians {

    private Medians() {
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN when there are none. NaNs are ignored. */
    static double median(double... values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /**
     * The median over runs of {@code numerator[run] / denominator[run]}, taking only the runs present in
     * both (paired ratios: each pair ran back to back, so slow phases of the machine cancel out); NaN
     * when no run pairs up or a denominator is zero.
     */
    static double medianOfRatios(Map<Integer, Double> numerator, Map<Integer, Double> denominator) {
        SortedMap<Integer, Double> pairs = new TreeMap<>();
        for (var e : numerator.entrySet()) {
            Double d = denominator.get(e.getKey());
            if (d != null && d != 0 && !Double.isNaN(d) && !Double.isNaN(e.getValue())) {
                pairs.put(e.getKey(), e.getValue() / d);
            }
        }
        return median(pairs.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The {@code p}-th percentile (0 &lt; p ≤ 100) of sorted samples by the nearest-rank method: the
     * smallest sample with at least p % of the samples at or below it. 0 when there are none.
     */
    static long percentile(long[] sorted, int count, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
        }
        if (count == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(rank, 1) - 1];
    }
}
