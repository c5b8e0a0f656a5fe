#include "synth/corruptions.h"

#include "synth/lexicon.h"

namespace mucpt::synth {

namespace {
int shifted_year(int year, Rng& rng) {
  const int delta = static_cast<int>(rng.range(1, 6));
  return rng.chance(0.5) && year + delta <= 2024 ? year + delta : year - delta;
}
}  // namespace

FactCorruption corrupt_artist_fact(const KnowledgeBase& kb, uint32_t artist, Rng& rng) {
  const Artist& a = kb.artists[artist];
  FactCorruption c;
  if (rng.chance(0.5)) {
    c.field = "formed";
    c.override.artist_formed = shifted_year(a.formed, rng);
    c.true_value = std::to_string(a.formed);
    c.written_value = std::to_string(c.override.artist_formed);
  } else {
    c.field = "city";
    uint32_t city = a.city;
    while (city == a.city) city = static_cast<uint32_t>(rng.below(cities().size));
    c.override.artist_city = static_cast<int>(city);
    c.true_value = cities()[a.city].en;
    c.written_value = cities()[city].en;
  }
  return c;
}

FactCorruption corrupt_album_fact(const KnowledgeBase& kb, uint32_t album, Rng& rng) {
  const Album& al = kb.albums[album];
  FactCorruption c;
  if (rng.chance(0.5) || kb.labels.size() < 2) {
    c.field = "year";
    c.override.album_year = shifted_year(al.year, rng);
    c.true_value = std::to_string(al.year);
    c.written_value = std::to_string(c.override.album_year);
  } else {
    c.field = "label";
    uint32_t label = al.label;
    while (label == al.label) label = static_cast<uint32_t>(rng.below(kb.labels.size()));
    c.override.album_label = static_cast<int>(label);
    c.true_value = kb.labels[al.label].name;
    c.written_value = kb.labels[label].name;
  }
  return c;
}

}  // namespace mucpt::synth
