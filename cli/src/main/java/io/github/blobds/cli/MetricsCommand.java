package io.github.blobds.cli;

import io.github.blobds.compose.Composer;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code blobds metrics}: the meters of the tree's {@code measure} datastores (go-ds-measure's names) in
 * Prometheus's text format. Meters live in a process, so a one-shot command shows what it did itself:
 * it opens the repo with a Prometheus registry, exercises it read-only — one keys-only query of everything,
 * then {@code has}, {@code getSize} and {@code get} of up to {@code --sample} keys — and prints the scrape.
 */
@Command(name = "metrics", description = {"Print the measure meters of the repo's tree (Prometheus text), after a read-only probe:",
        "a keys-only query, then has/getSize/get of up to --sample keys. Profile kubo-measure has measure datastores."})
final class MetricsCommand extends RepoCommand {

    @Option(names = "--sample", paramLabel = "N", defaultValue = "100", description = "Keys to read in the probe (default: ${DEFAULT-VALUE}; 0: none).")
    int sample;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Override
    Composer composer() {
        return Composer.builder().meterRegistry(registry).build();
    }

    @Override
    int call(Batching ds) {
        if (sample < 0) {
            throw new CliException("--sample must not be negative, was " + sample);
        }
        List<Key> keys = new ArrayList<>();
        try (Results r = ds.query(Query.builder().keysOnly(true).build())) {
            for (Entry e : r) {
                if (keys.size() < sample) {
                    keys.add(Key.raw(e.key()));
                }
            }
        }
        for (Key k : keys) {
            if (ds.has(k)) {
                ds.getSize(k);
                ds.get(k);
            }
        }
        if (registry.getMeters().isEmpty()) {
            note("metrics: the spec of repo " + repo() + " has no measure datastore, so there are no meters"
                    + " (a repo made with init --profile kubo-measure has them)");
            return ExitCodes.OK;
        }
        console().out().print(registry.scrape());
        console().out().flush();
        return ExitCodes.OK;
    }
}
