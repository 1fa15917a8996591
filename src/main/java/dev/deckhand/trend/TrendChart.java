package dev.deckhand.trend;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The trend as a PNG, drawn with XChart in headless mode: on top the estimated monthly waste per week,
 * stacked by kind; below, the monthly saving made through Deckhand (cleanups and schedules) by the
 * end of each week.
 */
public final class TrendChart {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 700;
    private static final int WASTE_HEIGHT = 430;
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("MMM d");
    static final String SAVED = "Saved through Deckhand";

    static {
        // A bot on a server has no display; AWT must not look for one.
        System.setProperty("java.awt.headless", "true");
    }

    private TrendChart() {
    }

    /** The stacked waste chart: one series per kind, one category per week. */
    public static CategoryChart waste(WeeklyTrend trend) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(WASTE_HEIGHT)
                .title("Estimated monthly waste, last " + trend.weeks().size() + " weeks")
                .xAxisTitle("Week of").yAxisTitle("USD / month").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<String> labels = labels(trend);
        if (trend.waste().isEmpty()) {
            chart.addSeries("No findings", labels, trend.weeks().stream().map(w -> (Number) 0.0).toList());
        }
        trend.waste().forEach((kind, values) -> chart.addSeries(kind, labels, values));
        return chart;
    }

    /** The savings chart: one series, one category per week. */
    public static CategoryChart saved(WeeklyTrend trend) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT - WASTE_HEIGHT)
                .title("Monthly saving made through Deckhand (cleanups, schedules)").yAxisTitle("USD / month").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x2E, 0x8B, 0x57)});
        chart.addSeries(SAVED, labels(trend), trend.saved());
        return chart;
    }

    /** Both charts, one above the other, as PNG bytes. */
    public static byte[] png(WeeklyTrend trend) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            waste(trend).paint(g, WIDTH, WASTE_HEIGHT);
            g.translate(0, WASTE_HEIGHT);
            saved(trend).paint(g, WIDTH, HEIGHT - WASTE_HEIGHT);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, BitmapEncoder.BitmapFormat.PNG.name(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<String> labels(WeeklyTrend trend) {
        return trend.weeks().stream().map(WEEK::format).toList();
    }
}
