#include "synth/facts.h"

#include "synth/lexicon.h"
#include "synth/render_util.h"

namespace mucpt::synth {

int album_year(const Album& al, const FactOverride& ov) { return ov.album_year ? ov.album_year : al.year; }
uint32_t album_label(const Album& al, const FactOverride& ov) {
  return ov.album_label >= 0 ? static_cast<uint32_t>(ov.album_label) : al.label;
}
int artist_formed(const Artist& a, const FactOverride& ov) { return ov.artist_formed ? ov.artist_formed : a.formed; }
uint32_t artist_city(const Artist& a, const FactOverride& ov) {
  return ov.artist_city >= 0 ? static_cast<uint32_t>(ov.artist_city) : a.city;
}

void set_artist_vars(Vars& v, const KnowledgeBase& kb, const Artist& a, const FactOverride& ov) {
  const City& city = cities()[artist_city(a, ov)];
  v.set("artist", a.name);
  v.set("genre", genres()[a.genre].en);
  v.set("city", city.en);
  v.set("country", city.country);
  v.set("formed", artist_formed(a, ov));
  v.set("label", kb.labels[a.label].name);
  v.set("label_short", kb.labels[a.label].short_name);
  v.set("group", a.is_band ? "band" : "artist");
  v.set("they", a.is_band ? "they" : (a.members[0].person % 2 ? "she" : "he"));
  v.set("their", a.is_band ? "their" : (a.members[0].person % 2 ? "her" : "his"));
  v.set("them", a.is_band ? "them" : (a.members[0].person % 2 ? "her" : "him"));
  v.set("origin", (a.is_band ? "formed in " : "started recording in ") + std::string(city.en) + " in " +
                     std::to_string(artist_formed(a, ov)));
  v.set("they_have", a.is_band ? "they have" : (a.members[0].person % 2 ? "she has" : "he has"));
  v.set("albums_phrase", count_phrase(static_cast<int>(a.albums.size()), "studio album", "studio albums"));
}

void set_album_vars(Vars& v, const KnowledgeBase& kb, const Album& al, const FactOverride& ov) {
  const Label& label = kb.labels[album_label(al, ov)];
  v.set("artist", kb.artists[al.artist].name);
  v.set("album", al.title);
  v.set("year", album_year(al, ov));
  v.set("label", label.name);
  v.set("label_short", label.short_name);
  v.set("album_genre", genres()[al.genre].en);
  v.set("producer", kb.people[al.producer].name);
  v.set("studio", al.studio);
  v.set("studio_city", cities()[al.studio_city].en);
  v.set("ordinal", ordinal_album_word(al.ordinal));
  v.set("n_tracks", static_cast<int>(al.songs.size()));
}

}  // namespace mucpt::synth
