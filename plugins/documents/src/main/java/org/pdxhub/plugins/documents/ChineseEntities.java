package org.pdxhub.plugins.documents;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CoreDictionary;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of persons, addresses down to the street and number, and organisations in Chinese text.
 * <p>
 * HanLP segments the text and recognises Han names, transliterated names, places and organisations.
 * Its models are trained on national news and miss much of what Ganzi writes, so two dictionaries
 * of ours help: the places an address starts from ({@code places.txt}: the prefecture's divisions,
 * the provinces) and the syllables of Tibetan and Yi given names ({@code name-syllables.txt}), a run
 * of which is a name whether or not a label stands before it (卓玛, 扎西次仁, 格桑拉姆).
 * <p>
 * An address is grown from a place (one of ours, one HanLP recognised, or whatever follows a label
 * such as 住址：) part by part: prefecture, county, town, village, road, number and unit. It is
 * reported only when it reaches a road with a number or a village: a county or a town alone is
 * not personal. An organisation is a place followed by the words of an office (人民政府, 公安局,
 * 派出所...), or what HanLP recognised as one that ends so.
 */
final class ChineseEntities {

    record Entity(FindingKind kind, int start, int end) {
    }

    private enum Level { PROVINCE, PREFECTURE, COUNTY, TOWN }

    private static final Map<String, Level> PLACES = places();
    /** Our places by their characters: the longest place at a position is read without building a string for each length. */
    private static final PlaceTrie PLACE_TRIE = PlaceTrie.of(PLACES.keySet());
    private static final Set<String> SYLLABLES = syllables();
    /** Words made of name syllables that are not names: the greeting, the flower. */
    private static final List<String> NOT_NAMES = List.of("扎西德勒", "格桑花", "格桑梅朵");

    private static final String HAN = "[\\u4E00-\\u9FFF]";
    private static final String NUMBER = "[0-9一二三四五六七八九十百零〇]";
    private static final Pattern PREFECTURE = Pattern.compile(HAN + "{2,8}?(?:自治州|州|地区|盟|市)");
    private static final Pattern COUNTY = Pattern.compile(HAN + "{1,5}?(?:自治县|县|区|市|旗)");
    private static final Pattern TOWN = Pattern.compile(HAN + "{1,5}?(?:街道|镇|乡)");
    private static final Pattern VILLAGE = Pattern.compile(HAN + "{1,5}?(?:村|社区)(?:" + NUMBER + "{1,3}(?:组|社))?");
    private static final Pattern ROAD = Pattern.compile("(?:" + HAN + "|[0-9]){1,8}?(?:大道|大街|路|街|巷|胡同|弄)(?:"
            + NUMBER + "{1,3}段)?");
    private static final Pattern HOUSE = Pattern.compile(NUMBER + "{1,5}(?:号|组)(?:(?:[0-9A-Za-z]{1,4}|附[0-9]{1,3})"
            + "(?:号楼|栋|幢|单元|楼|层|室|号))*");
    /** Labels after which an address is written, whatever its first part. */
    private static final Pattern ADDRESS_LABEL = Pattern.compile(
            "(?:住址|地址|住所|户籍地|居住地|所在地|现住|家住|住在|居住于|居住在|寄至|送至|位于)(?:为|是)?[:：]?\\s*");
    private static final Pattern OFFICE = Pattern.compile(HAN + "{0,10}?(?:人民政府|人民医院|人民法院|人民检察院|医院|卫生院|"
            + "公安局|派出所|局|委员会|办公室|办事处|中学|小学|学校|幼儿园|银行|支行|信用社|合作社|有限公司|公司|中心|服务站)");
    /** The last characters of {@link #OFFICE}'s words. */
    private static final String OFFICE_ENDINGS = "府院局所会室处学校园行社司心站";
    private static final Set<String> NAME_NATURES = Set.of("nr", "nr1", "nr2", "nrf", "nrj");
    /** The commonest Han surnames (over nine in ten people bear one of them). */
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程"
            + "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
            + "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
            + "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费"
            + "卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
    /**
     * A Han name where a person is written in forms, tables and letters: after a separator or words
     * such as 我叫 or 尊敬的, before a separator or words such as 同志 or 和.
     */
    private static final Pattern HAN_NAME_IN_CONTEXT = Pattern.compile(
            "(?<=^|[\\s，,、|：:（(；;。]|我叫|我是|尊敬的|请|监护人|持有人|收件人|看望了|致)"
                    + "([" + SURNAMES + "]" + HAN + "{1,2})"
                    + "(?=$|[\\s，,、|（(；;。！!]|同志|先生|女士|老师|同学|和|与|于|的)"
                    + "|(?<=尊敬的|致)([" + SURNAMES + "]" + HAN + "{1,2})(?=[：:])");
    /** How places and offices end: a word so ending is not a name (康定市, 申请人 before a colon is a label). */
    private static final String NOT_NAME_ENDINGS = "市县州镇乡村区省局院所厅处";
    /** Words the segmenter glues to a name (张三来, 卓玛说): they end a name, a given name rarely ends with them. */
    private static final String AFTER_A_NAME = "来了说在是的去到于把被给对也都就又还称等";

    private static Segment segment() {
        return Holder.SEGMENT;
    }

    /** HanLP loads its dictionaries and models (about a second) on first use, not when the class is loaded. */
    private static final class Holder {
        static final Segment SEGMENT;
        static final Segment WITHOUT_ORGANISATIONS;

        static {
            PLACES.keySet().forEach(place -> CustomDictionary.insert(place, "ns 1024"));
            SYLLABLES.forEach(syllable -> CustomDictionary.insert(syllable, "nrf 512"));
            SEGMENT = HanLP.newSegment().enableOffset(true).enableNameRecognize(true).enableTranslatedNameRecognize(true)
                    .enablePlaceRecognize(true).enableOrganizationRecognize(true).enableNumberQuantifierRecognize(false)
                    .enableCustomDictionaryForcing(false);
            // Places HanLP does not know by heart are not guessed either: an address in a field grows from
            // our places, the core dictionary's and a label, and the labelled set loses nothing by it.
            WITHOUT_ORGANISATIONS = HanLP.newSegment().enableOffset(true).enableNameRecognize(true)
                    .enableTranslatedNameRecognize(true).enablePlaceRecognize(false)
                    .enableOrganizationRecognize(false).enableNumberQuantifierRecognize(false).enableCustomDictionaryForcing(false);
        }
    }

    private final boolean organisations;

    /** Names, addresses and organisations: what a document is scanned for. */
    ChineseEntities() {
        this(true);
    }

    /**
     * @param organisations false for records' text fields: the gate masks no organisation, and
     *                      HanLP's recognition of them and of unknown places are the dearest of its passes
     *                      (bench/README.md).
     *                      Ours (a place, then an office's words) still runs, so that an office's
     *                      address is not taken for a person's; names and addresses are found as with it
     */
    ChineseEntities(boolean organisations) {
        this.organisations = organisations;
    }

    /**
     * Loads HanLP on a daemon thread now, so that the first document or record does not wait for
     * it (seconds on a busy machine); a find that comes first waits for the same loading.
     */
    static void loadInBackground() {
        Thread loading = new Thread(() -> segment().seg("卓玛住在康定市"), "pdx-hanlp-loading");
        loading.setDaemon(true);
        loading.start();
    }

    /** Names, addresses and organisations in {@code text}, in no particular order; they may overlap. */
    List<Entity> find(String text) {
        List<Entity> out = new ArrayList<>();
        // A name, an address and an organisation each take two Han characters at least: 女, 是 or a code need no model.
        if (hanCount(text, 2) < 2) {
            return out;
        }
        List<Term> terms = (organisations ? segment() : Holder.WITHOUT_ORGANISATIONS).seg(text);
        List<Entity> names = new ArrayList<>();
        names(text, terms, names);
        syllableNames(text, names);
        // Every match starts at a surname: tried there only, its look-behind reading the text before
        // (find() would try the look-behind's alternatives at every position, a third of a field's scan).
        Matcher inContext = HAN_NAME_IN_CONTEXT.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int at = 0; at < text.length(); at++) {
            if (SURNAMES.indexOf(text.charAt(at)) < 0 || !inContext.region(at, text.length()).lookingAt()) {
                continue;
            }
            int group = inContext.group(1) != null ? 1 : 2;
            String name = inContext.group(group);
            if (NOT_NAME_ENDINGS.indexOf(name.charAt(name.length() - 1)) < 0 && !commonWord(name)) {
                names.add(new Entity(FindingKind.PERSON_NAME, inContext.start(group), inContext.end(group)));
            }
            at = inContext.end() - 1;
        }
        List<int[]> notNames = notNames(text);
        for (Entity name : names) {
            if (notNames.stream().noneMatch(r -> r[0] < name.end() && name.start() < r[1])) {
                out.add(name);
            }
        }
        Set<Integer> anchors = new HashSet<>();
        for (Term t : terms) {
            String nature = t.nature.toString();
            if (nature.startsWith("ns")) {
                anchors.add(t.offset);
            } else if (nature.startsWith("nt") && OFFICE.matcher(t.word).matches() && t.word.length() > 3) {
                out.add(new Entity(FindingKind.ORGANISATION, t.offset, t.offset + t.word.length()));
            }
        }
        for (int i = 0; i < text.length(); i++) {
            if (known(text, i) != null) {
                anchors.add(i);
            }
        }
        Matcher label = ADDRESS_LABEL.matcher(text);
        while (label.find()) {
            address(text, label.end(), true, out);
        }
        // An office's name ends with one of these characters: a text holding none of them names no office.
        boolean mayNameAnOffice = text.chars().anyMatch(c -> OFFICE_ENDINGS.indexOf(c) >= 0);
        anchors.stream().sorted().forEach(at -> {
            address(text, at, false, out);
            if (mayNameAnOffice) {
                organisation(text, at, out);
            }
        });
        return out;
    }

    private static void names(String text, List<Term> terms, List<Entity> out) {
        for (Term t : terms) {
            if (NAME_NATURES.contains(t.nature.toString()) && t.word.length() >= 2 && t.word.length() <= 8
                    && !PLACES.containsKey(t.word) && allHan(t.word)) {
                int start = t.offset;
                // The segmenter often takes a rare given name for the whole name and leaves the surname out.
                if (t.word.length() == 2 && start > 0 && SURNAMES.indexOf(t.word.charAt(0)) < 0
                        && SURNAMES.indexOf(text.charAt(start - 1)) >= 0) {
                    start--;
                }
                int end = t.offset + t.word.length();
                while (end - start > 2 && AFTER_A_NAME.indexOf(text.charAt(end - 1)) >= 0) {
                    end--;
                }
                out.add(new Entity(FindingKind.PERSON_NAME, start, end));
            }
        }
    }

    /** Runs of given-name syllables, read from the text itself: the segmenter may cut one in two. */
    private static void syllableNames(String text, List<Entity> out) {
        int i = 0;
        while (i < text.length() - 1) {
            int end = i;
            while (end + 2 <= text.length() && SYLLABLES.contains(text.substring(end, end + 2))) {
                end += 2;
            }
            if (end > i) {
                out.add(new Entity(FindingKind.PERSON_NAME, i, end));
                i = end;
            } else {
                i++;
            }
        }
    }

    /** A word of HanLP's core dictionary that is never a name there (符号, 全部). */
    private static boolean commonWord(String word) {
        CoreDictionary.Attribute attribute = CoreDictionary.get(word);
        if (attribute == null) {
            return false;
        }
        for (var nature : attribute.nature) {
            if (nature.toString().startsWith("nr")) {
                return false;
            }
        }
        return true;
    }

    private static List<int[]> notNames(String text) {
        List<int[]> out = new ArrayList<>();
        for (String word : NOT_NAMES) {
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                out.add(new int[] {at, at + word.length()});
            }
        }
        return out;
    }

    /**
     * Grows an address from {@code at}: each part may follow the ones above it, and a part whose
     * name is not one of ours (a town, a village, a road) only after a place or a label.
     */
    private static void address(String text, int at, boolean afterLabel, List<Entity> out) {
        int end = at;
        boolean anchored = afterLabel;
        Level level = null;
        while (true) {
            String place = known(text, end);
            if (place != null && (level == null || PLACES.get(place).compareTo(level) > 0)) {
                level = PLACES.get(place);
                end += place.length();
                anchored = true;
                continue;
            }
            break;
        }
        if (!anchored && end == at) {
            anchored = true; // a place HanLP recognised
        }
        if (level == null || level.compareTo(Level.PREFECTURE) < 0) {
            end = part(PREFECTURE, text, end, level == Level.PROVINCE);
        }
        if (level == null || level.compareTo(Level.COUNTY) < 0) {
            end = part(COUNTY, text, end, end > at || afterLabel);
        }
        if (level == null || level.compareTo(Level.TOWN) < 0) {
            end = part(TOWN, text, end, true);
        }
        int village = part(VILLAGE, text, end, true);
        int road = part(ROAD, text, village, true);
        int house = part(HOUSE, text, road, true);
        boolean street = road > village && house > road || village > end;
        if (anchored && street) {
            out.add(new Entity(FindingKind.ADDRESS, at, Math.max(village, house)));
        }
    }

    /** The end of {@code part} matched at {@code at} when allowed, else {@code at}. */
    private static int part(Pattern part, String text, int at, boolean allowed) {
        if (!allowed || at >= text.length()) {
            return at;
        }
        Matcher m = part.matcher(text).region(at, text.length());
        return m.lookingAt() ? m.end() : at;
    }

    /** A place, its offices one after another: 康定市公安局炉城派出所. */
    private static void organisation(String text, int at, List<Entity> out) {
        int end = at;
        String place;
        while ((place = known(text, end)) != null) {
            end += place.length();
        }
        end = part(TOWN, text, end, true);
        int office = end;
        while (true) {
            Matcher m = OFFICE.matcher(text).region(office, text.length());
            if (!m.lookingAt()) {
                break;
            }
            office = m.end();
        }
        if (office > end) {
            out.add(new Entity(FindingKind.ORGANISATION, at, office));
        }
    }

    /** The longest of our places that starts at {@code at}, or null. */
    private static String known(String text, int at) {
        int end = PLACE_TRIE.longestAt(text, at);
        return end < 0 ? null : text.substring(at, end);
    }

    /** A trie of places; a text's positions mostly end at the root's first look. */
    private static final class PlaceTrie {
        private final Map<Character, PlaceTrie> next = new HashMap<>();
        private boolean place;

        static PlaceTrie of(Set<String> places) {
            PlaceTrie root = new PlaceTrie();
            for (String p : places) {
                PlaceTrie node = root;
                for (int i = 0; i < p.length(); i++) {
                    node = node.next.computeIfAbsent(p.charAt(i), c -> new PlaceTrie());
                }
                node.place = true;
            }
            return root;
        }

        /** The end of the longest place of two characters or more starting at {@code at}, or -1. */
        int longestAt(String text, int at) {
            int longest = -1;
            PlaceTrie node = this;
            for (int i = at; i < text.length(); i++) {
                node = node.next.get(text.charAt(i));
                if (node == null) {
                    break;
                }
                if (node.place && i + 1 - at >= 2) {
                    longest = i + 1;
                }
            }
            return longest;
        }
    }

    /** How many Han characters {@code text} holds, counting no further than {@code enough}. */
    private static int hanCount(String text, int enough) {
        int count = 0;
        for (int i = 0; i < text.length() && count < enough; i++) {
            if (Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN) {
                count++;
            }
        }
        return count;
    }

    private static boolean allHan(String word) {
        return word.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || c == '·');
    }

    private static Map<String, Level> places() {
        Map<String, Level> out = new HashMap<>();
        for (String line : lines("places.txt")) {
            String[] f = line.split(",");
            out.put(f[0], Level.valueOf(f[1]));
        }
        return Map.copyOf(out);
    }

    private static Set<String> syllables() {
        Set<String> out = new HashSet<>();
        for (String line : lines("name-syllables.txt")) {
            out.addAll(List.of(line.trim().split("\\s+")));
        }
        return Set.copyOf(out);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = ChineseEntities.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the documents plugin");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
