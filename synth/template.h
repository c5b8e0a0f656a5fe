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

// Deals templates without replacement and never deals a template twice: a document
// that uses a deck states each sentence frame at most once, and stops (or moves on)
// when the deck is empty instead of repeating itself. Real text does not repeat its
// sentences, and the quality stages (Gopher's repetition rules) rightly drop text that
// does, so the decks hold enough frames for the longest document of their style.
class Deck {
 public:
  template <size_t N>
  Deck(const char* const (&templates)[N], Rng& rng) : cards_(templates, templates + N) {
    rng.shuffle(cards_);
  }
  bool empty() const { return next_ == cards_.size(); }
  size_t left() const { return cards_.size() - next_; }
  // The next template, or nullptr once all have been dealt.
  const char* next() { return empty() ? nullptr : cards_[next_++]; }
  // The next template that keep accepts, or nullptr; the ones it refuses are discarded.
  template <class Keep>
  const char* next_if(Keep keep) {
    while (!empty()) {
      const char* card = cards_[next_++];
      if (keep(card)) return card;
    }
    return nullptr;
  }

 private:
  std::vector<const char*> cards_;
  size_t next_ = 0;
};

// Whether a template uses the slot ("{album}" for "album").
bool uses_slot(std::string_view tmpl, std::string_view name);

}  // namespace mucpt::synth
