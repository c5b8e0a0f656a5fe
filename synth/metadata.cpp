#include "synth/metadata.h"

#include "common/json_writer.h"
#include "common/line_writer.h"
#include "synth/lexicon.h"
#include "synth/sources.h"

namespace mucpt::synth {

namespace {

std::string artist_record(const KnowledgeBase& kb, const Artist& a) {
  std::string out;
  JsonWriter w(out);
  const City& city = cities()[a.city];
  w.begin_object();
  w.field("entity_id", a.id);
  w.field("artist", a.name);
  w.field("type", a.is_band ? "band" : "solo");
  w.field("formed", a.formed);
  w.field("city", city.en);
  w.field("country", city.country);
  w.field("genre", genres()[a.genre].en);
  w.field("label", kb.labels[a.label].name);
  w.key("members").begin_array();
  for (const Member& m : a.members) {
    const Person& p = kb.people[m.person];
    w.begin_object();
    w.field("name", p.name);
    if (p.has_stage_name()) w.field("birth_name", p.birth_name);
    w.field("instrument", instruments()[m.instrument].en);
    w.end_object();
  }
  w.end_array();
  w.key("albums").begin_array();
  for (uint32_t i : a.albums) w.value(kb.albums[i].id);
  w.end_array();
  w.end_object();
  return out;
}

std::string artist_record_zh(const KnowledgeBase& kb, const Artist& a) {
  std::string out;
  JsonWriter w(out);
  const City& city = cities()[a.city];
  w.begin_object();
  w.field("entity_id", a.id);
  w.field("name", a.zh_name);
  w.field("name_en", a.name);
  w.field("type", a.is_band ? "乐队" : "音乐人");
  w.field("formed", a.formed);
  w.field("city", city.zh);
  w.field("country", city.country_zh);
  w.field("genre", genres()[a.genre].zh);
  w.field("label", kb.labels[a.label].zh_name);
  w.end_object();
  return out;
}

std::string album_record(const KnowledgeBase& kb, const Album& al) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("entity_id", al.id);
  w.field("album", al.title);
  w.field("artist", kb.artists[al.artist].name);
  w.field("artist_id", kb.artists[al.artist].id);
  w.field("year", al.year);
  w.field("label", kb.labels[al.label].name);
  w.field("label_short", kb.labels[al.label].short_name);
  w.field("genre", genres()[al.genre].en);
  w.field("producer", kb.people[al.producer].name);
  w.field("tracks", static_cast<int>(al.songs.size()));
  if (al.award >= 0) {
    w.field("award", awards()[al.award].en);
    w.field("award_year", al.award_year);
  }
  w.end_object();
  return out;
}

}  // namespace

void write_metadata(const KnowledgeBase& kb, const std::string& dir) {
  for (int s = 0; s < kSourceCount; ++s) {
    const SourceSpec& spec = source_spec(s);
    if (!spec.entity_kind) continue;
    LineWriter out(dir + "/metadata/" + spec.name + ".jsonl");
    if (std::string(spec.entity_kind) == "album") {
      for (const Album& al : kb.albums) out.write_line(album_record(kb, al));
    } else if (spec.source == Source::encyclopedia_zh) {
      for (const Artist& a : kb.artists) out.write_line(artist_record_zh(kb, a));
    } else {
      for (const Artist& a : kb.artists) out.write_line(artist_record(kb, a));
    }
    out.commit();
  }
}

}  // namespace mucpt::synth
