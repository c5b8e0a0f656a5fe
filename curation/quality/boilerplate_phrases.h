#pragma once
// Recognises the boilerplate lines of web pages: consent and cookie notices, calls to
// subscribe or click, sharing and login prompts, copyright footers, menus and
// breadcrumbs. The phrases sit in one readable table (boilerplate_phrases.cpp); a line
// matches case-insensitively, at word boundaries, as the whole line, as its start, or
// anywhere in it. Navigation lines ("Home | About | Contact", "Home > Music > News")
// are recognised by their shape: several short items between spaced separators.
#include <cstdint>
#include <string>
#include <string_view>

namespace mucpt {

struct BoilerplateOptions {
  int64_t max_line_chars = 300;  // longer lines are text, whatever phrase they hold
  int64_t nav_min_items = 3;     // a navigation line has at least this many items...
  int64_t nav_max_item_words = 3;  // ...of at most this many words (and 10 characters per word) each
};

class BoilerplateMatcher {
 public:
  explicit BoilerplateMatcher(const BoilerplateOptions& options) : options_(options) {}
  bool is_boilerplate(std::string_view line);

 private:
  bool is_navigation(std::string_view line) const;
  BoilerplateOptions options_;
  std::string lower_;
};

}  // namespace mucpt
