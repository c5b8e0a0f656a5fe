#pragma once
// A small sentence template language: "{name}" is replaced by a variable set for the
// document, or, when no variable has that name, by a random word from the vocabulary
// list of that name; "{^name}" capitalises the first letter of the replacement.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "synth/rng.h"

namespace mucpt::synth {

class Vars {
 public:
  Vars() = default;
  // A scope that sees the parent's variables unless it sets its own (cheaper than a copy).
  explicit Vars(const Vars* parent) : parent_(parent) {}
  // Keys are string literals (only the view is kept).
  void set(std::string_view key, std::string value);
  void set(std::string_view key, int value) { set(key, std::to_string(value)); }
  const std::string* find(std::string_view key) const;
  void clear() { items_.clear(); }

 private:
  std::vector<std::pair<std::string_view, std::string>> items_;
  const Vars* parent_ = nullptr;
};

void expand(std::string& out, std::string_view tmpl, const Vars& vars, Rng& rng);

// Expands a random template from the list.
template <size_t N>
void expand_one(std::string& out, const char* const (&templates)[N], const Vars& vars, Rng& rng) {
  expand(out, templates[rng.below(N)], vars, rng);
}

// Deals templates without replacement, so a document repeats a sentence frame only
// after it has used all of them.
class Deck {
 public:
  template <size_t N>
  Deck(const char* const (&templates)[N], Rng& rng) : cards_(templates, templates + N), rng_(rng) {
    rng_.shuffle(cards_);
  }
  const char* next() {
    if (next_ == cards_.size()) {
      rng_.shuffle(cards_);
      next_ = 0;
    }
    return cards_[next_++];
  }

 private:
  std::vector<const char*> cards_;
  Rng& rng_;
  size_t next_ = 0;
};

}  // namespace mucpt::synth
