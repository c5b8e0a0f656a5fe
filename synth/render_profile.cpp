// Artist profiles: short fact sheets, each stating the artist's city, the year it
// formed, who plays what, and every album's year and label, one sentence a fact, in a
// shuffled order and with the artist named in every sentence. A world writes several
// per artist: the same facts restated in varied form, which is what knowledge-extraction
// studies find a model needs before it answers questions about them.
#include <algorithm>

#include "synth/lexicon.h"
#include "synth/render_util.h"
#include "synth/renderers.h"
#include "synth/template.h"

namespace mucpt::synth {

namespace {

const char* const kCityBand[] = {"{artist} was formed in {city}.", "{artist} comes from {city}.",
                                 "The home town of {artist} is {city}.", "{artist} started out in {city}."};
const char* const kCitySolo[] = {"{artist} is from {city}.", "{artist} comes from {city}.",
                                 "The home town of {artist} is {city}.", "{artist} grew up in {city}."};
const char* const kFormedBand[] = {"{artist} formed in {year}.", "{artist} was formed in the year {year}.",
                                   "The band {artist} dates from {year}.", "{artist} began playing together in {year}."};
const char* const kFormedSolo[] = {"{artist} began a recording career in {year}.",
                                   "{artist} started recording in {year}.",
                                   "The recording career of {artist} began in {year}."};
const char* const kMember[] = {"{person} plays the {instrument} in {artist}.",
                               "In {artist}, {person} plays the {instrument}.",
                               "The {instrument} player of {artist} is {person}."};
const char* const kAlbumYear[] = {"{artist} released the album \"{album}\" in {year}.",
                                  "The album \"{album}\" by {artist} came out in {year}.",
                                  "In {year}, {artist} released \"{album}\"."};
const char* const kAlbumLabel[] = {"The album \"{album}\" by {artist} was released on {label}.",
                                   "{label} released the album \"{album}\" by {artist}.",
                                   "{artist} put out \"{album}\" on {label}."};

}  // namespace

Doc render_profile(const KnowledgeBase& kb, uint32_t artist, Rng& rng) {
  const Artist& a = kb.artists[artist];
  Doc doc;
  doc.style = "profile";
  doc.entity_id = a.id;
  doc.add_field("url", "https://profiles.musicwiki.example/" + slug(a.name) + "/" + std::to_string(rng.range(100, 999)));
  std::vector<std::string> sentences;
  auto say = [&](const auto& templates, const Vars& v) {
    std::string s;
    expand_one(s, templates, v, rng);
    sentences.push_back(std::move(s));
  };
  Vars v;
  v.set("artist", a.name);
  v.set("city", cities()[a.city].en);
  if (a.is_band) say(kCityBand, v);
  else say(kCitySolo, v);
  Vars formed(&v);
  formed.set("year", a.formed);
  if (a.is_band) say(kFormedBand, formed);
  else say(kFormedSolo, formed);
  if (a.is_band) {
    for (const Member& m : a.members) {
      Vars mv(&v);
      mv.set("person", kb.people[m.person].name);
      mv.set("instrument", instruments()[m.instrument].en);
      say(kMember, mv);
    }
  }
  for (uint32_t index : a.albums) {
    const Album& al = kb.albums[index];
    Vars av(&v);
    av.set("album", al.title);
    av.set("year", al.year);
    av.set("label", kb.labels[al.label].name);
    say(kAlbumYear, av);
    say(kAlbumLabel, av);
  }
  for (size_t i = sentences.size(); i > 1; --i) std::swap(sentences[i - 1], sentences[rng.below(i)]);
  for (size_t i = 0; i < sentences.size(); ++i) doc.text += (i == 0 ? "" : " ") + sentences[i];
  return doc;
}

}  // namespace mucpt::synth
