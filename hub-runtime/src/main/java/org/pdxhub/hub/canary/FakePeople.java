package org.pdxhub.hub.canary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Valid-looking people of Ganzi who do not exist: a citizen ID of a Ganzi county with its GB 11643
 * check character, a plausible name, an address in that county, a mobile number. Nothing of a real
 * record is used, so a canary never discloses anyone.
 */
final class FakePeople {

    /** A fake person. */
    record Person(String citizenId, String name, LocalDate birthDate, String address, String mobile) {
    }

    private static final String[] NAMES = {"扎西", "卓玛", "次仁", "拉姆", "格桑", "央金", "泽仁", "措姆", "洛绒", "益西", "尼玛", "德吉",
            "张建华", "李秀英", "王德明", "刘春梅", "陈志强", "杨丽", "赵国平", "黄晓燕"};
    private static final String[] STREETS = {"团结路", "人民路", "建设路", "新华街", "光明路", "和平路", "向阳街", "解放路"};
    private static final String[] MOBILE_PREFIXES = {"135", "138", "139", "150", "158", "182", "187", "199"};

    private final List<String[]> counties;

    FakePeople() {
        counties = counties();
    }

    Person next(RandomGenerator random) {
        String[] county = counties.get(random.nextInt(counties.size()));
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
        String body = county[0] + String.format("%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth(),
                random.nextInt(1000));
        String name = NAMES[random.nextInt(NAMES.length)];
        String address = "四川省甘孜藏族自治州" + county[1] + STREETS[random.nextInt(STREETS.length)] + (1 + random.nextInt(120)) + "号";
        String mobile = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)] + String.format("%08d", random.nextInt(100_000_000));
        return new Person(body + checkCharacter(body), name, birth, address, mobile);
    }

    /** GB 11643: weights 2^(17-i) mod 11 over the first 17 digits. */
    static char checkCharacter(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    /** The counties of pdx/ganzi-divisions.csv (GB/T 2260), code and name. */
    private static List<String[]> counties() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = FakePeople.class.getResourceAsStream("/pdx/ganzi-divisions.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] cols = line.split(",");
                if (cols.length >= 3 && "COUNTY".equals(cols[2])) {
                    out.add(new String[]{cols[0], cols[1]});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }
}
