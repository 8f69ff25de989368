package org.pdxhub.connector.file;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Small workbooks as Excel writes them (shared strings, styles, number formats), made with POI's writer. */
final class Workbooks {

    private Workbooks() {
    }

    /**
     * Row i (from 0): citizen_id text, person_name text, birth_date a date, registered_at a date-time,
     * amount a number shown as {@code #,##0.00}, postcode a number shown as {@code 000000}.
     */
    static Path people(Path file, int rows) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            CreationHelper help = workbook.getCreationHelper();
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(help.createDataFormat().getFormat("yyyy/m/d"));
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(help.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(help.createDataFormat().getFormat("#,##0.00"));
            CellStyle code = workbook.createCellStyle();
            code.setDataFormat(help.createDataFormat().getFormat("000000"));
            workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("人口信息，见下一页");
            Sheet sheet = workbook.createSheet("人口");
            Row header = sheet.createRow(0);
            String[] names = {"citizen_id", "person_name", "birth_date", "registered_at", "amount", "postcode"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int i = 0; i < rows; i++) {
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(String.format("51330119850101%04d", i));
                row.createCell(1).setCellValue("姓名" + i);
                row.createCell(2).setCellValue(LocalDate.of(1985, 1, 1).plusDays(i));
                row.getCell(2).setCellStyle(date);
                row.createCell(3).setCellValue(LocalDateTime.of(2026, 3, 1, 8, 30));
                row.getCell(3).setCellStyle(dateTime);
                row.createCell(4).setCellValue(1234.5 + i);
                row.getCell(4).setCellStyle(money);
                row.createCell(5).setCellValue(12345);
                row.getCell(5).setCellStyle(code);
            }
            workbook.write(out);
        }
        return file;
    }
}
