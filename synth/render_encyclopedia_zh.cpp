// Chinese encyclopedic entries: real Chinese sentence templates with Chinese names,
// full-width punctuation and 《》 around album titles.
#include <algorithm>

#include "synth/lexicon.h"
#include "synth/render_util.h"
#include "synth/renderers.h"
#include "synth/template.h"

namespace mucpt::synth {

namespace {

const char* const kBandLead[] = {
    "{name}（{name_en}）是一支来自{country}{city}的{genre}乐队，成立于{formed}年。",
    "{name}（{name_en}），{country}{genre}乐队，{formed}年组建于{city}。",
    "{name}是{formed}年在{city}成立的一支{genre}乐队，英文名为{name_en}。",
};
const char* const kSoloLead[] = {
    "{name}（{name_en}）是来自{country}{city}的{genre}音乐人，{formed}年开始发行作品。",
    "{name}（{name_en}），{country}{genre}歌手、词曲作者，出生于{city}，{formed}年正式出道。",
};
const char* const kAlbum[] = {
    "{year}年，{subject}通过{label}发行了第{n}张录音室专辑《{album}》。",
    "{subject}的第{n}张专辑《{album}》于{year}年由{label}发行。",
    "《{album}》是{subject}于{year}年推出的第{n}张录音室专辑，发行公司为{label}。",
    "{year}年，{subject}推出第{n}张专辑《{album}》，唱片交由{label}出版。",
    "第{n}张录音室专辑《{album}》在{year}年面世，发行方是{label}。",
    "{subject}在{year}年完成了第{n}张作品《{album}》，并通过{label}推向市场。",
};
const char* const kAlbumMore[] = {
    "专辑由{producer}担任制作人，在{studio_city}录制完成。",
    "这张专辑共收录{n_tracks}首歌曲，其中《{song}》{zh_praise}。",
    "该专辑以{zh_theme}为主题，{zh_praise}。",
    "专辑中的{zh_element}{zh_sound_adj}而{zh_sound_adj}，主打歌《{song}》尤其受到关注。",
    "录音工作在{studio_city}进行，制作人是{producer}。",
    "单曲《{song}》推出后{zh_praise}。",
    "这张唱片的{zh_element}比以往更加{zh_sound_adj}。",
    "唱片收录了{n_tracks}首作品，整体风格偏向{zh_influence}。",
    "乐评人认为这张专辑标志着{subject}风格的转变。",
};
// Style, career and legacy sentences; each is used at most once per entry, and there
// are enough of them for the longest entry.
const char* const kStyle[] = {
    "{subject}的音乐风格{zh_sound_adj}而{zh_sound_adj}，融合了{zh_influence}与{zh_influence}的元素。",
    "歌词多以{zh_theme}和{zh_theme}为主题，常常带有{zh_sound_adj}的色彩。",
    "乐评人普遍认为，{subject}的{zh_element}是其作品最鲜明的特点。",
    "在现场演出中，{subject}以{zh_sound_adj}的{zh_element}和充满感染力的表演著称。",
    "{subject}早期受到{zh_influence}的影响，后期逐渐转向更加{zh_sound_adj}的{zh_influence}。",
    "许多年轻音乐人将{subject}视为重要的灵感来源。",
    "{subject}的作品在{city}的独立音乐圈中具有重要地位。",
    "多家音乐媒体将{subject}的作品列入年度最佳榜单。",
    "{subject}的创作通常从一段{zh_element}开始，再逐步加入人声和歌词。",
    "在编曲上，{subject}偏爱{zh_sound_adj}的音色，很少使用复杂的录音室效果。",
    "不少歌曲取材于{city}的日常生活，描绘了普通人的喜怒哀乐。",
    "{subject}的歌曲篇幅普遍不长，旋律简洁，副歌容易记住。",
    "在一些作品中，{subject}尝试把{zh_influence}的节奏与{genre}结合起来。",
    "有评论指出，{subject}后期的作品比早年更加{zh_sound_adj}，也更加成熟。",
    "{subject}很少邀请客座乐手，大部分声部都亲自完成。",
    "作品中经常出现关于{zh_theme}的意象，语言朴素而真诚。",
    "在采访中，{subject}多次提到{zh_influence}带来的启发。",
    "{subject}的录音大多保留了现场感，{zh_element}听起来{zh_sound_adj}而自然。",
    "与同时期的{genre}音乐人相比，{subject}的声音显得格外{zh_sound_adj}。",
    "部分歌迷认为，{subject}最好的作品是那些以{zh_theme}为题材的慢歌。",
    "{subject}经常在巡演中改编旧歌，让老作品呈现出新的面貌。",
    "人声在混音中往往被放在靠后的位置，让{zh_element}成为主角。",
    "{subject}的专辑封面设计同样受到关注，曾多次获得设计奖项提名。",
    "{subject}曾多次登上{country}各大音乐节的舞台。",
    "{subject}的演出门票常常在开售后不久便告售罄。",
    "许多乐迷是通过电台节目第一次听到{subject}的歌曲。",
    "{subject}的早期唱片如今在收藏市场上颇受欢迎。",
    "每逢重要纪念日，{city}的乐迷都会自发组织致敬演出。",
    "有关{subject}的纪录片计划多年来一直在讨论之中。",
    "{subject}的多首作品曾被其他{genre}音乐人翻唱。",
    "在{country}乐坛，{subject}被视为{genre}领域最具代表性的名字之一。",
    "不少音乐院校把{subject}的作品当作编曲教学的范例。",
    "{subject}的社交媒体账号拥有大量关注者，新歌发布时常常引发热议。",
    "在近年的访谈中，{subject}表示仍在为下一张专辑积累素材。",
    "一些电影和电视剧选用了{subject}的歌曲作为插曲。",
    "{subject}与{city}本地的其他音乐人保持着密切的合作关系。",
    "乐评人曾用“{zh_sound_adj}”和“{zh_sound_adj}”来形容{subject}的现场表现。",
    "{subject}的巡演足迹遍及{country}的大小城市。",
    "和声编排是{subject}作品中容易被忽视却十分用心的部分。",
    "慢板歌曲里常见{zh_sound_adj}的{zh_element}，营造出安静的氛围。",
};

}  // namespace

Doc render_encyclopedia_zh(const KnowledgeBase& kb, uint32_t artist, Rng& rng) {
  const Artist& a = kb.artists[artist];
  const City& city = cities()[a.city];
  Doc doc;
  doc.style = "encyclopedia_zh";
  doc.lang = "zh";
  doc.entity_id = a.id;
  doc.add_field("title", a.zh_name);
  doc.add_field("url", "https://zh.musicwiki.example/wiki/" + slug(a.name));
  doc.add_field("lang", "zh");

  Vars v;
  v.set("name", a.zh_name);
  v.set("name_en", a.name);
  v.set("country", city.country_zh);
  v.set("city", city.zh);
  v.set("genre", genres()[a.genre].zh);
  v.set("formed", a.formed);
  v.set("subject", a.is_band ? "乐队" : a.zh_name);

  std::string& t = doc.text;
  t.reserve(3584);
  if (a.is_band) expand_one(t, kBandLead, v, rng);
  else expand_one(t, kSoloLead, v, rng);
  if (a.is_band) {
    std::string lineup;
    for (size_t i = 0; i < a.members.size(); ++i) {
      const Person& p = kb.people[a.members[i].person];
      if (i > 0) lineup += i + 1 == a.members.size() ? "和" : "、";
      lineup += p.zh_name + "（" + instruments()[a.members[i].instrument].player_zh + "）";
    }
    t += "乐队成员包括" + lineup + "。";
  }
  t += "\n\n";

  Deck album_first(kAlbum, rng), album_more(kAlbumMore, rng), style(kStyle, rng);
  int previous_label = -1;
  std::vector<int> awards_named;
  for (uint32_t index : a.albums) {
    const Album& al = kb.albums[index];
    Vars av(&v);
    av.set("year", al.year);
    av.set("n", al.ordinal);
    av.set("album", al.zh_title);
    // A label named again for the next album reads as repetition in Chinese prose.
    av.set("label", static_cast<int>(al.label) == previous_label ? "同一家唱片公司" : kb.labels[al.label].zh_name);
    previous_label = static_cast<int>(al.label);
    av.set("producer", kb.people[al.producer].zh_name);
    av.set("studio_city", cities()[al.studio_city].zh);
    av.set("n_tracks", static_cast<int>(al.songs.size()));
    av.set("song", kb.songs[al.songs[rng.below(al.songs.size())]].zh_title);
    if (const char* first = album_first.next()) expand(t, first, av, rng);
    if (const char* more = album_more.next()) expand(t, more, av, rng);
    if (al.award >= 0) {
      const bool again = std::find(awards_named.begin(), awards_named.end(), al.award) != awards_named.end();
      t += "《" + al.zh_title + "》于" + std::to_string(al.award_year) + "年" +
           (again ? std::string("再次获得该奖项") : "获得" + std::string(awards()[al.award].zh)) + "。";
      awards_named.push_back(al.award);
    }
  }
  t += "\n\n";

  const size_t target_bytes = static_cast<size_t>(rng.range(400, 900)) * 3;  // ~3 bytes per character
  // The subject alternates between the name and a shorter reference, as Chinese prose
  // does, rather than repeating a long transliterated name in every sentence.
  const char* const pronoun = a.is_band ? "这支乐队" : (a.members[0].person % 2 ? "她" : "他");
  int in_paragraph = 0;
  while (t.size() < target_bytes && !style.empty()) {
    const uint64_t pick = rng.below(3);
    Vars sv(&v);
    sv.set("subject", pick == 0 ? a.zh_name : pick == 1 ? std::string(pronoun) : (a.is_band ? "乐队" : a.zh_name));
    expand(t, style.next(), sv, rng);
    if (++in_paragraph >= rng.range(3, 5)) {
      t += "\n\n";
      in_paragraph = 0;
    }
  }
  trim_trailing_space(t);
  return doc;
}

}  // namespace mucpt::synth
