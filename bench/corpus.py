"""A generated news corpus and topic queries for the benchmarks: deterministic, streamable, fast.

``articles(n, seed)`` yields articles in Vietnamese (60 %), English (25 %) and Chinese (15 %) whose
words follow a Zipf distribution over a vocabulary of about 30,000 words:

- Vietnamese: real syllables built from onsets, rhymes and tones with the spelling rules
  (k/c, gh/g, ngh/ng, qu, gi), real common words first, then one- to three-syllable words;
- English: common news words, then words derived from real roots (prefixes and suffixes);
- Chinese: about 1,000 common characters, words of one to three of them, no spaces.

Each article is about one or two *entities* (provinces, districts, communes, people, companies,
products, in the article's language: "Lục Ngạn", "Luc Ngan", "陆岸"), mentioned a few times, with
others in passing; entities are Zipf-popular too, so most are rare. ``queries(n, seed)`` makes
topic queries shaped like real ones: entity names as phrases with their variants ORed, context
words, NEAR/ONEAR, NOT, wildcards, ``title:``, ``lang:``, strict terms; most are about rare
entities, a few broad. Both draw from the same vocabulary (built once, seed 0).

Run ``python bench/corpus.py [n]`` to print a few articles, queries and the vocabulary's size.
"""

from __future__ import annotations

import itertools
import random
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ttdn.core.text import canonical, fold


def _words(text: str) -> list[str]:
    return text.split()


# ---------------------------------------------------------------------------------------------
# Vietnamese syllables

_ONSETS = (
    "",
    "b",
    "c",
    "ch",
    "d",
    "đ",
    "g",
    "gh",
    "gi",
    "h",
    "k",
    "kh",
    "l",
    "m",
    "n",
    "ng",
    "ngh",
    "nh",
    "ph",
    "qu",
    "r",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
)
_RHYMES = _words("""
a ai ao au ay am an ang anh ap at ac ach ăm ăn ăng ăp ăt ăc âm ân âng âp ât âc âu ây
e em en eng ep et ec eo ê êm ên ênh êp êt êch êu
i ia im in inh ip it ich iu iêm iên iêng iêp iêt iêc iêu
o oa oai oan oang oanh oay oat oac oach oăn oăng oăt oăc oe oen oet oi om on ong op ot oc
ô ôi ôm ôn ông ôp ôt ôc ơ ơi ơm ơn ơp ơt
u ua uân uâng uât uây uê uênh uy uya uyên uyêt uynh uyt ui um un ung up ut uc
uôi uôm uôn uông uôt uôc ư ưa ưi ưu ưng ưc ươi ươm ươn ương ươp ươt ươc ươu
y yên yêt yêu yêm
""")
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_FRONT = ("e", "ê", "i", "y")
_VOWELS = set("aăâeêioôơuưy")


def _spelling_ok(onset: str, rhyme: str) -> bool:
    front = rhyme.startswith(_FRONT)
    if onset == "k":
        return front
    if onset in ("c", "g", "ng"):
        return not front
    if onset in ("gh", "ngh"):
        return rhyme.startswith(("e", "ê", "i")) and not rhyme.startswith("iê")
    if onset == "gi":
        return not rhyme.startswith(("i", "y"))
    if onset == "qu":
        return not rhyme.startswith(("u", "o", "ư", "ô", "ơ"))
    if rhyme.startswith("y"):
        return onset == ""
    if rhyme.startswith("iê"):
        return onset != ""
    return True


def _syllables() -> list[str]:
    out: list[str] = []
    for onset in _ONSETS:
        for rhyme in _RHYMES:
            if not _spelling_ok(onset, rhyme):
                continue
            checked = rhyme.endswith(("p", "t", "c", "ch"))
            vowel = next(i for i, char in enumerate(rhyme) if char in _VOWELS) + 1
            for tone in ("\u0301", "\u0323") if checked else _TONES:
                # The mark goes on a vowel; canonical() then moves it where it belongs.
                syllable = onset + rhyme[:vowel] + tone + rhyme[vowel:]
                out.append(canonical(unicodedata.normalize("NFC", syllable)))
    return out


_VI_COMMON = _words("""
của và các là có được trong cho người năm với đã này những một không tỉnh huyện xã cũng đến từ ra
khi về để theo tại trên nhiều sẽ đang làm công_ty nhân_dân phát_triển kinh_tế doanh_nghiệp
sản_xuất xuất_khẩu đầu_tư công_nghiệp nông_nghiệp du_lịch văn_hóa giáo_dục y_tế chính_quyền
chính_phủ thủ_tướng chủ_tịch ủy_ban hội_nghị tổ_chức thực_hiện triển_khai dự_án công_trình
giao_thông hợp_tác quốc_tế đối_ngoại ngoại_giao thông_tin báo_chí an_ninh quốc_phòng môi_trường
khu_công_nghiệp lao_động việc_làm thị_trường giá tăng_trưởng thu_nhập người_dân cán_bộ lãnh_đạo
đồng_chí bí_thư tỉnh_ủy hội_đồng đại_biểu quốc_hội trung_ương địa_phương nông_dân sản_phẩm
chất_lượng tiêu_thụ thương_mại điện_tử linh_kiện nhà_máy công_nhân tuyển_dụng học_sinh trường
bệnh_viện sức_khỏe dịch_bệnh phòng_chống thiên_tai mưa_lũ nắng_nóng mùa_vụ thu_hoạch trái_cây
chợ đường cầu xây_dựng quy_hoạch đất_đai tài_nguyên nhà_ở đô_thị nông_thôn mới lớn nhỏ tốt cao
thấp nhanh hiệu_quả tích_cực quan_trọng đặc_biệt tiếp_tục đồng_thời bên_cạnh ngoài_ra tuy_nhiên
vì_vậy hiện_nay trước_đó sau_đó hôm_nay ngày tháng tuần quý đồng tỷ triệu nghìn tấn ha phần_trăm
đoàn khách đại_sứ lãnh_sự hữu_nghị giao_lưu ký_kết biên_bản ghi_nhớ hợp_đồng vốn nhà_đầu_tư
chương_trình kế_hoạch mục_tiêu nhiệm_vụ giải_pháp kết_quả tình_hình báo_cáo thống_kê số_liệu
cho_biết khẳng_định nhấn_mạnh đề_nghị yêu_cầu chỉ_đạo hướng_dẫn kiểm_tra giám_sát xử_lý vi_phạm
người_lao_động thanh_niên phụ_nữ trẻ_em gia_đình cộng_đồng xã_hội đời_sống thu_hút tiềm_năng
lợi_thế cơ_hội thách_thức khó_khăn hỗ_trợ chính_sách pháp_luật quy_định nghị_định thông_tư
vải thiều nhãn cam bưởi gạo lúa rau quả hàng_hóa vận_chuyển logistics cảng biên_giới cửa_khẩu
""")


# ---------------------------------------------------------------------------------------------
# English words

_EN_COMMON = _words("""
the of and to in a is that for on was with as by it at from be has have are said will its
this an were which been more their after also year new first two government would people
province district company companies investment investors export exports market markets trade
minister ministry officials official president chairman committee council party national
local foreign international cooperation development economic economy growth industrial zone
zones factory factories workers production products farmers lychee lychees fruit harvest
price prices billion million percent tonnes hectares project projects infrastructure road
bridge airport port border provincial authorities police court security defence army sea
island islands fishing fishermen tourism tourists culture heritage festival education
school students university health hospital disease outbreak weather storm flood floods rain
drought energy electricity power solar wind coal oil gas technology digital electronics
phone phones semiconductor chip chips supply chain manufacturing manufacturer plant plants
capital funds bank banks loan loans credit finance financial tax taxes revenue budget
agreement agreements memorandum signed visit visited delegation ambassador embassy consulate
meeting meetings conference summit talks relations partnership partners bilateral regional
community communities residents villagers village villages city cities town towns rural urban
land housing construction environment environmental pollution waste water forest forests
agriculture agricultural rice crops crop livestock pigs cattle poultry seafood shrimp coffee
pepper rubber timber furniture garments textile textiles footwear steel cement fertilizer
report reports according data statistics survey increase increased decrease decreased rose
fell reached expected plans plan planned announced launched opened approved completed
continue continued support supported help helped create created build built expand expanded
attract attracted promote promoted ensure improve improved reduce reduced provide provided
""")
_EN_ROOTS = _words("""
invest export import produce manufacture develop govern employ recruit harvest cultivate
plant build construct connect transport ship deliver supply distribute market trade sell buy
finance fund lend borrow tax pay price cost value grow expand reduce improve reform regulate
inspect monitor protect secure defend patrol police rescue support assist train educate
teach learn study research test design engineer program process package store preserve
freeze process brand certify label promote advertise publish report announce inform
communicate negotiate sign agree cooperate partner visit host welcome celebrate organize
manage operate lead direct plan schedule measure count record register license permit
approve reject delay complete launch open close restore repair clean recycle pollute
flood irrigate drain pump power charge electrify digitize automate assemble test export
account adjust allocate analyse appoint arrange arrest assess attach attend audit balance ban
bargain benefit bid block boost brief broadcast budget calculate campaign cancel capture care
certify challenge chart check claim classify coach collect combine command comment commission
compensate compete comply compose compute concern conduct confirm conserve consider consult
consume contact contract contribute control convert convict cover crash credit cross cultivate
cut damage deal debate declare decline dedicate defeat define demand demonstrate deploy deposit
describe detect determine dispatch display dispute donate double draft dredge drill drive drop
earn edit elect embark emerge enable encourage endorse enforce engage enhance enrol enter equip
erode escort estimate evaluate evacuate examine exchange exhibit exploit explore extend extract
facilitate fence file filter fish fix float focus forecast form frame fuel gather generate grade
grant guard guide handle harm heat hire house identify illustrate impact implement impose
include increase index inject install insure integrate interview introduce invent issue join
judge label land layer lease level list load loan locate lock log mark match merge mine model
modernise mortgage motivate move network notify observe obtain offer order outline own park
perform pilot place pledge pave post prepare present press print prioritise profile project
""")
_EN_PREFIXES = ("", "", "", "re", "pre", "over", "under", "co", "de", "mis", "out", "non")
_EN_SUFFIXES = ("", "s", "ed", "ing", "er", "ers", "ment", "ments", "ation", "able", "ive", "al")

# ---------------------------------------------------------------------------------------------
# Chinese characters, most common first

_ZH_CHARS = """
的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子
说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当
使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你
明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果
料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农
指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济
阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示
议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装
影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克
何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适
属圆包火住调满县局照参红细引听该铁价严首底液官德随病苏失尔死讲配女黄推显谈罪神艺呢席含企望密批营
项防举球英氧势告李台落木帮轮破亚师围注远字材排供河态封另施减树溶怎止案言士均武固叶鱼波视仅费紧爱
左章早朝害续轻服试食充兵源判护司足某练差致板田降黑犯负击范继兴似余坚曲输修故城夫够送笔船占右财吃
富春职觉汉画功巴跟虽杂飞检吸助升阳互初创抗考投坏策古径换未跑留钢曾端责站简述钱副尽帝射草冲承独令
限阿宣环双请超微让控州良轴找否纪益依优顶础载倒房突坐粉敌略客袁冷胜绝析块剂测丝协诉念陈仍罗盐友洋
错苦夜刑移频逐靠混母短皮终聚汽村云哪既距卫停烈央察烧迅境若印洲刻括激孔搞甚室待核校散侵吧甲游久菜
味旧模湖货损预阻毫普稳乙妈植息扩银语挥酒守拿序纸医缺雨吗针刘啊急唱误训愿审附获茶鲜粮斤孩脱硫肥善
龙演父渐血欢械掌歌沙刚攻谓盾讨晚粒乱燃矛乎杀药宁鲁贵钟煤读班伯香介迫句丰培握兰担弦蛋沉假穿执答乐
谁顺烟缩征脸喜松脚困异免背星福买染井概慢怕磁倍祖皇促静补评翻肉践尼衣宽扬棉希伤操垂秋宜氢套督振架
亮末宪庆编牛触映雷销诗座居抓裂胞呼娘景威绿晶厚盟衡鸡孙延危胶屋乡临陆顾掉呀灯岁措束耐剧玉赵跳哥季
课凯胡额款绍卷齐伟蒸殖永宗苗川炉岩弱零杨奏沿露杆探滑镇饭浓航怀赶库夺伊灵税途灭赛归召鼓播盘裁险康
唯录菌纯借糖盖横符私努堂域枪润幅哈竟熟虫泽脑壤碳欧遍侧寨敢彻虑斜薄庭纳弹饲伸折麦湿暗荷瓦塞床筑恶
户访塔奇透梁刀旋迹卡氯遇份毒泥退洗摆灰彩卖耗夏择忙铜献硬予繁圈雪函亦抽篇阵阴丁尺追堆雄迎泛爸楼避
谋吨野猪旗累偏典馆索秦脂潮爷豆忽托惊塑遗愈朱替纤粗倾尚痛楚谢奋购磨君池旁碎骨监捕弟暴割贯殊释词亡
壁顿宝午尘闻揭炮残冬桥妇警综招吴付浮遭徐您摇谷赞箱隔订男吹园纷唐败宋玻巨耕坦荣闭湾键凡驻锅救恩剥
凝碱齿截炼麻纺禁废盛版缓净睛昌婚涉筒嘴插岸朗庄街藏姑贸腐奴啦惯乘伙恢匀纱扎辩耳彪臣亿璃抵脉秀萨俄
"""
_ZH_COMMON_WORDS = """
越南 中国 日本 韩国 美国 经济 发展 合作 企业 政府 省委 人民委员会 投资 出口 进口 工业园 荔枝 水果
产量 价格 市场 贸易 农民 农业 工厂 工人 电子 手机 零部件 供应链 项目 基础设施 交通 高速公路 机场
港口 边境 口岸 旅游 文化 教育 医疗 疫情 天气 洪水 台风 电力 能源 银行 贷款 税收 预算 协议 签署 访问
代表团 大使 会议 关系 伙伴 地区 城市 农村 土地 住房 建设 环境 污染 森林 大米 咖啡 海鲜 钢铁 纺织
报告 数据 增长 下降 计划 宣布 启动 批准 完成 继续 支持 扩大 吸引 促进 改善 减少 提供
"""

# ---------------------------------------------------------------------------------------------
# Entities: places, organisations, people, products, each with its Vietnamese, English and
# (when it has one) Chinese name.

_PROVINCES = """
An Giang|Bà Rịa Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|Bình Dương|
Bình Phước|Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|
Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|
Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|
Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|
Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Tiền Giang|
Hồ Chí Minh|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái
"""
_DISTRICTS = """
Lục Ngạn|Lục Nam|Yên Thế|Tân Yên|Lạng Giang|Hiệp Hòa|Việt Yên|Yên Dũng|Sơn Động|Từ Sơn|Tiên Du|
Quế Võ|Gia Bình|Lương Tài|Thuận Thành|Yên Phong|Đông Anh|Sóc Sơn|Mê Linh|Gia Lâm|Chí Linh|
Kinh Môn|Đông Triều|Uông Bí|Móng Cái|Hạ Long|Cẩm Phả|Phổ Yên|Sông Công|Đồng Hỷ|Võ Nhai|
Hữu Lũng|Chi Lăng|Cao Lộc|Văn Lãng|Bình Gia|Bát Xát|Sa Pa|Mường Khương|Bảo Thắng
"""
_CHINESE_PLACES = {
    "Bắc Giang": "北江",
    "Bắc Ninh": "北宁",
    "Hà Nội": "河内",
    "Hồ Chí Minh": "胡志明市",
    "Hải Phòng": "海防",
    "Đà Nẵng": "岘港",
    "Quảng Ninh": "广宁",
    "Lạng Sơn": "谅山",
    "Lào Cai": "老街",
    "Thái Nguyên": "太原",
    "Lục Ngạn": "陆岸",
    "Móng Cái": "芒街",
    "Hạ Long": "下龙",
}
_NAME_SYLLABLES = _words("""
An Bình Hòa Tân Phú Hưng Thịnh Phúc Lộc Thọ Đông Tây Nam Bắc Trung Hồng Quang Minh Đức Thành Hải
Sơn Giang Lâm Xuân Hạ Thu Đồng Kim Ngọc Vân Phong Long Phượng Mỹ Hiệp Hợp Liên Nghĩa Tiến Thắng
Lợi Hà Yên Khánh Quý Vĩnh Thuận Châu Cẩm Lạc Đại Tam Song Tiên Việt Dũng Trường Cường Thái Hoàng
Lương Kiên Định Chính Tự Gia Lập Tường Thủy Sa Hiền Hương Lan Mai Cúc Trang Linh Huyền Hạnh Nga
Tuấn Hùng Huy Khoa Nam Sang Tài Trí Vinh Hiếu Hậu Quyết Toàn Thanh Tâm Bảo Duy Khải Phát Đạt
""")
_FAMILY = _words(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Lương"
)
_MIDDLE = _words("Văn Thị Hữu Đức Minh Quang Thanh Ngọc Xuân Hồng Thu Anh Công Bá Đình Trọng Kim")
_EN_FIRST = _words("""
John James Robert Michael David William Richard Thomas Mark Paul Steven Andrew Kenneth Kevin Brian
Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Nancy Lisa Emily Anna Laura Kim
Hiroshi Takeshi Yuki Kenji Satoshi Min Jae Hyun Soo Wei Jun Lei Ming Hao
""")
_EN_LAST = _words("""
Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson
White Harris Clark Lewis Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill Campbell
Tanaka Suzuki Watanabe Yamamoto Nakamura Park Lee Choi Jung Kang Cho Yoon Wang Zhang Liu Chen Yang
""")
_ORGS: list[tuple[str, str, str | None]] = [
    ("Samsung", "Samsung", "三星"),
    ("Samsung Electronics", "Samsung Electronics", "三星电子"),
    ("Foxconn", "Foxconn", "富士康"),
    ("Hon Hai", "Hon Hai", "鸿海"),
    ("Luxshare", "Luxshare", "立讯"),
    ("Goertek", "Goertek", "歌尔"),
    ("LG Display", "LG Display", None),
    ("LG Innotek", "LG Innotek", None),
    ("Canon", "Canon", "佳能"),
    ("Amkor", "Amkor", None),
    ("Hana Micron", "Hana Micron", None),
    ("Apple", "Apple", "苹果"),
    ("Huawei", "Huawei", "华为"),
    ("Xiaomi", "Xiaomi", "小米"),
    ("Intel", "Intel", "英特尔"),
    ("Viettel", "Viettel", None),
    ("VinFast", "VinFast", None),
    ("Vingroup", "Vingroup", None),
    ("FPT", "FPT", None),
    ("Vietcombank", "Vietcombank", None),
    ("Agribank", "Agribank", None),
    ("EVN", "EVN", None),
    ("Petrolimex", "Petrolimex", None),
    ("UBND tỉnh Bắc Giang", "Bac Giang People's Committee", "北江省人民委员会"),
    ("UBND tỉnh Bắc Ninh", "Bac Ninh People's Committee", "北宁省人民委员会"),
    ("Sở Ngoại vụ", "Department of Foreign Affairs", "外事厅"),
    ("Bộ Công Thương", "Ministry of Industry and Trade", "工贸部"),
    ("Bộ Ngoại giao", "Ministry of Foreign Affairs", "外交部"),
    ("Tỉnh ủy Bắc Giang", "Bac Giang Party Committee", "北江省委"),
    ("Liên Hợp Quốc", "United Nations", "联合国"),
    ("Ngân hàng Thế giới", "World Bank", "世界银行"),
    ("ASEAN", "ASEAN", "东盟"),
    ("JICA", "JICA", None),
    ("KOICA", "KOICA", None),
]
_PRODUCTS: list[tuple[str, str, str | None]] = [
    ("vải thiều", "lychee", "荔枝"),
    ("nhãn lồng", "longan", "龙眼"),
    ("gà đồi Yên Thế", "Yen The hill chicken", None),
    ("mỳ Chũ", "Chu noodles", None),
    ("cam Bố Hạ", "Bo Ha orange", None),
    ("na dai", "custard apple", None),
    ("Galaxy S24", "Galaxy S24", None),
    ("iPhone 15", "iPhone 15", None),
    ("VF 8", "VF 8", None),
    ("chè Thái Nguyên", "Thai Nguyen tea", "太原茶"),
]
_BRANDS = _words("Galaxy Xperia Redmi Pixel Nova Mate Vivo Aqua Sky Star Ultra Neo Zen Max Pro")


# Subjects, in the three languages: an article is about one of them (or none), and its words
# occur only there, as subject words do in real news; broad queries ask for them.
_TOPICS = (
    ("xuất khẩu", "exports", "出口"),
    ("đầu tư", "investment", "投资"),
    ("du lịch", "tourism", "旅游"),
    ("mưa lũ", "floods", "洪水"),
    ("giao thông", "infrastructure", "交通"),
    ("dịch bệnh", "outbreak", "疫情"),
    ("biên giới", "border", "边境"),
    ("linh kiện", "semiconductor", "零部件"),
)


@dataclass(frozen=True)
class Entity:
    kind: str  # place, org, person, product
    vi: str
    en: str
    zh: str | None

    def name(self, lang: str) -> str:
        if lang == "vi":
            return self.vi
        if lang == "zh" and self.zh:
            return self.zh
        return self.en


def _ascii_name(name: str) -> str:
    return " ".join(word.capitalize() if word.islower() else word for word in fold(name).split())


def _split_names(block: str) -> list[str]:
    return [name.strip() for name in block.replace("\n", "").split("|") if name.strip()]


# ---------------------------------------------------------------------------------------------
# The vocabulary


@dataclass(frozen=True)
class Vocabulary:
    words: dict[str, tuple[str, ...]]  # per language, most frequent first
    cumulative: dict[str, tuple[float, ...]]
    entities: tuple[Entity, ...]  # most popular first
    entity_weights: tuple[float, ...]
    zh_chars: tuple[str, ...]

    def distinct_words(self) -> int:
        return len({word for words in self.words.values() for word in words})


def _zipf(n: int, s: float = 1.0, q: float = 2.7) -> tuple[float, ...]:
    return tuple(itertools.accumulate(1.0 / (rank + q) ** s for rank in range(n)))


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


@cache
def vocabulary(seed: int = 0) -> Vocabulary:
    rng = random.Random(seed)
    syllables = _syllables()
    rng.shuffle(syllables)
    common_vi = [word.replace("_", " ") for word in _VI_COMMON]
    # Frequent syllables: those of the common words first, then the others in shuffled order.
    head = _unique([s for word in common_vi for s in word.split()])
    syllables = _unique(head + syllables)
    weights = _zipf(len(syllables), 1.1)

    def draw(k: int) -> list[str]:
        return rng.choices(syllables, cum_weights=weights, k=k)

    vi = list(common_vi)
    vi += syllables[:6000]
    vi += [" ".join(draw(2)) for _ in range(11000)]
    vi += [" ".join(draw(3)) for _ in range(1500)]
    vi = _unique(vi)
    head_vi, tail_vi = vi[: len(common_vi)], vi[len(common_vi) :]
    rng.shuffle(tail_vi)
    vi = head_vi + tail_vi

    derived = [
        prefix + (root[:-1] if root.endswith("e") and suffix[:1] in "aei" else root) + suffix
        for root in _EN_ROOTS
        for prefix in _EN_PREFIXES
        for suffix in _EN_SUFFIXES
        if rng.random() < 0.45
    ]
    rng.shuffle(derived)
    en = _unique(_EN_COMMON + _EN_ROOTS + derived)

    chars = _unique([char for char in _ZH_CHARS if not char.isspace()])
    zh_weights = _zipf(len(chars), 1.0)
    zh = _unique(
        _ZH_COMMON_WORDS.split()
        + chars[:600]
        + ["".join(rng.choices(chars, cum_weights=zh_weights, k=2)) for _ in range(4000)]
        + ["".join(rng.choices(chars, cum_weights=zh_weights, k=3)) for _ in range(800)]
    )
    subject_words = {word for topic in _TOPICS for word in topic}
    words = {
        lang: tuple(word for word in items if word not in subject_words)
        for lang, items in (("vi", vi), ("en", en), ("zh", zh))
    }
    cumulative = {lang: _zipf(len(items), 1.0) for lang, items in words.items()}
    entities = _entities(rng, chars)
    return Vocabulary(
        words=words,
        cumulative=cumulative,
        entities=tuple(entities),
        entity_weights=_zipf(len(entities), 0.9, 10.0),
        zh_chars=tuple(chars),
    )


def _entities(rng: random.Random, chars: list[str]) -> list[Entity]:
    popular: list[Entity] = []
    for name in _split_names(_PROVINCES):
        popular.append(Entity("place", name, _ascii_name(name), _CHINESE_PLACES.get(name)))
    for vi, en, zh in _ORGS:
        popular.append(Entity("org", vi, en, zh))
    for vi, en, zh in _PRODUCTS:
        popular.append(Entity("product", vi, en, zh))
    popular.sort(key=lambda entity: (entity.vi not in ("Bắc Giang", "Bắc Ninh", "Samsung"),))
    rare: list[Entity] = []
    for name in _split_names(_DISTRICTS):
        rare.append(Entity("place", name, _ascii_name(name), _CHINESE_PLACES.get(name)))

    def chinese(k: int) -> str | None:
        return "".join(rng.sample(chars[:800], k)) if rng.random() < 0.3 else None

    communes = _unique(
        [" ".join(rng.sample(_NAME_SYLLABLES, 2)) for _ in range(4000)]
        + ["Quý Sơn", "Phượng Sơn", "Hồng Giang", "Nam Dương", "Kiên Thành", "Biển Động"]
    )
    for name in communes[:2500]:
        rare.append(Entity("place", "xã " + name, _ascii_name(name) + " commune", chinese(3)))
    people = _unique(
        [
            f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_NAME_SYLLABLES)}"
            for _ in range(6000)
        ]
    )
    for name in people[:4000]:
        rare.append(Entity("person", name, _ascii_name(name), chinese(3)))
    for _ in range(800):
        name = f"{rng.choice(_EN_FIRST)} {rng.choice(_EN_LAST)}"
        rare.append(Entity("person", name, name, None))
    companies = _unique([" ".join(rng.sample(_NAME_SYLLABLES, 2)) for _ in range(3000)])
    for name in companies[:1500]:
        ascii_name = _ascii_name(name)
        rare.append(Entity("org", f"Công ty {name}", f"{ascii_name} Company", chinese(4)))
    for i in range(600):
        model = f"{rng.choice(_BRANDS)} {rng.choice('ABCGKMSXZ')}{rng.randint(2, 99)}"
        rare.append(Entity("product", model, model, None if i % 3 else model))
    rng.shuffle(rare)
    seen: set[str] = set()
    out: list[Entity] = []
    for entity in popular + rare:
        if entity.vi not in seen:
            seen.add(entity.vi)
            out.append(entity)
    return out


# ---------------------------------------------------------------------------------------------
# Articles


class Article(NamedTuple):
    title: str
    text: str
    lang: str
    site: str
    url: str


_SITES = {
    "vi": ("baobacgiang.vn", "baobacninh.vn", "vnexpress.net", "tuoitre.vn", "nhandan.vn"),
    "en": ("vietnamnews.vn", "e.vnexpress.net", "reuters.com", "vir.com.vn"),
    "zh": ("cn.nhandan.vn", "xinhuanet.com", "zaobao.com"),
}


def articles(n: int, seed: int = 1) -> Iterator[Article]:
    """``n`` articles; the first ``k`` are the same for every ``n`` ≥ ``k`` (same seed)."""
    vocab = vocabulary()
    rng = random.Random(seed)
    entities, entity_weights = vocab.entities, vocab.entity_weights
    for index in range(n):
        roll = rng.random()
        lang = "vi" if roll < 0.6 else "en" if roll < 0.85 else "zh"
        words, weights = vocab.words[lang], vocab.cumulative[lang]
        about = rng.choices(entities, cum_weights=entity_weights, k=rng.randint(1, 2))
        passing = rng.choices(entities, cum_weights=entity_weights, k=rng.randint(0, 4))
        size = rng.randint(150, 400) if lang != "zh" else rng.randint(120, 300)
        body = rng.choices(words, cum_weights=weights, k=size)
        mentions = [e.name(lang) for e in about for _ in range(rng.randint(1, 4))]
        mentions += [e.name(lang) for e in passing]
        if rng.random() < 0.5:
            subject = rng.choice(_TOPICS)[("vi", "en", "zh").index(lang)]
            mentions += [subject] * rng.randint(1, 4)
        for mention in mentions:
            body.insert(rng.randrange(len(body) + 1), mention)
        title_words = rng.choices(words, cum_weights=weights, k=rng.randint(6, 12))
        title_words.insert(rng.randrange(len(title_words) + 1), about[0].name(lang))
        site = rng.choice(_SITES[lang])
        yield Article(
            title=_sentence(title_words, lang, end=""),
            text=_paragraphs(body, lang, rng),
            lang=lang,
            site=site,
            url=f"https://{site}/news/{index}.html",
        )


def _sentence(words: list[str], lang: str, end: str = ".") -> str:
    if lang == "zh":
        return "".join(words) + ("。" if end else "")
    first = words[0]
    return " ".join([first[:1].upper() + first[1:], *words[1:]]) + end


def _paragraphs(words: list[str], lang: str, rng: random.Random) -> str:
    sentences: list[str] = []
    at = 0
    while at < len(words):
        size = rng.randint(8, 24)
        chunk = words[at : at + size]
        at += size
        if len(chunk) > 6:
            comma = rng.randrange(2, len(chunk) - 2)
            chunk[comma] += "，" if lang == "zh" else ","
        sentences.append(_sentence(chunk, lang))
    return ("" if lang == "zh" else " ").join(sentences)


# ---------------------------------------------------------------------------------------------
# Queries


def _quote(name: str) -> str:
    return f'"{name}"' if " " in name or not name.isalnum() else name


def _variants(entity: Entity, rng: random.Random) -> str:
    names = _unique([entity.vi, entity.en, *([entity.zh] if entity.zh else [])])
    if entity.vi.startswith("xã "):
        names.insert(1, entity.vi.removeprefix("xã "))
    if rng.random() < 0.4:
        names = names[: rng.randint(1, len(names))]
    parts = [_quote(name) for name in names]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


_EXCLUSIONS = ("du lịch", "bóng đá", "tuyển dụng", "xổ số", "giá vàng", "thời tiết")


def queries(n: int, seed: int = 2) -> list[str]:
    """``n`` topic queries (the first ``k`` are the same for every ``n`` ≥ ``k``).

    Most are about one entity, usually a rare one (5 % are about the 120 most popular: provinces,
    big companies), with context, NEAR, NOT, wildcards, fields; 0.5 % are broad subjects.
    """
    vocab = vocabulary()
    rng = random.Random(seed)
    entities = vocab.entities
    popular = entities[:120]
    vi_context = vocab.words["vi"][20:3000]
    en_context = vocab.words["en"][30:1500]
    en_stems = [root for root in _EN_ROOTS if len(root) >= 5]  # invest*, recruit*
    out: list[str] = []
    for _ in range(n):
        entity = rng.choice(popular) if rng.random() < 0.05 else rng.choice(entities)
        other = rng.choice(entities)
        names = _variants(entity, rng)
        shape = rng.random()
        if shape < 0.30:
            query = names
        elif shape < 0.45:
            context = _quote(rng.choice(vi_context))
            query = f"{names} ({context} OR {_quote(rng.choice(en_context))})"
        elif shape < 0.55:
            distance = rng.choice((5, 10, 15, 20))
            query = f"{names} NEAR/{distance} {_variants(other, rng)}"
        elif shape < 0.60:
            context = _quote(rng.choice(vi_context))
            query = f"{_quote(entity.vi)} ONEAR/{rng.randint(2, 8)} {context}"
        elif shape < 0.72:
            query = f"{names} -{_quote(rng.choice(_EXCLUSIONS))}"
            if rng.random() < 0.5:
                query += f" NOT {_quote(rng.choice(vi_context))}"
        elif shape < 0.80:
            query = f"{rng.choice(en_stems)}* NEAR/8 {_variants(entity, rng)}"
        elif shape < 0.88:
            query = f"title:{names}"
        elif shape < 0.93:
            query = f"{names} lang:{rng.choice(('vi', 'en', 'zh'))}"
        elif shape < 0.97:
            query = f"={_quote(entity.vi)}"
        elif shape < 0.98:
            word = entity.vi.split()[-1]
            query = f'"{word} {rng.choice(vi_context)}"~{rng.randint(3, 8)}'
        elif shape < 0.995:
            query = f"{names} site:{rng.choice(_SITES['vi'])}"
        else:
            topic = rng.choice(_TOPICS)
            query = f'"{topic[0]}" OR {topic[1]} OR {topic[2]}'
        out.append(query)
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    vocab = vocabulary()
    print(
        f"vocabulary: {vocab.distinct_words():,} distinct words"
        f" ({', '.join(f'{lang} {len(words):,}' for lang, words in vocab.words.items())}),"
        f" {len(vocab.entities):,} entities"
    )
    for article in articles(n):
        print(f"\n[{article.lang}] {article.site}\n{article.title}\n{article.text[:600]}…")
    print()
    for query in queries(20):
        print(query)


if __name__ == "__main__":
    main()
