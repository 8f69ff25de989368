package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdxhub.plugin.FieldMasker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pdxhub.plugins.masking.TestKeys.compile;

class GeneraliseAddressStrategyTest {

    private final GeneraliseAddressStrategy generalise = new GeneraliseAddressStrategy();
    private final FieldMasker toCounty = compile(generalise, "generalise-address(county)");

    @Test
    void cutsAnAddressAfterItsCounty() {
        assertEquals("四川省甘孜藏族自治州康定市", toCounty.mask("四川省甘孜藏族自治州康定市炉城镇光明路12号"));
    }

    @Test
    void readsAnAddressThatStartsAtThePrefecture() {
        assertEquals("甘孜藏族自治州泸定县", toCounty.mask("甘孜藏族自治州泸定县泸桥镇西大街28号"));
    }

    /** The 18 county-level units of Ganzi, from spec/ganzi-divisions.csv (GB/T 2260, 5133xx). */
    @ParameterizedTest
    @ValueSource(strings = {"康定市", "泸定县", "丹巴县", "九龙县", "雅江县", "道孚县", "炉霍县", "甘孜县", "新龙县",
            "德格县", "白玉县", "石渠县", "色达县", "理塘县", "巴塘县", "乡城县", "稻城县", "得荣县"})
    void cutsAfterEachCountyOfGanzi(String county) {
        assertEquals("四川省甘孜藏族自治州" + county, toCounty.mask("四川省甘孜藏族自治州" + county + "幸福路8号"));
        assertEquals("甘孜藏族自治州" + county, toCounty.mask("甘孜藏族自治州" + county + "团结乡团结村3组"));
    }

    @Test
    void readsTheCountyOfTheShortFormOfThePrefecture() {
        assertEquals("甘孜州理塘县", toCounty.mask("甘孜州理塘县高城镇"));
    }

    @ParameterizedTest
    @CsvSource({
            "北京市朝阳区建国路1号, 北京市朝阳区",
            "浙江省杭州市西湖区文三路90号, 浙江省杭州市西湖区",
            "贵州省贵阳市云岩区中华北路, 贵州省贵阳市云岩区",
            "四川省乐山市市中区嘉定北路, 四川省乐山市市中区",
            "西藏自治区拉萨市城关区北京中路, 西藏自治区拉萨市城关区",
            "内蒙古自治区锡林郭勒盟正蓝旗上都镇, 内蒙古自治区锡林郭勒盟正蓝旗",
            "新疆维吾尔自治区阿勒泰地区布尔津县, 新疆维吾尔自治区阿勒泰地区布尔津县",
            "重庆市万州区高笋塘街道, 重庆市万州区",
            "甘肃省临夏回族自治州积石山保安族东乡族撒拉族自治县吹麻滩镇, 甘肃省临夏回族自治州积石山保安族东乡族撒拉族自治县",
            "四川省 成都市 武侯区 人民南路四段, 四川省成都市武侯区"})
    void readsProvincesPrefecturesAndCountiesOfOtherKinds(String address, String county) {
        assertEquals(county, toCounty.mask(address));
    }

    @Test
    void keepsWhatItRecognisedWhenTheCountyIsMissingComingOutCoarserNeverFiner() {
        assertEquals("四川省甘孜藏族自治州", toCounty.mask("四川省甘孜藏族自治州炉城镇光明路12号"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"光明路12号", "Guangming Road 12, Kangding", "12号院", ""})
    void suppressesAnAddressWhoseFirstUnitItCannotRecognise(String address) {
        assertNull(toCounty.mask(address));
    }

    @Test
    void cutsAtCountyUnlessToldAnotherLevel() {
        String address = "四川省甘孜藏族自治州康定市炉城镇光明路12号";
        assertEquals("四川省甘孜藏族自治州康定市", compile(generalise, "generalise-address").mask(address));
        assertEquals("四川省甘孜藏族自治州", compile(generalise, "generalise-address(prefecture)").mask(address));
        assertEquals("四川省", compile(generalise, "generalise-address(province)").mask(address));
    }

    @Test
    void suppressesWhenTheAddressHoldsNoUnitAsCoarseAsTheLevel() {
        assertNull(compile(generalise, "generalise-address(province)").mask("甘孜藏族自治州泸定县泸桥镇"));
    }

    @Test
    void leavesNullNull() {
        assertNull(toCounty.mask(null));
    }

    @Test
    void rejectsAnUnknownLevel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(generalise, "generalise-address(town)"));
        assertEquals("generalise-address([province|prefecture|county]): 'level' must be one of province, prefecture,"
                + " county, not 'town'", e.getMessage());
    }
}
