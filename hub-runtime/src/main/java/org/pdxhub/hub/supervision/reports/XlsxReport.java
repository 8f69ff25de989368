package org.pdxhub.hub.supervision.reports;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A report as a workbook: the summary, one sheet per table, and the charts as pictures. */
@Singleton
public class XlsxReport {

    @Inject
    Charts charts;

    public byte[] render(StoredReport report) {
        ReportFigures f = report.figures();
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ReportFigures.Totals t = f.totals();
            Sheet s = wb.createSheet("汇总");
            rows(s, List.of(
                    List.of("报告", f.title() + " 公共数据定期通报（" + f.scopeName() + "）" + (f.demo() ? " [演示数据]" : "")),
                    List.of("报告编号", report.id()),
                    List.of("统计期间", f.from() + " 至 " + f.to()),
                    List.of("目录资源数", t.resources()),
                    List.of("未按时更新资源数", t.resourcesLate()),
                    List.of("汇聚记录数", t.recordsSent()),
                    List.of("接收记录数", t.recordsAccepted()),
                    List.of("拒收记录数", t.recordsRefused()),
                    List.of("共享申请数", t.shareRequests()),
                    List.of("共享申请已答复", t.shareAnswered()),
                    List.of("共享申请按时答复", t.shareAnsweredOnTime()),
                    List.of("按时答复率", t.onTimeRate() == null ? "" : t.onTimeRate()),
                    List.of("开放申请数", t.openApplications()),
                    List.of("公众开放需求数", t.publicDemands()),
                    List.of("需求申请数", t.demands()),
                    List.of("不予共享/开放数", t.refusals()),
                    List.of("异议数", t.disputes()),
                    List.of("逾期事项数", t.overdueRequests()),
                    List.of("纠错数", t.corrections()),
                    List.of("纠错采纳数", t.correctionsAccepted()),
                    List.of("纠错驳回数", t.correctionsRejected()),
                    List.of("纠错逾期数", t.correctionsOverdue()),
                    List.of("共享读取次数", t.sharedReads()),
                    List.of("开放下载次数", t.openDownloads()),
                    List.of("应急授权数", t.emergencyGrants()),
                    List.of("应急数据封存数", t.emergencySealed()),
                    List.of("平均质量得分", t.qualityScore() == null ? "" : t.qualityScore())));
            Sheet d = wb.createSheet("部门");
            rows(d, List.of(List.of("统一社会信用代码", "部门", "资源数", "未按时更新", "汇聚记录", "接收记录", "合规率", "质量得分", "已答复申请",
                    "按时答复", "按时答复率", "不予共享", "异议", "逾期", "纠错", "纠错逾期")));
            int n = 1;
            for (ReportFigures.Department x : f.departments()) {
                row(d, n++, List.of(x.uscc(), x.name(), x.resources(), x.resourcesLate(), x.recordsSent(), x.recordsAccepted(), num(x.conformity()),
                        num(x.qualityScore()), x.requestsAnswered(), x.requestsOnTime(), num(x.onTimeRate()), x.refusals(), x.disputes(), x.overdue(),
                        x.corrections(), x.correctionsOverdue()));
            }
            Sheet r = wb.createSheet("资源");
            rows(r, List.of(List.of("资源代码", "资源名称", "提供部门", "更新周期", "逾期未更新", "汇聚记录", "接收记录", "合规率", "完整率", "准确率",
                    "可用率", "质量得分", "开放下载")));
            n = 1;
            for (ReportFigures.ResourceLine x : f.resources()) {
                row(r, n++, List.of(x.code(), x.name(), x.provider(), x.updateCycle(), x.late() ? "是" : "否", x.sent(), x.accepted(),
                        num(x.conformity()), num(x.completeness()), num(x.accuracy()), num(x.availability()), num(x.score()), x.openDownloads()));
            }
            Sheet u = wb.createSheet("用途与逾期");
            rows(u, List.of(List.of("共享用途", "次数")));
            n = 1;
            for (ReportFigures.Count c : f.useByPurpose()) {
                row(u, n++, List.of(c.name() == null ? "" : c.name(), c.count()));
            }
            row(u, ++n, List.of("逾期单位", "逾期事项"));
            for (ReportFigures.Count c : f.overdueByOrganisation()) {
                row(u, ++n, List.of(c.name(), c.count()));
            }
            Sheet c = wb.createSheet("图表");
            Drawing<?> drawing = c.createDrawingPatriarch();
            int top = 0;
            for (Charts.Chart chart : charts.of(f)) {
                int picture = wb.addPicture(chart.png(), Workbook.PICTURE_TYPE_PNG);
                ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
                anchor.setCol1(0);
                anchor.setRow1(top);
                anchor.setCol2(14);
                anchor.setRow2(top + 21);
                drawing.createPicture(anchor, picture);
                top += 23;
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object num(Double d) {
        return d == null ? "" : d;
    }

    private static void rows(Sheet s, List<List<?>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            row(s, i, rows.get(i));
        }
    }

    private static void row(Sheet s, int i, List<?> values) {
        Row row = s.createRow(i);
        for (int c = 0; c < values.size(); c++) {
            Object v = values.get(c);
            if (v instanceof Number number) {
                row.createCell(c).setCellValue(number.doubleValue());
            } else {
                row.createCell(c).setCellValue(String.valueOf(v));
            }
        }
    }
}
