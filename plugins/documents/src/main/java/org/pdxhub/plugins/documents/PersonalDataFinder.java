package org.pdxhub.plugins.documents;

import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.Registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in text: candidates by pattern, each confirmed by the node's
 * {@link IdentifierCheck} for its kind, so that an 18-digit number is an ID only when its region,
 * birth date and check character are right. Where candidates overlap, the longest wins, then the
 * kind declared first in {@link FindingKind}; nothing is counted twice.
 * <p>
 * Every pattern is anchored so that it runs in time linear in the text (no pattern can be made to
 * backtrack over a long run of digits or letters), and e-mail addresses are found from their
 * {@code @} outwards for the same reason.
 */
final class PersonalDataFinder {

    /** One finding; its normalised value is what a pseudonym is computed from. */
    record Match(FindingKind kind, int start, int end, String normalised) {

        int length() {
            return end - start;
        }

        @Override
        public String toString() {
            return kind.key() + "[" + start + "," + end + ")";
        }
    }

    private static final String NO_ALNUM_BEFORE = "(?<![0-9A-Za-z])";
    private static final String NO_ALNUM_AFTER = "(?![0-9A-Za-z])";
    /**
     * 18 characters, written whole or in groups with spaces or dashes between ({@code 513323 19931011 2353},
     * {@code 513323-19620415-7781}), or broken across two lines. A separator is one character (or a
     * line break) and never two in a row, so each
     * start tries at most one way through the digits: no backtracking.
     */
    /** One character class, not an alternation: the patterns stay as fast as they were over long runs of digits. */
    private static final String SEPARATOR = "[ \\t\\n-]?";
    private static final Pattern CITIZEN_ID = Pattern.compile(NO_ALNUM_BEFORE + "[1-9](?:" + SEPARATOR + "\\d){16}" + SEPARATOR
            + "[0-9Xx]" + NO_ALNUM_AFTER);
    private static final Pattern OLD_CITIZEN_ID = Pattern.compile(NO_ALNUM_BEFORE + "[1-9](?:" + SEPARATOR + "\\d){14}" + NO_ALNUM_AFTER);
    private static final Pattern USCC = Pattern.compile(NO_ALNUM_BEFORE + "[0-9A-HJ-NP-RTUW-Y]{18}" + NO_ALNUM_AFTER);
    /** Card numbers start 3 to 6 (JCB/Amex, Visa, Mastercard, UnionPay): halves Luhn's chance hits on other numbers. */
    private static final Pattern BANK_CARD = Pattern.compile(NO_ALNUM_BEFORE + "[3-6]\\d{15,18}" + NO_ALNUM_AFTER);
    /** As printed on cards and forms: groups of four with one kind of separator, and 1 to 3 digits more. */
    private static final Pattern GROUPED_BANK_CARD = Pattern.compile(
            NO_ALNUM_BEFORE + "([3-6]\\d{3}([ -])\\d{4}\\2\\d{4}\\2\\d{4})(?:\\2(\\d{1,3}))?" + NO_ALNUM_AFTER);
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9+])(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}(?![0-9])");
    /** Area code (in brackets or not), an optional separator, the number. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9])(?:\\((0\\d{2,3})\\)[ -]?|(0\\d{2,3})([ -]?))([1-9]\\d{6,7})(?![0-9])");
    /** 机动车号牌: province, issuing office, five characters (six on new-energy plates), a dot or not. */
    private static final Pattern LICENCE_PLATE = Pattern.compile("[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
            + "[A-HJ-NP-Z][·•・ ]?[A-HJ-NP-Z0-9]{5,6}(?![0-9A-Za-z])");
    private static final Pattern PASSPORT_CN = Pattern.compile(NO_ALNUM_BEFORE + "[EG][0-9A-HJ-NP-Z]\\d{7}" + NO_ALNUM_AFTER);
    private static final Pattern PERMIT_HK_MACAO = Pattern.compile(NO_ALNUM_BEFORE + "[HM]\\d{8}(?:\\d{2})?" + NO_ALNUM_AFTER);
    private static final Pattern NAME = Pattern.compile(
            "(?:姓\\s{0,4}名|联系人|申请人|被申请人|法定代表人|法人代表|负责人|经办人|委托人|代理人|户主|监护人|收件人)"
                    + "\\s*[:：]\\s*"
                    + "([\\p{IsHan}]{2,4}(?:[·•・][\\p{IsHan}]{1,6})*|[\\u0F40-\\u0FBC][\\u0F40-\\u0FBC\\u0F0B]{1,40})");
    /** Words that follow a name in forms written without spaces (姓名：张三性别：男); a name stops before them. */
    private static final String[] AFTER_NAME = {"性别", "民族", "年龄", "出生", "身份", "证件", "电话", "手机", "联系",
            "住址", "地址", "籍贯", "单位", "职务", "签字", "签名", "日期"};

    private static final String EMAIL_LOCAL = "!#$%&'*+/=?^_`{|}~.-";
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK_CHARACTERS = "10X98765432";

    private final Map<FindingKind, IdentifierCheck> checks = new EnumMap<>(FindingKind.class);
    private final ChineseEntities entities;

    /**
     * @throws IllegalArgumentException when the registry lacks a check the scanner needs, naming it;
     *                                  a kind whose check is optional is not looked for without it
     */
    PersonalDataFinder(Registry<IdentifierCheck> registry) {
        this(registry, true);
    }

    /** For records' text fields: no organisations (the gate masks none), which spares HanLP's dearest pass. */
    static PersonalDataFinder forRecordFields(Registry<IdentifierCheck> registry) {
        return new PersonalDataFinder(registry, false);
    }

    private PersonalDataFinder(Registry<IdentifierCheck> registry, boolean organisations) {
        this.entities = new ChineseEntities(organisations);
        for (FindingKind kind : FindingKind.values()) {
            if (kind.checkKind() != null && kind.checkRequired()) {
                checks.put(kind, registry.get(kind.checkKind()));
            } else if (kind.checkKind() != null) {
                registry.find(kind.checkKind()).ifPresent(check -> checks.put(kind, check));
            }
        }
    }

    /** Findings in {@code text}, in order, none overlapping. */
    List<Match> find(CharSequence original, boolean fifteenDigitIds) {
        String text = fold(original);
        List<Match> candidates = identifiers(text, fifteenDigitIds);
        for (ChineseEntities.Entity e : entities.find(text)) {
            candidates.add(new Match(e.kind(), e.start(), e.end(), text.substring(e.start(), e.end())));
        }
        return resolve(candidates);
    }

    /** Only identifiers and labelled names: what needs no language model. */
    List<Match> findIdentifiers(CharSequence original, boolean fifteenDigitIds) {
        return resolve(identifiers(fold(original), fifteenDigitIds));
    }

    private List<Match> identifiers(String text, boolean fifteenDigitIds) {
        List<Match> candidates = new ArrayList<>();
        // A pattern that needs more digits than the text has cannot match: most text fields (an
        // address with a house number, a status) skip the digit patterns. Measured in bench/
        // (FreeTextScanBenchmark): the patterns, not the checks, are the cost of a scan.
        int digits = digits(text);
        if (digits >= 15) {
            idsAndCards(text, candidates, fifteenDigitIds);
        }
        each(USCC, text, m -> confirm(candidates, FindingKind.USCC, m.start(), m.end(), m.group()));
        if (digits >= 11) {
            each(MOBILE, text, m -> {
                String number = m.group().replaceAll("[^0-9]", "");
                confirm(candidates, FindingKind.MOBILE, m.start(), m.end(),
                        number.length() == 13 ? number.substring(2) : number);
            });
        }
        if (digits >= 10) {
            each(PHONE, text, m -> {
                String written = m.group(1) != null ? m.group(1) + "-" + m.group(4) : m.group(2) + m.group(3) + m.group(4);
                confirm(candidates, FindingKind.PHONE, m.start(), m.end(), written, written.replaceAll("[^0-9]", ""));
            });
        }
        emails(text, candidates);
        if (text.indexOf(':') >= 0) {
            names(text, candidates);
        }
        each(LICENCE_PLATE, text, m -> {
            if (m.group().chars().anyMatch(Character::isDigit)) {
                candidates.add(new Match(FindingKind.LICENCE_PLATE, m.start(), m.end(), m.group().replaceAll("[·•・ ]", "")));
            }
        });
        if (digits >= 7 && checks.containsKey(FindingKind.PASSPORT_CN)) {
            each(PASSPORT_CN, text, m -> confirm(candidates, FindingKind.PASSPORT_CN, m.start(), m.end(), m.group()));
        }
        if (digits >= 8 && checks.containsKey(FindingKind.PERMIT_HK_MACAO)) {
            each(PERMIT_HK_MACAO, text, m -> confirm(candidates, FindingKind.PERMIT_HK_MACAO, m.start(), m.end(), m.group()));
        }
        return candidates;
    }

    private static int digits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /** Citizen IDs (18 characters, and 15 digits when asked) and bank cards: each needs 15 digits or more. */
    private void idsAndCards(String text, List<Match> candidates, boolean fifteenDigitIds) {
        each(CITIZEN_ID, text, m -> confirm(candidates, FindingKind.CITIZEN_ID, m.start(), m.end(),
                withoutSeparators(m.group()).toUpperCase(Locale.ROOT)));
        if (fifteenDigitIds) {
            each(OLD_CITIZEN_ID, text, m -> confirm(candidates, FindingKind.CITIZEN_ID, m.start(), m.end(),
                    eighteenDigits(withoutSeparators(m.group()))));
        }
        each(BANK_CARD, text, m -> confirm(candidates, FindingKind.BANK_CARD, m.start(), m.end(), m.group()));
        each(GROUPED_BANK_CARD, text, m -> {
            String sixteen = m.group(1).replace(m.group(2), "");
            if (m.group(3) == null || !confirm(candidates, FindingKind.BANK_CARD, m.start(), m.end(), sixteen + m.group(3))) {
                confirm(candidates, FindingKind.BANK_CARD, m.start(1), m.end(1), sixteen);
            }
        });
    }

    private boolean confirm(List<Match> into, FindingKind kind, int start, int end, String value) {
        return confirm(into, kind, start, end, value, value);
    }

    /** Adds the candidate when {@code value}, as the check wants it written, passes the check. */
    private boolean confirm(List<Match> into, FindingKind kind, int start, int end, String value, String normalised) {
        if (!checks.get(kind).isValid(value)) {
            return false;
        }
        into.add(new Match(kind, start, end, normalised));
        return true;
    }

    private static void each(Pattern pattern, String text, Consumer<Matcher> action) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            action.accept(m);
        }
    }

    /** From each {@code @}, the longest run of local-part characters before and domain characters after. */
    private void emails(String text, List<Match> into) {
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = at;
            while (start > 0 && at - start < 65 && isLocal(text.charAt(start - 1))) {
                start--;
            }
            while (start < at && text.charAt(start) == '.') {
                start++;
            }
            int end = at + 1;
            while (end < text.length() && end - at <= 254 && isDomain(text.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            if (start < at && end > at + 1) {
                confirm(into, FindingKind.EMAIL, start, end, text.substring(start, end).toLowerCase(Locale.ROOT));
            }
        }
    }

    private static boolean isLocal(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || EMAIL_LOCAL.indexOf(c) >= 0);
    }

    private static boolean isDomain(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
    }

    private static void names(String text, List<Match> into) {
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            int start = m.start(1);
            int end = m.end(1);
            String name = m.group(1);
            for (String word : AFTER_NAME) {
                int cut = name.indexOf(word, 2);
                if (cut >= 2 && cut < end - start) {
                    end = start + cut;
                    name = name.substring(0, cut);
                }
            }
            while (end > start && text.charAt(end - 1) == '\u0F0B') {
                end--;
            }
            into.add(new Match(FindingKind.PERSON_NAME, start, end, text.substring(start, end)));
        }
    }

    private static List<Match> resolve(List<Match> candidates) {
        candidates.sort(Comparator.comparingInt(Match::length).reversed()
                .thenComparing(Match::kind).thenComparingInt(Match::start));
        TreeMap<Integer, Match> accepted = new TreeMap<>();
        for (Match c : candidates) {
            Map.Entry<Integer, Match> before = accepted.floorEntry(c.start());
            Map.Entry<Integer, Match> after = accepted.ceilingEntry(c.start());
            boolean overlaps = before != null && before.getValue().end() > c.start()
                    || after != null && after.getKey() < c.end();
            if (!overlaps) {
                accepted.put(c.start(), c);
            }
        }
        return List.copyOf(accepted.values());
    }

    private static String withoutSeparators(String written) {
        return written.replaceAll("[ \\t\\r\\n-]", "");
    }

    /** A 15-digit ID as the 18-digit one it became in 1999: century 19 and a check character. */
    private static String eighteenDigits(String fifteen) {
        String seventeen = fifteen.substring(0, 6) + "19" + fifteen.substring(6);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (seventeen.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return seventeen + ID_CHECK_CHARACTERS.charAt(sum % 11);
    }

    /**
     * Full-width forms (０-９, Ａ-Ｚ, ＠, －) and typographic dashes as their ASCII characters, one for one, so that offsets
     * in the folded text are offsets in the original.
     */
    static String fold(CharSequence text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            out[i] = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' '
                    : c >= '\u2010' && c <= '\u2015' || c == '\u2212' ? '-' : c;
        }
        return new String(out);
    }
}
