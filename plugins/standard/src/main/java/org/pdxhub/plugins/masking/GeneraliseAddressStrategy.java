package org.pdxhub.plugins.masking;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code generalise-address([province|prefecture|county])} (default county) cuts a Chinese
 * address after its unit of that level: {@code 四川省甘孜藏族自治州康定市炉城镇光明路12号} →
 * {@code 四川省甘孜藏族自治州康定市}. Units are read from the start by their suffix: province
 * (省, 自治区, 特别行政区, or one of the four 直辖市), prefecture (州, 盟, 地区, or 市 before any
 * county), county (县, 区, 旗, or 市 after a prefecture); each may be left out, as in
 * {@code 甘孜藏族自治州泸定县...}.
 * <p>
 * When the address stops before the level (no county written, or a unit not recognised), what
 * was recognised is kept: it is coarser than asked, never finer. When not even the first unit is
 * recognised, the value is suppressed. This reads suffixes, not a register of divisions, so a
 * name holding a township character (新乡市) ends the reading early, on the coarse side.
 */
@Singleton
public final class GeneraliseAddressStrategy implements MaskingStrategy {

    public static final String NAME = "generalise-address";

    /** Administrative levels, coarse to fine. */
    enum Level { PROVINCE, PREFECTURE, COUNTY }

    private static final Set<String> MUNICIPALITIES = Set.of("北京市", "天津市", "上海市", "重庆市");
    private static final String UNIT_SUFFIXES = "省州市县区旗盟";
    /** Characters of township and street names: a "unit" holding one has run past the county. */
    private static final String BELOW_COUNTY = "镇乡街路村巷号";
    /** The longest county name (积石山保安族东乡族撒拉族自治县) has 15 characters. */
    private static final int LONGEST_UNIT = 20;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FieldMasker compile(List<String> args, MaskingKeys keys) {
        RuleArgs a = RuleArgs.of(args, "generalise-address([province|prefecture|county])", 0, 1);
        Level level = a.has(0)
                ? Level.valueOf(a.choice(0, "level", "province", "prefecture", "county").toUpperCase(Locale.ROOT))
                : Level.COUNTY;
        // Generalised once, an address stays as it is when generalised again; a full one does not.
        return FieldMasker.of(value -> value == null ? null : generalise(value.toString(), level),
                value -> value instanceof String s && s.equals(generalise(s, level)));
    }

    static String generalise(String address, Level level) {
        StringBuilder kept = new StringBuilder();
        Level reached = null;
        int position = skipSpaces(address, 0);
        while (reached != level) {
            int end = unitEnd(address, position);
            if (end < 0) {
                break;
            }
            String unit = address.substring(position, end);
            Level found = levelOf(unit, reached);
            if (found == null || reached != null && found.compareTo(reached) <= 0 || found.compareTo(level) > 0) {
                break;
            }
            kept.append(unit);
            reached = found;
            position = skipSpaces(address, end);
        }
        return reached == null ? null : kept.toString();
    }

    /** Where the unit starting at {@code from} ends (after its suffix), or -1 when none starts there. */
    private static int unitEnd(String s, int from) {
        if (from >= s.length() || !isHan(s.charAt(from))) {
            return -1;
        }
        // A unit has a name of at least one character before its suffix: 市中区 is a district, not 市.
        for (int i = from + 1; i < s.length() && i - from < LONGEST_UNIT; i++) {
            char c = s.charAt(i);
            char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            boolean dongxiang = c == '乡' && next == '族'; // the 东乡族 of county names
            if (!isHan(c) || BELOW_COUNTY.indexOf(c) >= 0 && !dongxiang) {
                return -1;
            }
            if (UNIT_SUFFIXES.indexOf(c) >= 0) {
                boolean nameEndsInZhou = c == '州' && (next == '市' || next == '省' || next == '区');
                return nameEndsInZhou ? i + 2 : i + 1; // 杭州市, 贵州省, 万州区
            }
        }
        return -1;
    }

    private static Level levelOf(String unit, Level reached) {
        if (unit.endsWith("省") || unit.endsWith("自治区") || unit.endsWith("特别行政区")
                || reached == null && MUNICIPALITIES.contains(unit)) {
            return Level.PROVINCE;
        }
        if (unit.endsWith("州") || unit.endsWith("盟") || unit.endsWith("地区")) {
            return Level.PREFECTURE;
        }
        if (unit.endsWith("市")) {
            return reached == Level.PREFECTURE ? Level.COUNTY : Level.PREFECTURE;
        }
        return Level.COUNTY; // 县, 区, 旗
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
