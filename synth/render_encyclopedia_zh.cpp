// Chinese encyclopedic entries: real Chinese sentence templates with Chinese names,
// full-width punctuation and 《》 around album titles.
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
};
const char* const kAlbumMore[] = {
    "专辑由{producer}担任制作人，在{studio_city}录制完成。",
    "这张专辑共收录{n_tracks}首歌曲，其中《{song}》{zh_praise}。",
    "该专辑以{zh_theme}为主题，{zh_praise}。",
    "专辑中的{zh_element}{zh_sound_adj}而{zh_sound_adj}，主打歌《{song}》尤其受到关注。",
};
const char* const kStyle[] = {
    "{subject}的音乐风格{zh_sound_adj}而{zh_sound_adj}，融合了{zh_influence}与{zh_influence}的元素。",
    "歌词多以{zh_theme}和{zh_theme}为主题，常常带有{zh_sound_adj}的色彩。",
    "乐评人普遍认为，{subject}的{zh_element}是其作品最鲜明的特点。",
    "在现场演出中，{subject}以{zh_sound_adj}的{zh_element}和充满感染力的表演著称。",
    "{subject}早期受到{zh_influence}的影响，后期逐渐转向更加{zh_sound_adj}的{zh_influence}。",
    "许多年轻音乐人将{subject}视为重要的灵感来源。",
    "{subject}的作品在{city}的独立音乐圈中具有重要地位。",
    "多家音乐媒体将{subject}的作品列入年度最佳榜单。",
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
  for (uint32_t index : a.albums) {
    const Album& al = kb.albums[index];
    Vars av(&v);
    av.set("year", al.year);
    av.set("n", al.ordinal);
    av.set("album", al.zh_title);
    av.set("label", kb.labels[al.label].zh_name);
    av.set("producer", kb.people[al.producer].zh_name);
    av.set("studio_city", cities()[al.studio_city].zh);
    av.set("n_tracks", static_cast<int>(al.songs.size()));
    av.set("song", kb.songs[al.songs[rng.below(al.songs.size())]].zh_title);
    expand(t, album_first.next(), av, rng);
    expand(t, album_more.next(), av, rng);
    if (al.award >= 0)
      t += "《" + al.zh_title + "》于" + std::to_string(al.award_year) + "年获得" + awards()[al.award].zh + "。";
  }
  t += "\n\n";

  const size_t target_bytes = static_cast<size_t>(rng.range(400, 900)) * 3;  // ~3 bytes per character
  int in_paragraph = 0;
  while (t.size() < target_bytes) {
    expand(t, style.next(), v, rng);
    if (++in_paragraph >= rng.range(3, 5)) {
      t += "\n\n";
      in_paragraph = 0;
    }
  }
  trim_trailing_space(t);
  return doc;
}

}  // namespace mucpt::synth
