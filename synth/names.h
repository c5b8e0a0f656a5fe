#pragma once
// Generates entity names from syllable and word tables, each with a Chinese form, and
// guarantees that every registered English name is unique (case-insensitively), so
// a question that names an entity has exactly one answer.
#include <cstdint>
#include <string>
#include <unordered_set>

#include "synth/rng.h"

namespace mucpt::synth {

struct Name {
  std::string en;
  std::string zh;
};

// A capitalised word of n random syllables (usernames, studios); not registered.
Name syllable_word(Rng& rng, int n);

class NameGenerator {
 public:
  explicit NameGenerator(Rng& rng) : rng_(rng) {}

  Name person();      // "Mira Kalden" / "米拉·卡尔登"
  Name stage_name();  // a mononym: "Velisa" / "维莉萨"
  Name band();        // "The Velvet Lanterns" / "丝绒灯笼乐队"
  Name album_title();
  Name song_title();
  // A label has a long name and a short one; both are registered.
  Name label(Name& short_name);

  Name syllable_word(int n) { return synth::syllable_word(rng_, n); }

 private:
  template <class Make>
  Name unique(Make make);
  bool claim(const std::string& en);

  Rng& rng_;
  // 64-bit hashes of the lower-cased names: a collision between two of a few hundred
  // thousand names has a probability near 1e-9, and a collision only costs a redraw.
  std::unordered_set<uint64_t> used_;
};

}  // namespace mucpt::synth
