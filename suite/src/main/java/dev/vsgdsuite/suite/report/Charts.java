package dev.vsgdsuite.suite.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's plots, drawn with XChart from run folders, as PNG bytes. */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** Train loss, validation loss and test accuracy (right axis) against iteration. */
    public static byte[] learningCurves(RunRecord run) {
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title(run.experiment() + " · " + run.optimizer() + " · seed " + run.seed())
                .xAxisTitle("iteration").yAxisTitle("loss").build();
        style(chart);
        add(chart, "train loss", run.series("train_loss"), 0);
        add(chart, "validation loss", run.series("val_loss"), 0);
        XYSeries acc = add(chart, "test accuracy", run.series("test_accuracy"), 1);
        if (acc != null) {
            acc.setMarker(SeriesMarkers.CIRCLE);
            chart.setYAxisGroupTitle(1, "test accuracy");
        }
        return png(chart);
    }

    /** VSGD's final distribution of the implicit momentum β1 = Bh/(Bg + Bh). */
    public static byte[] betaHistogram(String title, JsonNode histogram) {
        int bins = histogram.path("bins").asInt(50);
        double[] x = new double[bins];
        double[] y = new double[bins];
        for (int i = 0; i < bins; i++) {
            x[i] = (i + 0.5) / bins;
            y[i] = histogram.path("counts").path(i).asDouble();
        }
        CategoryChart chart = new CategoryChartBuilder().width(900).height(400).title(title)
                .xAxisTitle("β1 = Bh / (Bg + Bh)").yAxisTitle("parameters").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        chart.addSeries("β1", x, y);
        return png(chart);
    }

    /** One line per run of an experiment: test accuracy and train loss against iteration. */
    public static byte[] comparison(String experiment, List<RunRecord> runs, String field, String axis) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(experiment + ": " + axis)
                .xAxisTitle("iteration").yAxisTitle(axis).build();
        style(chart);
        for (RunRecord r : runs) {
            if (r.experiment().equals(experiment)) {
                XYSeries s = add(chart, r.optimizer() + " s" + r.seed(), r.series(field), 0);
                if (s != null && field.contains("accuracy")) {
                    s.setMarker(SeriesMarkers.CIRCLE);
                }
            }
        }
        return png(chart);
    }

    /**
     * Final test accuracy (%) against seed, one series per optimizer: runs of one seed share their
     * initial weights and batch order, so the points above a seed are the pairs the verdict compares.
     */
    public static byte[] perSeed(ClaimCheck.Outcome outcome) {
        XYChart chart = new XYChartBuilder().width(900).height(500)
                .title(outcome.experiment() + ": final test accuracy per seed (paired by seed)")
                .xAxisTitle("seed").yAxisTitle("test accuracy (%)").build();
        style(chart);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setXAxisDecimalPattern("0");
        for (ClaimCheck.Row r : outcome.rows().values()) {
            double[] x = r.bySeed().keySet().stream().mapToDouble(Long::doubleValue).toArray();
            double[] y = r.bySeed().values().stream().mapToDouble(a -> 100 * a).toArray();
            XYSeries s = add(chart, r.optimizer(), new double[][] {x, y}, 0);
            if (s != null) {
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setLineStyle(new java.awt.BasicStroke(0.5f));
            }
        }
        return png(chart);
    }

    /** Named curves on one plot, e.g. validation accuracy against iteration per learning rate. */
    public static byte[] curves(String title, String axis, java.util.Map<String, double[][]> series) {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("iteration")
                .yAxisTitle(axis).build();
        style(chart);
        series.forEach((name, xy) -> {
            XYSeries s = add(chart, name, xy, 0);
            if (s != null) {
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        });
        return png(chart);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setMarkerSize(4)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    private static XYSeries add(XYChart chart, String name, double[][] xy, int axisGroup) {
        if (xy[0].length == 0) {
            return null;
        }
        XYSeries s = chart.addSeries(name, xy[0], xy[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setYAxisGroup(axisGroup);
        return s;
    }

    private static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
