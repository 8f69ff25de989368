package org.pdxhub.hub.supervision.reports;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/** The report's charts, drawn on the server as PNG: the same figures the console draws from the JSON. */
@Singleton
public class Charts {

    /** One chart's title and picture. */
    public record Chart(String title, byte[] png) {
    }

    @Inject
    ReportFont font;

    public List<Chart> of(ReportFigures f) {
        return List.of(trend(f), onTimeByDepartment(f), qualityByResource(f));
    }

    /** Records accepted and refused per day: the aggregation trend. */
    Chart trend(ReportFigures f) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReportFigures.DayPoint p : f.trend()) {
            String day = p.day().getMonthValue() + "/" + p.day().getDayOfMonth();
            data.addValue(p.accepted(), "接收", day);
            data.addValue(p.refused(), "拒收", day);
        }
        String title = "汇聚记录数趋势（按日）";
        return new Chart(title, png(ChartFactory.createLineChart(title, "日期", "记录数", data, PlotOrientation.VERTICAL, true, false, false), 900, 380));
    }

    /** Share requests answered on time, by providing department: the ranking. */
    Chart onTimeByDepartment(ReportFigures f) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        f.departments().stream().filter(d -> d.onTimeRate() != null)
                .sorted(Comparator.comparing(ReportFigures.Department::onTimeRate).reversed())
                .limit(20).forEach(d -> data.addValue(d.onTimeRate() * 100, "按时答复率 %", d.name()));
        String title = "共享申请按时答复率（按部门）";
        return new Chart(title, png(ChartFactory.createBarChart(title, "部门", "%", data, PlotOrientation.HORIZONTAL, false, false, false), 900, 380));
    }

    /** Quality score by resource, lowest first: where to look. */
    Chart qualityByResource(ReportFigures f) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        f.resources().stream().filter(r -> r.score() != null).sorted(Comparator.comparing(ReportFigures.ResourceLine::score))
                .limit(20).forEach(r -> data.addValue(r.score(), "质量得分", r.name()));
        String title = "数据质量得分（按资源，由低到高）";
        return new Chart(title, png(ChartFactory.createBarChart(title, "资源", "得分", data, PlotOrientation.HORIZONTAL, false, false, false), 900, 420));
    }

    private byte[] png(JFreeChart chart, int width, int height) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(font.awt(18));
        theme.setLargeFont(font.awt(14));
        theme.setRegularFont(font.awt(12));
        theme.setSmallFont(font.awt(10));
        theme.apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(0xF4, 0xF6, 0xF8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
