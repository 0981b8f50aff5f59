package io.github.blobds.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG of one workload: a panel per phase, a horizontal bar per contender (median ops/s, linear scale
 * within the panel), labelled with ops/s and the ratio to the baseline. Drawn with java.awt, headless.
 */
final class BarChart {

    private static final int WIDTH = 1000;
    private static final int LABEL = 230;
    private static final int BAR = 18;
    private static final int GAP = 6;
    private static final Color[] COLORS = {
        new Color(0x4C72B0), new Color(0x55A868), new Color(0x8FBF88), new Color(0xC44E52),
        new Color(0xDD8452), new Color(0xE8B48A), new Color(0x8172B3), new Color(0x937860),
    };

    private BarChart() {
    }

    static void write(Path png, Workload workload, List<BenchReport.Row> rows) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Phase> phases = workload.phases().stream().filter(p -> rows.stream().anyMatch(r -> r.phase() == p)).toList();
        int perPanel = phases.stream().mapToInt(p -> (int) rows.stream().filter(r -> r.phase() == p).count()).max().orElse(1);
        int panelHeight = 28 + perPanel * (BAR + GAP);
        int height = 40 + phases.size() * (panelHeight + 10);
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("blobds side by side: workload " + workload.id() + " (median ops/s, × "
                    + Contender.baseline(workload).id() + ")", 10, 24);
            int y = 40;
            for (Phase phase : phases) {
                List<BenchReport.Row> panel = rows.stream().filter(r -> r.phase() == phase).toList();
                double max = panel.stream().mapToDouble(BenchReport.Row::opsPerSecond).filter(d -> !Double.isNaN(d)).max().orElse(1);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                g.setColor(Color.BLACK);
                g.drawString(phase.title() + (phase == Phase.KEYS_ALL ? " (keys/s)" : phase == Phase.PUT_BATCH ? " (puts/s)" : ""), 10, y + 16);
                int by = y + 24;
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                for (BenchReport.Row r : panel) {
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(r.contender().id(), 10, by + BAR - 5);
                    double v = Double.isNaN(r.opsPerSecond()) ? 0 : r.opsPerSecond();
                    int w = (int) Math.round((WIDTH - LABEL - 170) * v / max);
                    g.setColor(COLORS[r.contender().ordinal() % COLORS.length]);
                    g.fillRect(LABEL, by, Math.max(w, 1), BAR);
                    g.setColor(Color.BLACK);
                    String label = ReportFormat.ops(r.opsPerSecond())
                            + (Double.isNaN(r.ratioToBaseline()) ? "" : String.format(Locale.ROOT, "  (%.2f×)", r.ratioToBaseline()));
                    g.drawString(label, LABEL + Math.max(w, 1) + 6, by + BAR - 5);
                    by += BAR + GAP;
                }
                g.setColor(Color.LIGHT_GRAY);
                g.setStroke(new BasicStroke(1));
                g.drawLine(10, y + panelHeight + 4, WIDTH - 10, y + panelHeight + 4);
                y += panelHeight + 10;
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JVM for " + png);
        }
    }
}
