package org.pdxhub.hub.responsibility;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.DataItem;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.catalog.ResourceSummary;
import org.pdxhub.hub.organisation.Organisation;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Generates the responsibility lists from the published catalog, as JSON values or an XLSX workbook. */
@ApplicationScoped
public class ResponsibilityLists {

    /** The workbook's columns, in order; the first row of the sheet. */
    static final List<String> COLUMNS = List.of("序号", "资源代码", "资源名称", "版本", "分类", "应当提供", "条件", "依据",
            "更新周期", "数据格式", "数据项", "发布时间");

    @Inject
    Catalog catalog;

    @Inject
    Organisations organisations;

    @Inject
    WorkingDayCalendar calendar;

    public ResponsibilityList list(String uscc, ResponsibilityList.Kind kind) {
        Organisation org = organisations.find(uscc).orElseThrow(() -> ProblemException.notFound("organisation", uscc));
        List<ResponsibilityList.Entry> entries = new ArrayList<>();
        for (ResourceSummary s : catalog.list(ResourceStatus.PUBLISHED, uscc, null, null)) {
            catalog.find(s.code()).ifPresent(r -> entries.add(entry(r, kind)));
        }
        entries.sort(Comparator.comparing((ResponsibilityList.Entry e) -> !e.must()).thenComparing(ResponsibilityList.Entry::code));
        return new ResponsibilityList(uscc, org.name(), kind, calendar.today(), entries);
    }

    private static ResponsibilityList.Entry entry(CatalogResource r, ResponsibilityList.Kind kind) {
        boolean sharing = kind == ResponsibilityList.Kind.SHARING;
        String classification = sharing ? r.shareType().name() : r.openType().name();
        boolean must = sharing ? r.shareType() != ShareType.NONE : r.openType() != OpenType.NONE;
        List<String> items = r.items().stream().map(ResponsibilityLists::item).toList();
        return new ResponsibilityList.Entry(r.code(), r.name(), r.version(), classification, must,
                sharing ? r.shareConditions() : r.openConditions(), sharing ? r.shareBasis() : r.openBasis(),
                r.updateCycle().name(), r.format(), items, r.publishedAt());
    }

    private static String item(DataItem i) {
        return i.title() == null ? i.name() : i.name() + " (" + i.title() + ")";
    }

    /** The list as a workbook: one sheet named after the list, a header row, then one row per resource. */
    public byte[] xlsx(ResponsibilityList list) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(list.kind().title());
            Row header = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(COLUMNS.get(c));
            }
            int n = 0;
            for (ResponsibilityList.Entry e : list.entries()) {
                Row row = sheet.createRow(++n);
                row.createCell(0).setCellValue(n);
                row.createCell(1).setCellValue(e.code());
                row.createCell(2).setCellValue(e.name());
                row.createCell(3).setCellValue(e.version());
                row.createCell(4).setCellValue(e.classification());
                row.createCell(5).setCellValue(e.must() ? "是" : "否");
                row.createCell(6).setCellValue(text(e.conditions()));
                row.createCell(7).setCellValue(text(e.basis()));
                row.createCell(8).setCellValue(e.updateCycle());
                row.createCell(9).setCellValue(text(e.format()));
                row.createCell(10).setCellValue(String.join("; ", e.items()));
                row.createCell(11).setCellValue(e.publishedAt() == null ? "" : e.publishedAt().toString());
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a workbook in memory", e);
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
