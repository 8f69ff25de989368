package org.pdxhub.bench;

import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugin.ShareType;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;
import org.pdxhub.plugins.identifiers.UsccCheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The standard record of issue 9, a social-insurance enrolment of a resident of Ganzi: ten
 * fields, of which the citizen ID, name and mobile number are masked and the birth date
 * generalised, the other six passing as they are. {@link #generate} builds a pool of distinct,
 * valid records (citizen IDs with their GB 11643 check character, across the prefecture's
 * counties) for benchmarks to cycle through, so that no benchmark measures one value over and over.
 * <p>
 * Beside the records, the pool holds the identifiers that the standard record lacks (USCCs, bank
 * cards) and amounts, for the benchmarks of one check or one strategy.
 */
public final class StandardRecords {

    public static final String CITIZEN_ID = "citizen_id";
    public static final String NAME = "name";
    public static final String MOBILE = "mobile";
    public static final String BIRTH_DATE = "birth_date";

    /** The resource the records belong to: each item's type, identifier kind and masking rule. */
    public static final ResourceSpec RESOURCE = new ResourceSpec("GZ-RS-0001", 1, "11513300MB1234567X",
            ShareType.CONDITIONAL, OpenType.NONE, CITIZEN_ID, List.of(
            new FieldSpec(CITIZEN_ID, DataType.STRING, true, 4, "citizen-id", "pseudonym(sm3)"),
            new FieldSpec(NAME, DataType.STRING, true, 3, null, "keep(1,0)"),
            new FieldSpec("gender", DataType.STRING, true, 2, null, null),
            new FieldSpec("ethnicity", DataType.STRING, true, 3, null, null),
            new FieldSpec(BIRTH_DATE, DataType.DATE, true, 3, null, "generalise-date(year)"),
            new FieldSpec(MOBILE, DataType.STRING, true, 3, "mobile", "keep(3,4)"),
            new FieldSpec("county_code", DataType.STRING, false, 1, null, null),
            new FieldSpec("address", DataType.STRING, true, 3, null, null),
            new FieldSpec("enrolment_date", DataType.DATE, false, 2, null, null),
            new FieldSpec("status", DataType.STRING, false, 1, null, null)));

    /** A power of two, so that cycling through it is a mask, not a division. */
    public static final int POOL_SIZE = 4096;

    private static final String[] SURNAMES = {"张", "王", "李", "刘", "杨", "陈", "赵", "黄", "周", "吴", "罗", "邓"};
    private static final String[] HAN_GIVEN = {"伟", "芳", "敏", "静", "丽", "强", "磊", "洋", "建华", "志强", "秀英", "海燕"};
    /** Tibetan names are written without a surname, often as two names of two characters. */
    private static final String[] TIBETAN = {"扎西", "卓玛", "次仁", "拉姆", "格桑", "央金", "泽仁", "降措", "尼玛",
            "达瓦", "曲珍", "根秋", "四郎", "益西", "呷绒", "志玛"};
    private static final String[] ETHNICITIES = {"藏族", "藏族", "藏族", "藏族", "汉族", "汉族", "彝族", "羌族", "回族"};
    private static final String[] STREETS = {"炉城镇光明路", "城关镇团结街", "新都桥镇向阳路", "河坝街", "人民路", "东大街"};
    private static final String[] STATUSES = {"参保缴费", "参保缴费", "参保缴费", "暂停缴费", "待遇领取"};
    private static final String[] MOBILE_PREFIXES = {"133", "135", "138", "139", "150", "158", "177", "180", "182",
            "189", "191", "199"};
    /** Issuer numbers of cards of Chinese banks (ICBC, ABC, CCB, BOC, a Sichuan rural credit union). */
    private static final String[] CARD_PREFIXES = {"622202", "622848", "621700", "621661", "621458"};

    public final List<Map<String, Object>> records;
    public final String[] citizenIds;
    public final String[] names;
    public final String[] mobiles;
    public final String[] birthDates;
    public final String[] addresses;
    public final String[] usccs;
    public final String[] bankCards;
    public final Double[] amounts;

    private StandardRecords(int size) {
        records = new ArrayList<>(size);
        citizenIds = new String[size];
        names = new String[size];
        mobiles = new String[size];
        birthDates = new String[size];
        addresses = new String[size];
        usccs = new String[size];
        bankCards = new String[size];
        amounts = new Double[size];
    }

    /** {@code size} records, the same for the same seed; each map is read-only, so copy it to change it. */
    public static StandardRecords generate(int size, long seed) {
        Random random = new Random(seed);
        List<County> counties = counties();
        StandardRecords pool = new StandardRecords(size);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < size; i++) {
            County county = counties.get(random.nextInt(counties.size()));
            LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(68 * 365));
            String id;
            int sequence;
            do {
                sequence = random.nextInt(1000);
                String first17 = county.code + birth.toString().replace("-", "") + String.format("%03d", sequence);
                id = first17 + CitizenIdCheck.checkCharacter(first17);
            } while (!seen.add(id));
            boolean male = (sequence & 1) == 1;
            String ethnicity = ETHNICITIES[random.nextInt(ETHNICITIES.length)];
            String name = ethnicity.equals("藏族")
                    ? TIBETAN[random.nextInt(TIBETAN.length)] + TIBETAN[random.nextInt(TIBETAN.length)]
                    : SURNAMES[random.nextInt(SURNAMES.length)] + HAN_GIVEN[random.nextInt(HAN_GIVEN.length)];
            String mobile = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + digits(random, 8);
            String address = "四川省甘孜藏族自治州" + county.name + STREETS[random.nextInt(STREETS.length)]
                    + (1 + random.nextInt(200)) + "号";
            LocalDate enrolled = LocalDate.of(2010, 1, 1).plusDays(random.nextInt(15 * 365));

            Map<String, Object> record = new LinkedHashMap<>();
            record.put(CITIZEN_ID, id);
            record.put(NAME, name);
            record.put("gender", male ? "男" : "女");
            record.put("ethnicity", ethnicity);
            record.put(BIRTH_DATE, birth.toString());
            record.put(MOBILE, mobile);
            record.put("county_code", county.code);
            record.put("address", address);
            record.put("enrolment_date", enrolled.toString());
            record.put("status", STATUSES[random.nextInt(STATUSES.length)]);
            pool.records.add(Collections.unmodifiableMap(record));

            pool.citizenIds[i] = id;
            pool.names[i] = name;
            pool.mobiles[i] = mobile;
            pool.birthDates[i] = birth.toString();
            pool.addresses[i] = address;
            pool.usccs[i] = uscc(random, county.code);
            pool.bankCards[i] = bankCard(random);
            pool.amounts[i] = Math.round(random.nextDouble() * 800_000) / 100.0;
        }
        return pool;
    }

    private record County(String code, String name) {
    }

    /** The county-level divisions of Ganzi, from the GB/T 2260 extract in the shared spec. */
    static List<County> counties() {
        List<County> out = new ArrayList<>();
        try (InputStream in = StandardRecords.class.getResourceAsStream("ganzi-divisions.csv")) {
            if (in == null) {
                throw new IllegalStateException("ganzi-divisions.csv is missing from the benchmarks jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",", -1);
                if (!line.startsWith("#") && cells.length == 4 && cells[2].equals("COUNTY")) {
                    out.add(new County(cells[0], cells[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** 9 (industry and commerce) 1 (enterprise), the county, an organisation code, the check character. */
    private static String uscc(Random random, String region) {
        StringBuilder code = new StringBuilder("91").append(region);
        for (int i = 0; i < 9; i++) {
            code.append(UsccCheck.ALPHABET.charAt(random.nextInt(UsccCheck.ALPHABET.length())));
        }
        return code.append(UsccCheck.checkCharacter(code)).toString();
    }

    /** 16 to 19 digits ending in the Luhn check digit. */
    private static String bankCard(Random random) {
        StringBuilder card = new StringBuilder(CARD_PREFIXES[random.nextInt(CARD_PREFIXES.length)]);
        int length = 16 + random.nextInt(4);
        card.append(digits(random, length - card.length() - 1));
        int sum = 0;
        for (int i = card.length() - 1, position = 0; i >= 0; i--, position++) {
            int digit = card.charAt(i) - '0';
            if (position % 2 == 0) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return card.append((char) ('0' + (10 - sum % 10) % 10)).toString();
    }

    private static String digits(Random random, int count) {
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(out);
    }
}
