#!/usr/bin/env python3
"""Writes generated.txt: sentences in the styles of certificates, forms, letters and tables with
the names, places and identifiers of Ganzi, each personal datum marked {kind|text}. A fixed seed
makes every run write the same file; hand-written.txt holds sentences written by hand in the same
markup. A literal \\n inside a sentence stands for a line break (an ID split across two lines).

    python3 generate.py    # in this folder
"""
import random
from pathlib import Path

rnd = random.Random(19)

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩凯晨雪梅琳婷倩"
TIBETAN = ["卓玛", "扎西", "泽仁", "格桑", "拉姆", "次仁", "降央", "尼玛", "达瓦", "洛绒", "四郎", "益西", "阿旺",
           "曲珍", "央宗", "德吉", "白玛", "多吉", "旺姆", "拉措", "仁青", "贡布", "根呷", "呷绒", "翁姆", "措姆",
           "泽郎", "志玛", "巴登", "索朗", "平措", "土登", "丹增", "罗布", "次旦", "向巴", "登珠", "桑珠", "拥措",
           "卓嘎", "降初", "邓珠", "秋吉", "夏克", "彭措", "群措", "泽翁", "松吉", "呷玛", "绒布"]
YI = ["阿苦日哈", "吉克阿呷", "沙马拉且", "曲比阿果", "吉伍木呷"]
COUNTIES = {"康定市": ["炉城街道", "姑咱镇", "新都桥镇"], "泸定县": ["泸桥镇", "冷碛镇"], "丹巴县": ["章谷镇"],
            "九龙县": ["呷尔镇"], "雅江县": ["河口镇"], "道孚县": ["鲜水镇"], "炉霍县": ["新都镇"],
            "甘孜县": ["甘孜镇"], "新龙县": ["茹龙镇"], "德格县": ["更庆镇"], "白玉县": ["建设镇"],
            "石渠县": ["尼呷镇"], "色达县": ["色柯镇"], "理塘县": ["高城镇"], "巴塘县": ["夏邛镇"],
            "乡城县": ["香巴拉镇"], "稻城县": ["金珠镇"], "得荣县": ["松麦镇"]}
CODES = {"康定市": "513301", "泸定县": "513322", "丹巴县": "513323", "九龙县": "513324", "雅江县": "513325",
         "道孚县": "513326", "炉霍县": "513327", "甘孜县": "513328", "新龙县": "513329", "德格县": "513330",
         "白玉县": "513331", "石渠县": "513332", "色达县": "513333", "理塘县": "513334", "巴塘县": "513335",
         "乡城县": "513336", "稻城县": "513337", "得荣县": "513338"}
ROADS = ["光明路", "团结路", "向阳街", "东大街", "新市前街", "将军桥路", "人民路", "解放路", "和平路", "红军路",
         "建设路", "格萨尔大道", "滨河路", "康巴大道", "北环路", "幸福巷", "雅拉河路", "西大街"]
VILLAGES = ["日头村", "榆林村", "甲根坝村", "瓦泽村", "孔玉村", "俄达村", "然日卡村", "下坝村"]
OTHER_PLACES = ["成都市武侯区", "成都市金牛区", "雅安市雨城区", "西藏自治区昌都市", "青海省玉树藏族自治州"]
ORG_TAILS = ["人民政府", "公安局", "民政局", "人力资源和社会保障局", "卫生健康局", "人民医院", "教育和体育局",
             "市场监督管理局", "自然资源局", "农业农村局"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
PROVINCES = "川藏青渝云贵陕甘"


def han_name():
    return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice([1, 2, 2])))


def tibetan_name():
    return "".join(rnd.sample(TIBETAN, rnd.choice([1, 2, 2])))


def name():
    r = rnd.random()
    return han_name() if r < 0.45 else rnd.choice(YI) if r < 0.5 else tibetan_name()


def county():
    return rnd.choice(list(COUNTIES))


def citizen_id(c=None):
    c = c or county()
    body = CODES[c] + "%04d%02d%02d" % (rnd.randint(1940, 2010), rnd.randint(1, 12), rnd.randint(1, 28)) + "%03d" % rnd.randint(0, 999)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]
    return body + check


def written_id():
    i = citizen_id()
    style = rnd.choice(["plain", "plain", "spaces", "dashes", "fullwidth", "split", "groups4"])
    if style == "spaces":
        return i[:6] + " " + i[6:14] + " " + i[14:]
    if style == "dashes":
        return i[:6] + "-" + i[6:14] + "-" + i[14:]
    if style == "fullwidth":
        return "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in i)
    if style == "split":
        cut = rnd.randint(6, 14)
        return i[:cut] + "\\n" + i[cut:]
    if style == "groups4":
        return " ".join(i[k:k + 4] for k in range(0, 18, 4))
    return i


def mobile():
    m = rnd.choice(["139", "138", "136", "158", "159", "187", "182", "177", "199", "135"]) + "%08d" % rnd.randint(0, 99999999)
    style = rnd.choice(["plain", "plain", "spaces", "dashes", "plus86"])
    if style == "spaces":
        return m[:3] + " " + m[3:7] + " " + m[7:]
    if style == "dashes":
        return m[:3] + "-" + m[3:7] + "-" + m[7:]
    if style == "plus86":
        return "+86 " + m
    return m


def luhn_complete(prefix, length):
    body = prefix + "".join(str(rnd.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for k, d in enumerate(reversed(body)):
        d = int(d)
        if k % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return body + str((10 - total % 10) % 10)


def bank_card():
    card = luhn_complete(rnd.choice(["621700", "622848", "621661", "623059", "622202"]), rnd.choice([16, 19]))
    if rnd.random() < 0.4 and len(card) == 16:
        return " ".join(card[k:k + 4] for k in range(0, 16, 4))
    return card


def plate():
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    p = rnd.choice(PROVINCES) + ("V" if rnd.random() < 0.7 else rnd.choice(letters))
    tail = "".join(rnd.choice(letters + "0123456789" * 3) for _ in range(5))
    while sum(ch.isalpha() for ch in tail) > 2:  # at most two letters on a plate
        tail = "".join(rnd.choice(letters + "0123456789" * 3) for _ in range(5))
    if rnd.random() < 0.2:
        tail = rnd.choice("DF") + "%05d" % rnd.randint(0, 99999)
    return p + ("·" if rnd.random() < 0.3 else "") + tail


def passport():
    return rnd.choice(["E", "G"]) + "%08d" % rnd.randint(0, 99999999)


def permit():
    return rnd.choice("HM") + "%08d" % rnd.randint(0, 99999999)


def address(full=None):
    c = county()
    town = rnd.choice(COUNTIES[c])
    street = rnd.choice([rnd.choice(ROADS) + "%d号" % rnd.randint(1, 300),
                         rnd.choice(ROADS) + "%d号%d栋%d单元%d室" % (rnd.randint(1, 99), rnd.randint(1, 9), rnd.randint(1, 4), rnd.randint(101, 602)),
                         rnd.choice(VILLAGES) + "%d组" % rnd.randint(1, 9),
                         rnd.choice(VILLAGES) + "%d组%d号" % (rnd.randint(1, 9), rnd.randint(1, 60))])
    full = rnd.random() < 0.5 if full is None else full
    head = rnd.choice(["四川省甘孜藏族自治州", "甘孜藏族自治州", "甘孜州", "四川省甘孜州"]) if full else ""
    if rnd.random() < 0.1:
        return rnd.choice(OTHER_PLACES) + rnd.choice(ROADS) + "%d号" % rnd.randint(1, 300)
    return head + c + town + street


def org():
    return county() + rnd.choice(ORG_TAILS)


def m(kind, text):
    return "{" + kind + "|" + text + "}"


def date():
    return "%d年%d月%d日" % (rnd.randint(2018, 2025), rnd.randint(1, 12), rnd.randint(1, 28))


CERTIFICATES = [
    lambda: f"兹证明 {m('name', name())}，公民身份号码 {m('citizen-id', written_id())}，住址：{m('address', address())}，联系电话 {m('mobile', mobile())}。",
    lambda: f"兹有{m('name', name())}同志，身份证号{m('citizen-id', written_id())}，系我单位在职职工，特此证明。",
    lambda: f"经核实，{m('name', name())}（身份证号：{m('citizen-id', written_id())}）户籍所在地为{m('address', address(True))}。",
    lambda: f"{m('name', name())}与{m('name', name())}于{date()}在{m('org', org())}登记结婚。",
    lambda: f"证明：{m('name', name())}，女，藏族，现居住于{m('address', address())}，无违法犯罪记录。",
    lambda: f"特此证明{m('name', name())}自{date()}起在{m('org', org())}工作至今。",
]
FORMS = [
    lambda: f"姓名：{m('name', name())} 性别：男 民族：藏族 身份证号码：{m('citizen-id', written_id())}",
    lambda: f"申请人：{m('name', name())}\\n联系电话：{m('mobile', mobile())}\\n家庭住址：{m('address', address())}",
    lambda: f"户主姓名：{m('name', name())}；开户银行：{m('org', '中国农业银行')}；银行卡号：{m('bank-card', bank_card())}",
    lambda: f"车主：{m('name', name())} 号牌号码：{m('plate', plate())} 车辆类型：小型轿车",
    lambda: f"持证人：{m('name', name())}，护照号码：{m('passport-cn', passport())}，有效期至{date()}",
    lambda: f"经办人：{m('name', name())} 日期：{date()} 电话：{m('mobile', mobile())}",
    lambda: f"监护人{m('name', name())}，手机{m('mobile', mobile())}，通讯地址{m('address', address())}",
    lambda: f"港澳通行证号码：{m('permit-hk-macao', permit())}，持有人：{m('name', name())}",
    lambda: f"联系人：{m('name', name())}，固定电话：{m('phone', '0836-' + str(rnd.randint(2800000, 2899999)))}",
]
LETTERS = [
    lambda: f"尊敬的{m('name', name())}：您于{date()}提交的低保申请已由{m('org', org())}受理，请携带身份证到{m('address', address())}办理。",
    lambda: f"{m('name', name())}老师您好，{m('name', name())}同学的家长联系方式是{m('mobile', mobile())}。",
    lambda: f"我叫{m('name', name())}，住在{m('address', address())}，我的身份证号是{m('citizen-id', written_id())}。",
    lambda: f"请{m('name', name())}于{date()}前将补助款转入{m('bank-card', bank_card())}账户。",
    lambda: f"来信人{m('name', name())}反映，其车辆{m('plate', plate())}在{rnd.choice(list(COUNTIES))}境内被扣。",
    lambda: f"{m('org', org())}：我是{m('name', name())}，现将有关情况报告如下。",
    lambda: f"{m('name', name())}和{m('name', name())}一起去{rnd.choice(list(COUNTIES))}看望了{m('name', name())}。",
]
TABLES = [
    lambda: f"{rnd.randint(1, 99)}\\t{m('name', name())}\\t女\\t{m('citizen-id', written_id())}\\t{m('mobile', mobile())}",
    lambda: f"{m('name', name())} | {m('address', address())} | {m('mobile', mobile())}",
    lambda: f"序号{rnd.randint(1, 99)}，{m('name', name())}，{m('bank-card', bank_card())}，{rnd.randint(200, 3000)}元",
    lambda: f"{m('name', name())}\\t{rnd.choice(list(COUNTIES))}\\t{m('plate', plate())}\\t{date()}",
    lambda: f"{m('name', name())}，{m('citizen-id', written_id())}，{m('address', address())}",
]
NEGATIVES = [
    lambda: f"{rnd.choice(list(COUNTIES))}今年共发放补助资金{rnd.randint(100, 900)}万元。",
    lambda: f"会议于{date()}在{rnd.choice(list(COUNTIES))}召开，各乡镇负责同志参加。",
    lambda: f"全州共有{rnd.randint(10, 90)}个乡镇完成了统计工作，合计{rnd.randint(1000, 9999)}户。",
    lambda: f"本表共{rnd.randint(2, 30)}页，编号{rnd.randint(100000, 999999)}，请于{date()}前报送。",
]

sentences = []
for style, count in ((CERTIFICATES, 80), (FORMS, 90), (LETTERS, 70), (TABLES, 60), (NEGATIVES, 20)):
    for _ in range(count):
        sentences.append(rnd.choice(style)())
Path(__file__).with_name("generated.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
