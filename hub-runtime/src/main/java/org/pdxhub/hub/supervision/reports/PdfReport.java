package org.pdxhub.hub.supervision.reports;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;


/** A report as a PDF for leadership and departments: Chinese text in an embedded CJK font, the charts, the tables. */
@Singleton
public class PdfReport {

    @Inject
    Charts charts;

    @Inject
    ReportFont font;

    public byte[] render(StoredReport report) {
        ReportFigures f = report.figures();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 40, 40, 40, 40);
        try {
            BaseFont base = BaseFont.createFont(font.pdfName(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            Font title = new Font(base, 18, Font.BOLD);
            Font heading = new Font(base, 13, Font.BOLD);
            Font text = new Font(base, 10);
            Font small = new Font(base, 8);
            PdfWriter.getInstance(doc, out);
            doc.addTitle(f.title() + " 公共数据定期通报");
            doc.open();
            Paragraph t = new Paragraph(f.title() + " 公共数据定期通报", title);
            t.setAlignment(Element.ALIGN_CENTER);
            doc.add(t);
            Paragraph sub = new Paragraph("范围：" + f.scopeName() + "　期间：" + f.from() + " 至 " + f.to() + "　报告编号：" + report.id()
                    + (f.demo() ? "　【演示数据，非真实业务】" : ""), text);
            sub.setAlignment(Element.ALIGN_CENTER);
            sub.setSpacingAfter(10);
            doc.add(sub);

            ReportFigures.Totals x = f.totals();
            doc.add(new Paragraph("一、总体情况", heading));
            PdfPTable summary = table(4, small);
            cells(summary, small, "目录资源数", x.resources(), "未按时更新", x.resourcesLate(),
                    "汇聚记录数", x.recordsSent(), "拒收记录数", x.recordsRefused(),
                    "共享申请数", x.shareRequests(), "按时答复率", percent(x.onTimeRate()),
                    "开放申请数", x.openApplications(), "公众开放需求", x.publicDemands(),
                    "不予共享/开放", x.refusals(), "异议", x.disputes(),
                    "逾期事项", x.overdueRequests(), "纠错（逾期）", x.corrections() + "（" + x.correctionsOverdue() + "）",
                    "共享读取次数", x.sharedReads(), "开放下载次数", x.openDownloads(),
                    "应急授权（封存）", x.emergencyGrants() + "（" + x.emergencySealed() + "）", "平均质量得分", x.qualityScore() == null ? "—" : x.qualityScore());
            doc.add(summary);

            doc.add(new Paragraph("二、图表", heading));
            for (Charts.Chart chart : charts.of(f)) {
                Image img = Image.getInstance(chart.png());
                img.scaleToFit(515, 240);
                doc.add(img);
            }

            doc.newPage();
            doc.add(new Paragraph("三、各部门情况", heading));
            PdfPTable depts = table(9, small);
            header(depts, small, "部门", "资源", "未按时更新", "汇聚记录", "合规率", "质量得分", "按时答复率", "逾期", "纠错");
            for (ReportFigures.Department d : f.departments()) {
                cells(depts, small, d.name(), d.resources(), d.resourcesLate(), d.recordsSent(), percent(d.conformity()),
                        d.qualityScore() == null ? "—" : d.qualityScore(), percent(d.onTimeRate()), d.overdue(), d.corrections());
            }
            doc.add(depts);

            doc.add(new Paragraph("四、数据质量（按资源）", heading));
            PdfPTable res = table(8, small);
            header(res, small, "资源代码", "资源名称", "更新周期", "逾期未更新", "合规率", "完整率", "准确率", "质量得分");
            for (ReportFigures.ResourceLine r : f.resources()) {
                cells(res, small, r.code(), r.name(), r.updateCycle(), r.late() ? "是" : "否", percent(r.conformity()),
                        percent(r.completeness()), percent(r.accuracy()), r.score() == null ? "—" : r.score());
            }
            doc.add(res);

            doc.add(new Paragraph("五、共享数据用途（使用日志，第十九条）", heading));
            PdfPTable use = table(2, small);
            header(use, small, "用途", "次数");
            for (ReportFigures.Count c : f.useByPurpose()) {
                cells(use, small, c.name() == null ? "—" : c.name(), c.count());
            }
            doc.add(use);
            doc.add(new Paragraph("六、逾期事项（按单位）", heading));
            PdfPTable overdue = table(2, small);
            header(overdue, small, "单位", "逾期事项");
            for (ReportFigures.Count c : f.overdueByOrganisation()) {
                cells(overdue, small, c.name(), c.count());
            }
            doc.add(overdue);
            doc.close();
            return out.toByteArray();
        } catch (DocumentException e) {
            throw new IllegalStateException("report " + report.id() + " could not be drawn as PDF: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PdfPTable table(int columns, Font font) {
        PdfPTable t = new PdfPTable(columns);
        t.setWidthPercentage(100);
        t.setSpacingBefore(4);
        t.setSpacingAfter(10);
        return t;
    }

    private static void header(PdfPTable t, Font font, String... names) {
        for (String n : names) {
            PdfPCell cell = new PdfPCell(new Paragraph(n, font));
            cell.setBackgroundColor(new Color(0xE8, 0xEC, 0xF2));
            t.addCell(cell);
        }
    }

    private static void cells(PdfPTable t, Font font, Object... values) {
        for (Object v : values) {
            t.addCell(new Paragraph(String.valueOf(v), font));
        }
    }

    private static String percent(Double rate) {
        return rate == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
    }
}
