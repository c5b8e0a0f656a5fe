#include "synth/knowledge_base.h"

#include <algorithm>
#include <cstdio>

#include "synth/lexicon.h"

namespace mucpt::synth {

namespace {

std::string make_id(const char* prefix, size_t index, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-%0*zu", prefix, width, index);
  return buf;
}

uint64_t clamp_count(uint64_t v, uint64_t lo, uint64_t hi) { return std::min(std::max(v, lo), hi); }

uint32_t add_person(KnowledgeBase& kb, NameGenerator& names, Rng& rng, double stage_name_p,
                    int birth_lo, int birth_hi) {
  Person p;
  Name birth = names.person();
  p.birth_name = birth.en;
  if (rng.chance(stage_name_p)) {
    Name stage = names.stage_name();
    p.name = stage.en;
    p.zh_name = stage.zh;
  } else {
    p.name = birth.en;
    p.zh_name = birth.zh;
  }
  p.birth_year = static_cast<int>(rng.range(birth_lo, birth_hi));
  p.city = static_cast<uint32_t>(rng.below(cities().size));
  kb.people.push_back(std::move(p));
  return static_cast<uint32_t>(kb.people.size() - 1);
}

}  // namespace

KnowledgeBase KnowledgeBase::build(uint64_t seed, uint64_t documents, uint64_t artists) {
  KnowledgeBase kb;
  Rng rng = Rng::stream(seed, 0x6b62);  // "kb"
  NameGenerator names(rng);

  const uint64_t n_artists = artists > 0 ? artists : clamp_count(documents / 40, 40, 8000);
  const uint64_t n_labels = clamp_count(n_artists / 6, 8, 800);
  const uint64_t n_producers = clamp_count(n_artists / 5, 8, 1600);

  for (uint64_t i = 0; i < n_labels; ++i) {
    Label l;
    l.id = make_id("lbl", i + 1, 4);
    Name brief;
    Name full = names.label(brief);
    l.name = full.en;
    l.zh_name = full.zh;
    l.short_name = brief.en;
    l.city = static_cast<uint32_t>(rng.below(cities().size));
    l.founded = static_cast<int>(rng.range(1938, 1990));
    kb.labels.push_back(std::move(l));
  }
  for (uint64_t i = 0; i < n_producers; ++i)
    kb.producers.push_back(add_person(kb, names, rng, 0.1, 1930, 1985));

  for (uint64_t i = 0; i < n_artists; ++i) {
    Artist a;
    a.id = make_id("art", i + 1, 6);
    a.is_band = rng.chance(0.6);
    a.city = static_cast<uint32_t>(rng.below(cities().size));
    a.genre = static_cast<uint32_t>(rng.below(genres().size));
    a.label = static_cast<uint32_t>(rng.below(kb.labels.size()));
    if (a.is_band) {
      Name n = names.band();
      a.name = n.en;
      a.zh_name = n.zh;
      a.formed = static_cast<int>(rng.range(1962, 2018));
      std::vector<uint32_t> inst(instruments().size);
      for (uint32_t k = 0; k < inst.size(); ++k) inst[k] = k;
      rng.shuffle(inst);
      const int size = static_cast<int>(rng.range(3, 5));
      for (int m = 0; m < size; ++m) {
        uint32_t p = add_person(kb, names, rng, 0.2, a.formed - 30, a.formed - 17);
        kb.people[p].city = rng.chance(0.7) ? a.city : kb.people[p].city;
        a.members.push_back({p, inst[m]});
      }
    } else {
      int born = static_cast<int>(rng.range(1940, 1998));
      uint32_t p = add_person(kb, names, rng, 0.5, born, born);
      a.name = kb.people[p].name;
      a.zh_name = kb.people[p].zh_name;
      a.formed = std::min(2020, born + static_cast<int>(rng.range(17, 28)));
      kb.people[p].city = a.city;
      a.members.push_back({p, static_cast<uint32_t>(rng.below(instruments().size))});
    }

    int year = a.formed + static_cast<int>(rng.range(0, 3));
    const int n_albums = static_cast<int>(rng.range(1, 5));
    for (int k = 0; k < n_albums && year <= 2024; ++k) {
      Album al;
      al.id = make_id("alb", kb.albums.size() + 1, 6);
      Name t = names.album_title();
      al.title = t.en;
      al.zh_title = t.zh;
      al.artist = static_cast<uint32_t>(i);
      al.year = year;
      al.label = rng.chance(0.7) ? a.label : static_cast<uint32_t>(rng.below(kb.labels.size()));
      al.genre = rng.chance(0.8) ? a.genre : static_cast<uint32_t>(rng.below(genres().size));
      al.producer = kb.producers[rng.below(kb.producers.size())];
      const Term& sw = studio_words()[rng.below(studio_words().size)];
      al.studio = std::string(sw.en) + (rng.chance(0.5) ? " Studios" : " Sound Studio");
      al.studio_city = rng.chance(0.5) ? a.city : static_cast<uint32_t>(rng.below(cities().size));
      al.ordinal = k + 1;
      const int n_songs = static_cast<int>(rng.range(8, 13));
      for (int s = 0; s < n_songs; ++s) {
        Song song;
        Name st = names.song_title();
        song.title = st.en;
        song.zh_title = st.zh;
        song.seconds = static_cast<int>(rng.range(138, 412));
        song.writer = a.members[rng.below(a.members.size())].person;
        kb.songs.push_back(std::move(song));
        al.songs.push_back(static_cast<uint32_t>(kb.songs.size() - 1));
      }
      if (rng.chance(0.15)) {
        al.award = static_cast<int>(rng.below(awards().size));
        al.award_year = year + 1;
      }
      a.albums.push_back(static_cast<uint32_t>(kb.albums.size()));
      kb.albums.push_back(std::move(al));
      year += static_cast<int>(rng.range(1, 4));
    }
    kb.artists.push_back(std::move(a));
  }
  return kb;
}

}  // namespace mucpt::synth
