package org.pdxhub.plugins.documents;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.formula.eval.ErrorEval;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.mime.MediaType;
import org.pdxhub.tabular.CellValues;
import org.pdxhub.tabular.Csv;
import org.pdxhub.tabular.Header;
import org.pdxhub.tabular.Row;
import org.pdxhub.tabular.Table;
import org.pdxhub.tabular.TabularLimits;
import org.pdxhub.tabular.TabularRefused;
import org.pdxhub.tabular.Xlsx;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads XLSX, XLS and CSV as records ({@link Spreadsheet}), under the same limits as the scanner:
 * input size, time, decompressed size, and a number of cells; encrypted workbooks are refused.
 * XLSX and CSV are read by the node's one tabular reader ({@link Xlsx}, {@link Csv}: streamed, the
 * same header and charset rules as every other path), with cell values by the one rule of
 * {@link CellValues}; XLS, at most 65,536 rows by its format, is read whole into the same rows, by the same rule.
 * <p>
 * Refusals carry no report (its {@link DocumentRefused#report()} is null): the reader finds no
 * personal data, the hub's field masking does that on the records.
 */
@Singleton
public final class SpreadsheetReader implements AutoCloseable {

    static final MediaType XLSX = MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType XLSM = MediaType.application("vnd.ms-excel.sheet.macroenabled.12");
    static final MediaType XLS = MediaType.application("vnd.ms-excel");
    static final MediaType OOXML_ENCRYPTED = MediaType.application("x-tika-ooxml-protected");

    private final MediaTyping typing = new MediaTyping(TikaConfig.getDefaultConfig().getDetector());
    private final BoundedRunner runner;

    public SpreadsheetReader() {
        this(DocumentScanner.DEFAULT_PARALLEL_SCANS);
    }

    public SpreadsheetReader(int parallelReads) {
        this.runner = new BoundedRunner("pdx-spreadsheet-read", parallelReads, parallelReads * 4);
    }

    /**
     * @param declaredName the file name as sent; not trusted, the type comes from the content
     * @throws DocumentRefused when a limit is reached, the workbook is encrypted or unreadable, or the
     *                         content is not a spreadsheet
     */
    public Spreadsheet read(byte[] content, String declaredName, ScanLimits limits) throws DocumentRefused {
        Objects.requireNonNull(content, "content");
        if (content.length > limits.maxInputBytes()) {
            throw new DocumentRefused(RefusalReason.MAX_INPUT_BYTES, "the spreadsheet has " + content.length
                    + " bytes; max-input-bytes is " + limits.maxInputBytes() + ": send it in several parts", null);
        }
        ParseGuard guard = new ParseGuard(limits);
        try {
            return runner.run(() -> readTyped(content, guard), limits.parseTimeout(), guard);
        } catch (BoundedRunner.Failed f) {
            if (f.refusal == null) {
                throw new IllegalStateException(f.getCause() instanceof InterruptedException ? "the read was interrupted"
                        : "the read failed unexpectedly", f.getCause());
            }
            throw new DocumentRefused(f.refusal.reason(), f.refusal.detail(), null);
        }
    }

    private Spreadsheet readTyped(byte[] content, ParseGuard guard) throws Exception {
        MediaType type = typing.ofContent(content);
        try {
            Map<String, List<Map<String, Object>>> sheets;
            if (type.equals(OOXML_ENCRYPTED)) {
                throw new EncryptedDocumentException("encrypted OOXML");
            } else if (typing.isInstanceOf(type, XLSX) || typing.isInstanceOf(type, XLSM)) {
                sheets = xlsx(content, guard);
            } else if (typing.isInstanceOf(type, XLS)) {
                sheets = xls(content, guard);
            } else if (typing.isInstanceOf(type, MediaType.TEXT_PLAIN)) {
                sheets = csv(content, guard);
            } else {
                guard.trip(RefusalReason.UNSUPPORTED_TYPE, "the content is " + type + ", not a spreadsheet: send XLSX, XLS or CSV");
                throw new ParseGuard.Stopped("not a spreadsheet");
            }
            return new Spreadsheet(type.toString(), sheets);
        } catch (EncryptedDocumentException e) {
            guard.trip(RefusalReason.ENCRYPTED, "the workbook is protected by a password: send it without the password");
            throw e;
        } catch (TabularRefused e) {
            guard.trip(switch (e.reason()) {
                case ENCRYPTED -> RefusalReason.ENCRYPTED;
                case COMPRESSION_RATIO -> RefusalReason.COMPRESSION_RATIO;
                case MAX_UNCOMPRESSED_BYTES -> RefusalReason.MAX_UNCOMPRESSED_BYTES;
                case MAX_CELLS, MAX_ROWS -> RefusalReason.MAX_SPREADSHEET_CELLS;
                case MAX_FIELD_CHARS -> RefusalReason.MAX_EXTRACTED_CHARACTERS;
                case UNREADABLE, HEADER, ROW_WIDTH -> RefusalReason.UNREADABLE;
            }, e.getMessage());
            throw e;
        } catch (UncheckedIOException e) {
            // the guard's own stop (a timeout), raised from inside the reader's row callback
            throw e.getCause();
        } catch (Exception e) {
            if (String.valueOf(e.getMessage()).contains("Zip bomb detected")) {
                guard.trip(RefusalReason.COMPRESSION_RATIO, "a part of the workbook expands far more than workbooks do "
                        + "(POI's zip-bomb check): send it as CSV or in several parts");
            }
            guard.trip(RefusalReason.UNREADABLE, "the " + type + " could not be read as a spreadsheet ("
                    + e.getClass().getSimpleName() + "): is it damaged?");
            throw e;
        }
    }

    /** The scanner's limits as the tabular reader's: one cell count, one inflated-bytes count. */
    private static TabularLimits limits(ParseGuard guard) {
        return TabularLimits.DEFAULTS.withMaxCells(guard.limits().maxSpreadsheetCells())
                .withMaxUncompressedBytes(guard.limits().maxUncompressedBytes());
    }

    /** Each sheet streamed from a temporary file, so that parts are read on demand. */
    private static Map<String, List<Map<String, Object>>> xlsx(byte[] content, ParseGuard guard) throws Exception {
        Path file = Files.createTempFile("pdx-sheet-", ".xlsx");
        try {
            Files.write(file, content);
            Map<String, List<Map<String, Object>>> sheets = new LinkedHashMap<>();
            Xlsx.readAll(file, Header.NAMED, limits(guard), new Xlsx.SheetRows() {
                @Override
                public void sheet(String name) {
                    sheets.put(name, new ArrayList<>());
                }

                @Override
                public void row(String sheet, Row row) {
                    sheets.get(sheet).add(record(row, guard));
                }
            });
            sheets.replaceAll((name, records) -> Collections.unmodifiableList(records));
            return sheets;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A row's record; between rows the guard may stop the read (its time is up). */
    private static Map<String, Object> record(Row row, ParseGuard guard) {
        try {
            guard.checkRunning();
        } catch (ParseGuard.Stopped e) {
            throw new UncheckedIOException(e);
        }
        return row.values();
    }

    private static Map<String, List<Map<String, Object>>> xls(byte[] content, ParseGuard guard) throws Exception {
        Map<String, List<Map<String, Object>>> sheets = new LinkedHashMap<>();
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content));
             HSSFWorkbook workbook = new HSSFWorkbook(fs.getRoot(), true)) {
            TabularLimits limits = limits(guard);
            for (Sheet sheet : workbook) {
                List<Map<String, Object>> records = new ArrayList<>();
                Table table = new Table(Header.NAMED, limits, row -> records.add(record(row, guard)));
                for (org.apache.poi.ss.usermodel.Row row : sheet) {
                    List<Object> cells = new ArrayList<>();
                    for (int i = 0; i < Math.max(0, row.getLastCellNum()); i++) {
                        Cell cell = row.getCell(i);
                        cells.add(cell == null ? null : value(cell));
                    }
                    table.row(row.getRowNum() + 1L, cells);
                }
                sheets.put(sheet.getSheetName(), Collections.unmodifiableList(records));
            }
        }
        return sheets;
    }

    private static Object value(Cell cell) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> {
                String text = cell.getRichStringCellValue().getString();
                yield text.isEmpty() ? null : text;
            }
            case NUMERIC -> CellValues.number(cell.getNumericCellValue(), cell.getCellStyle().getDataFormat(),
                    cell.getCellStyle().getDataFormatString(),
                    ((HSSFWorkbook) cell.getSheet().getWorkbook()).getInternalWorkbook().isUsing1904DateWindowing());
            case BOOLEAN -> CellValues.bool(cell.getBooleanCellValue());
            case ERROR -> ErrorEval.getText(cell.getErrorCellValue());
            default -> null;
        };
    }

    private static Map<String, List<Map<String, Object>>> csv(byte[] content, ParseGuard guard) {
        List<Map<String, Object>> records = new ArrayList<>();
        Csv.read(content, Header.NAMED, limits(guard), row -> records.add(record(row, guard)));
        return Map.of("csv", Collections.unmodifiableList(records));
    }

    @PreDestroy
    @Override
    public void close() {
        runner.close();
    }
}
