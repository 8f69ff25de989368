package org.pdxhub.bench.flow;

import org.pdxhub.bench.StandardRecords;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A CSV file of standard records as a department would drop it: a header row and {@code rows}
 * records, each with a citizen ID of its own (so that every row lands as a record of its own),
 * written as it goes rather than held in memory.
 */
final class CsvFile {

    private static final List<String> FIELDS = List.of(StandardRecords.CITIZEN_ID, StandardRecords.NAME, "gender", "ethnicity",
            StandardRecords.BIRTH_DATE, StandardRecords.MOBILE, "county_code", "address", "enrolment_date", "status");
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1940, 1, 1);
    private static final int DAYS = 20_000;

    private CsvFile() {
    }

    /**
     * Row i takes its name, mobile, address and the rest from pool record i mod the pool's size,
     * and a citizen ID made unique from i: county, then birth day, then sequence number.
     */
    static long write(Path file, int rows, StandardRecords pool) throws IOException {
        List<String> counties = pool.records.stream().map(r -> (String) r.get("county_code")).distinct().sorted().toList();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", FIELDS));
            out.write('\n');
            StringBuilder line = new StringBuilder(256);
            for (int i = 0; i < rows; i++) {
                Map<String, Object> r = pool.records.get(i % pool.records.size());
                String county = counties.get(i % counties.size());
                int rest = i / counties.size();
                LocalDate birth = FIRST_BIRTH.plusDays(rest % DAYS);
                int sequence = rest / DAYS;
                String first17 = county + birth.toString().replace("-", "") + String.format("%03d", sequence);
                line.setLength(0);
                line.append(first17).append(CitizenIdCheck.checkCharacter(first17)).append(',')
                        .append(r.get(StandardRecords.NAME)).append(',')
                        .append((sequence & 1) == 1 ? "男" : "女").append(',')
                        .append(r.get("ethnicity")).append(',')
                        .append(birth).append(',')
                        .append(r.get(StandardRecords.MOBILE)).append(',')
                        .append(county).append(',')
                        .append(r.get("address")).append(',')
                        .append(r.get("enrolment_date")).append(',')
                        .append(r.get("status")).append('\n');
                out.append(line);
            }
        }
        return Files.size(file);
    }
}
