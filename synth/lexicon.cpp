#include "synth/lexicon.h"

namespace mucpt::synth {

namespace {

// Open syllables transliterate one-to-one, so a generated name always has a Chinese
// form made the way real foreign names are rendered in Chinese.
const Term kSyllables[] = {
    {"ka", "卡"},  {"lo", "洛"},  {"ri", "里"},  {"ma", "马"},  {"sen", "森"}, {"dor", "多"},
    {"vel", "维"}, {"an", "安"},  {"tel", "特"}, {"mi", "米"},  {"ra", "拉"},  {"no", "诺"},
    {"bel", "贝"}, {"sa", "萨"},  {"lin", "林"}, {"ter", "泰"}, {"ko", "科"},  {"va", "瓦"},
    {"len", "伦"}, {"dra", "德拉"}, {"mor", "莫"}, {"ni", "尼"}, {"ta", "塔"},  {"res", "雷斯"},
    {"ga", "加"},  {"bri", "布里"}, {"son", "松"}, {"el", "埃"}, {"da", "达"},  {"vin", "文"},
    {"ha", "哈"},  {"rel", "雷尔"}, {"ju", "朱"}, {"li", "莉"},  {"as", "阿斯"}, {"fen", "芬"},
    {"to", "托"},  {"mar", "玛"}, {"quin", "昆"}, {"ze", "泽"}, {"lu", "卢"},  {"den", "登"},
    {"pe", "佩"},  {"ros", "罗斯"}, {"cal", "卡尔"}, {"vo", "沃"}, {"ne", "内"}, {"tis", "蒂斯"},
    {"bo", "博"},  {"ran", "兰"}, {"ste", "斯特"}, {"fa", "法"}, {"gor", "戈尔"}, {"wen", "温"},
    {"ly", "利"},  {"sha", "莎"}, {"kel", "凯尔"}, {"di", "迪"}, {"mon", "蒙"}, {"ar", "阿尔"},
    {"yo", "约"},  {"vi", "薇"}, {"thor", "索尔"}, {"nel", "内尔"},
};

const Term kTitleAdjectives[] = {
    {"Velvet", "丝绒"},   {"Silver", "银色"},    {"Broken", "破碎"},   {"Electric", "电光"},
    {"Hollow", "空心"},   {"Golden", "金色"},    {"Midnight", "午夜"}, {"Crimson", "深红"},
    {"Quiet", "寂静"},    {"Wild", "狂野"},      {"Paper", "纸"},      {"Neon", "霓虹"},
    {"Distant", "遥远"},  {"Burning", "燃烧"},   {"Frozen", "冰封"},   {"Hidden", "隐秘"},
    {"Lonely", "孤独"},   {"Restless", "不安"},  {"Copper", "青铜"},   {"Scarlet", "绯红"},
    {"Northern", "北方"}, {"Southern", "南方"},  {"Painted", "彩绘"},  {"Wandering", "流浪"},
    {"Sleeping", "沉睡"}, {"Shining", "闪耀"},   {"Falling", "坠落"},  {"Glass", "玻璃"},
    {"Iron", "钢铁"},     {"Amber", "琥珀"},     {"Crystal", "水晶"},  {"Savage", "野性"},
    {"Gentle", "温柔"},   {"Secret", "秘密"},    {"Faded", "褪色"},    {"Endless", "无尽"},
    {"Blue", "蓝色"},     {"Black", "黑色"},     {"White", "白色"},    {"Emerald", "翡翠"},
    {"Violet", "紫罗兰"}, {"Radiant", "光芒"},   {"Drifting", "漂流"}, {"Silent", "无声"},
    {"Ancient", "古老"},  {"Wired", "连线"},     {"Lucky", "幸运"},    {"Rusty", "生锈"},
};

const Term kTitleNouns[] = {
    {"Lantern", "灯笼"},  {"Harbor", "港湾"},   {"River", "河流"},    {"Engine", "引擎"},
    {"Mirror", "镜子"},   {"Garden", "花园"},   {"Signal", "信号"},   {"Comet", "彗星"},
    {"Shadow", "影子"},   {"Tower", "高塔"},    {"Voyager", "旅人"},  {"Ember", "余烬"},
    {"Horizon", "地平线"}, {"Machine", "机器"}, {"Dream", "梦"},      {"Ghost", "幽灵"},
    {"Feather", "羽毛"},  {"Wolf", "狼"},       {"Sparrow", "麻雀"},  {"Island", "岛屿"},
    {"Window", "窗"},     {"Satellite", "卫星"}, {"Anchor", "锚"},    {"Thunder", "雷霆"},
    {"Bridge", "桥"},     {"Candle", "蜡烛"},   {"Dancer", "舞者"},   {"Stranger", "陌生人"},
    {"Wave", "浪"},       {"Rocket", "火箭"},   {"Flower", "花"},     {"Cathedral", "大教堂"},
    {"Pilot", "飞行员"},  {"Prophet", "先知"},  {"Echo", "回声"},     {"Tiger", "老虎"},
    {"Meadow", "草地"},   {"Raven", "渡鸦"},    {"Kingdom", "王国"},  {"Parade", "游行"},
    {"Compass", "罗盘"},  {"Lighthouse", "灯塔"}, {"Canyon", "峡谷"}, {"Orchard", "果园"},
    {"Circus", "马戏团"}, {"Phantom", "魅影"},  {"Season", "季节"},   {"Highway", "公路"},
    {"Monsoon", "季风"},  {"Glacier", "冰川"},  {"Valley", "山谷"},   {"Carnival", "狂欢节"},
    {"Planet", "星球"},   {"Arrow", "箭"},      {"Ocean", "海洋"},    {"Castle", "城堡"},
};

const City kCities[] = {
    {"London", "伦敦", "England", "英国"},         {"Manchester", "曼彻斯特", "England", "英国"},
    {"Liverpool", "利物浦", "England", "英国"},    {"Glasgow", "格拉斯哥", "Scotland", "苏格兰"},
    {"Dublin", "都柏林", "Ireland", "爱尔兰"},     {"Berlin", "柏林", "Germany", "德国"},
    {"Hamburg", "汉堡", "Germany", "德国"},        {"Paris", "巴黎", "France", "法国"},
    {"Lyon", "里昂", "France", "法国"},            {"Stockholm", "斯德哥尔摩", "Sweden", "瑞典"},
    {"Oslo", "奥斯陆", "Norway", "挪威"},          {"Reykjavik", "雷克雅未克", "Iceland", "冰岛"},
    {"Amsterdam", "阿姆斯特丹", "the Netherlands", "荷兰"}, {"Madrid", "马德里", "Spain", "西班牙"},
    {"Barcelona", "巴塞罗那", "Spain", "西班牙"},  {"Lisbon", "里斯本", "Portugal", "葡萄牙"},
    {"Rome", "罗马", "Italy", "意大利"},           {"Milan", "米兰", "Italy", "意大利"},
    {"Vienna", "维也纳", "Austria", "奥地利"},     {"Prague", "布拉格", "the Czech Republic", "捷克"},
    {"New York", "纽约", "the United States", "美国"}, {"Los Angeles", "洛杉矶", "the United States", "美国"},
    {"Seattle", "西雅图", "the United States", "美国"}, {"Chicago", "芝加哥", "the United States", "美国"},
    {"Nashville", "纳什维尔", "the United States", "美国"}, {"Austin", "奥斯汀", "the United States", "美国"},
    {"Detroit", "底特律", "the United States", "美国"}, {"New Orleans", "新奥尔良", "the United States", "美国"},
    {"Atlanta", "亚特兰大", "the United States", "美国"}, {"Memphis", "孟菲斯", "the United States", "美国"},
    {"Toronto", "多伦多", "Canada", "加拿大"},     {"Montreal", "蒙特利尔", "Canada", "加拿大"},
    {"Melbourne", "墨尔本", "Australia", "澳大利亚"}, {"Sydney", "悉尼", "Australia", "澳大利亚"},
    {"Auckland", "奥克兰", "New Zealand", "新西兰"}, {"Tokyo", "东京", "Japan", "日本"},
    {"Osaka", "大阪", "Japan", "日本"},            {"Seoul", "首尔", "South Korea", "韩国"},
    {"Beijing", "北京", "China", "中国"},          {"Shanghai", "上海", "China", "中国"},
    {"Guangzhou", "广州", "China", "中国"},        {"Chengdu", "成都", "China", "中国"},
    {"Taipei", "台北", "Taiwan", "台湾"},          {"Hong Kong", "香港", "Hong Kong", "香港"},
    {"Sao Paulo", "圣保罗", "Brazil", "巴西"},     {"Rio de Janeiro", "里约热内卢", "Brazil", "巴西"},
    {"Buenos Aires", "布宜诺斯艾利斯", "Argentina", "阿根廷"}, {"Mexico City", "墨西哥城", "Mexico", "墨西哥"},
    {"Havana", "哈瓦那", "Cuba", "古巴"},          {"Lagos", "拉各斯", "Nigeria", "尼日利亚"},
    {"Cape Town", "开普敦", "South Africa", "南非"}, {"Helsinki", "赫尔辛基", "Finland", "芬兰"},
};

const Term kGenres[] = {
    {"rock", "摇滚"},           {"indie rock", "独立摇滚"},   {"post-punk", "后朋克"},
    {"jazz", "爵士"},           {"folk", "民谣"},             {"electronic", "电子"},
    {"synth-pop", "合成器流行"}, {"blues", "蓝调"},           {"soul", "灵魂乐"},
    {"hip hop", "嘻哈"},        {"heavy metal", "重金属"},    {"punk rock", "朋克摇滚"},
    {"shoegaze", "自赏"},       {"dream pop", "梦幻流行"},    {"country", "乡村"},
    {"funk", "放克"},           {"reggae", "雷鬼"},           {"ambient", "氛围音乐"},
    {"progressive rock", "前卫摇滚"}, {"R&B", "节奏布鲁斯"}, {"bossa nova", "波萨诺瓦"},
    {"post-rock", "后摇"},      {"Britpop", "英伦摇滚"},      {"alternative rock", "另类摇滚"},
};

const Instrument kInstruments[] = {
    {"lead guitar", "lead guitarist", "主音吉他", "主音吉他手"},
    {"rhythm guitar", "rhythm guitarist", "节奏吉他", "节奏吉他手"},
    {"bass guitar", "bassist", "贝斯", "贝斯手"},
    {"drums", "drummer", "鼓", "鼓手"},
    {"keyboards", "keyboardist", "键盘", "键盘手"},
    {"saxophone", "saxophonist", "萨克斯", "萨克斯手"},
    {"trumpet", "trumpeter", "小号", "小号手"},
    {"violin", "violinist", "小提琴", "小提琴手"},
    {"cello", "cellist", "大提琴", "大提琴手"},
    {"piano", "pianist", "钢琴", "钢琴手"},
    {"synthesizer", "synth player", "合成器", "合成器手"},
    {"percussion", "percussionist", "打击乐", "打击乐手"},
    {"harmonica", "harmonica player", "口琴", "口琴手"},
    {"turntables", "DJ", "唱盘", "DJ"},
};

const Term kAwards[] = {
    {"Golden Lyre Award for Album of the Year", "金竖琴奖年度专辑"},
    {"Northern Lights Music Prize", "北极光音乐奖"},
    {"Silver Stave Award for Best Debut", "银谱线奖最佳新人专辑"},
    {"Harbor City Critics' Prize", "港城乐评人大奖"},
    {"Meridian Prize for Songwriting", "子午线词曲创作奖"},
    {"Blue Note Circle Award", "蓝音符圈大奖"},
    {"Aurora Independent Music Award", "极光独立音乐奖"},
    {"Crystal Microphone Award", "水晶麦克风奖"},
    {"Continental Music Award for Best Live Act", "大陆音乐奖最佳现场表演"},
    {"Evergreen Prize for Folk Recording", "常青民谣录音奖"},
};

const Term kStudioWords[] = {
    {"Abbey", "修道院"}, {"Sunset", "日落"}, {"Riverside", "河畔"}, {"Foundry", "铸造厂"},
    {"Cabin", "小屋"},   {"Basement", "地下室"}, {"Lighthouse", "灯塔"}, {"Warehouse", "仓库"},
    {"Hilltop", "山顶"}, {"Greenhouse", "温室"}, {"Mill", "磨坊"}, {"Chapel", "礼拜堂"},
};

template <class T, size_t N>
Table<T> table(const T (&a)[N]) { return {a, N}; }

}  // namespace

Table<Term> syllables() { return table(kSyllables); }
Table<Term> title_adjectives() { return table(kTitleAdjectives); }
Table<Term> title_nouns() { return table(kTitleNouns); }
Table<City> cities() { return table(kCities); }
Table<Term> genres() { return table(kGenres); }
Table<Instrument> instruments() { return table(kInstruments); }
Table<Term> awards() { return table(kAwards); }
Table<Term> studio_words() { return table(kStudioWords); }

}  // namespace mucpt::synth
