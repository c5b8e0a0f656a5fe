// Track lists as they appear on discography sites: a title line, facts as "Key: value"
// lines, numbered tracks with durations, credits. No line ends with sentence
// punctuation, which is what makes them look like lists rather than prose.
#include <cctype>

#include "synth/lexicon.h"
#include "synth/render_util.h"
#include "synth/renderers.h"

namespace mucpt::synth {

Doc render_tracklist(const KnowledgeBase& kb, uint32_t album, const FactOverride& ov, Rng& rng) {
  const Album& al = kb.albums[album];
  const Artist& a = kb.artists[al.artist];
  const Label& label = kb.labels[album_label(al, ov)];
  const int year = album_year(al, ov);
  Doc doc;
  doc.style = "tracklist";
  doc.entity_id = al.id;
  doc.add_field("url", "https://www.discindex.example/release/" + slug(a.name) + "-" + slug(al.title));
  doc.add_field("format", rng.chance(0.5) ? "LP" : (rng.chance(0.5) ? "CD" : "Digital"));

  std::string& t = doc.text;
  t.reserve(1024);
  switch (rng.below(3)) {
    case 0: t += a.name + " - " + al.title + " (" + std::to_string(year) + ")"; break;
    case 1: t += al.title + " by " + a.name; break;
    default: t += a.name + " / " + al.title; break;
  }
  t += "\n";
  const bool compact = rng.chance(0.3);
  auto line = [&](const std::string& key, const std::string& value) { t += key + ": " + value + "\n"; };
  line("Released", rng.chance(0.5) ? std::to_string(year) : date_in_year(rng, year));
  // A corrupted label is always written in full, the form the truth records.
  line("Label", ov.album_label >= 0 || rng.chance(0.8) ? label.name : label.short_name);
  line("Genre", genres()[al.genre].en);
  if (!compact) t += "\n";
  if (rng.chance(0.4)) t += "Tracklist\n";

  const bool sides = al.songs.size() >= 8 && rng.chance(0.25);
  int total = 0;
  for (size_t i = 0; i < al.songs.size(); ++i) {
    const Song& s = kb.songs[al.songs[i]];
    total += s.seconds;
    if (sides && (i == 0 || i == al.songs.size() / 2)) t += i == 0 ? "Side A\n" : "Side B\n";
    const std::string n = std::to_string(i + 1);
    switch (rng.below(4)) {
      case 0: t += n + ". " + s.title + " (" + duration(s.seconds) + ")"; break;
      case 1: t += (i + 1 < 10 ? "0" : "") + n + " " + s.title + " " + duration(s.seconds); break;
      default: t += n + ". " + s.title + " " + duration(s.seconds); break;
    }
    t += "\n";
  }
  if (!compact) t += "\n";
  line("Total length", duration(total));
  line("Producer", kb.people[al.producer].name);
  line("Recorded at", al.studio + ", " + cities()[al.studio_city].en);
  if (rng.chance(0.6)) {
    std::vector<std::string> writers;
    for (const Member& m : a.members) writers.push_back(kb.people[m.person].name);
    line("Written by", join_list(writers, "&"));
  }
  if (a.is_band && rng.chance(0.6)) {
    for (const Member& m : a.members)
      t += kb.people[m.person].name + " - " + instruments()[m.instrument].en + "\n";
  }
  if (rng.chance(0.3)) {
    std::string prefix = label.short_name.substr(0, 3);
    for (char& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    line("Catalogue number", prefix + "-" + std::to_string(rng.range(100, 9999)));
  }
  trim_trailing_space(t);
  return doc;
}

}  // namespace mucpt::synth
