#include "curation/quality/boilerplate_phrases.h"

#include <array>
#include <vector>

#include "curation/quality/char_class.h"
#include "curation/quality/text_lines.h"

namespace mucpt {

namespace {

enum class Where { line, start, anywhere };

struct Phrase {
  Where where;
  std::string_view text;  // lower case
  int max_words;          // the line may have at most this many words (0: any)
};

// Whole-line phrases ignore trailing punctuation and arrows ("Read more »").
const Phrase kPhrases[] = {
    // Cookie and consent notices
    {Where::anywhere, "we use cookies", 0},
    {Where::anywhere, "uses cookies", 0},
    {Where::anywhere, "use of cookies", 0},
    {Where::anywhere, "accept all cookies", 0},
    {Where::anywhere, "accept cookies", 0},
    {Where::anywhere, "cookie settings", 0},
    {Where::anywhere, "cookie preferences", 0},
    {Where::anywhere, "manage preferences", 8},
    {Where::anywhere, "manage consent", 8},
    // Calls to subscribe, sign up, click, follow, share
    {Where::anywhere, "click here", 0},
    {Where::anywhere, "subscribe to our newsletter", 0},
    {Where::anywhere, "sign up for our newsletter", 0},
    {Where::anywhere, "sign up to our newsletter", 0},
    {Where::anywhere, "subscribe to our channel", 0},
    {Where::start, "subscribe today", 0},
    {Where::start, "subscribe now", 0},
    {Where::start, "sign up now", 0},
    {Where::start, "sign up today", 0},
    {Where::anywhere, "never miss an update", 0},
    {Where::start, "follow us", 0},
    {Where::anywhere, "follow us on", 12},
    {Where::anywhere, "like us on facebook", 0},
    {Where::start, "share this", 0},
    {Where::start, "share on", 6},
    {Where::anywhere, "cancel anytime", 12},
    // Accounts and comments
    {Where::anywhere, "you must be logged in", 0},
    {Where::anywhere, "log in or register", 0},
    {Where::anywhere, "login or register", 0},
    {Where::anywhere, "log in to reply", 0},
    {Where::anywhere, "log in to comment", 0},
    {Where::start, "leave a comment", 8},
    {Where::start, "leave a reply", 8},
    {Where::start, "post a comment", 8},
    {Where::line, "loading comments", 0},
    {Where::line, "comments", 0},
    {Where::line, "sign in", 0},
    {Where::line, "log in", 0},
    {Where::line, "register", 0},
    // Footers
    {Where::anywhere, "all rights reserved", 0},
    {Where::start, "\xC2\xA9", 20},  // ©
    {Where::start, "copyright \xC2\xA9", 0},
    {Where::start, "copyright (c)", 0},
    {Where::start, "powered by", 6},
    {Where::start, "terms of use", 8},
    {Where::start, "privacy policy", 8},
    // Page furniture
    {Where::line, "skip to main content", 0},
    {Where::line, "skip to content", 0},
    {Where::line, "back to top", 0},
    {Where::line, "read more", 0},
    {Where::line, "continue reading", 0},
    {Where::line, "show more", 0},
    {Where::line, "load more", 0},
    {Where::line, "related articles", 0},
    {Where::line, "related posts", 0},
    {Where::line, "you may also like", 0},
    {Where::line, "advertisement", 0},
    {Where::line, "sponsored", 0},
    {Where::line, "home", 0},
    {Where::line, "menu", 0},
    {Where::line, "search", 0},
    {Where::line, "print", 0},
    {Where::line, "email", 0},
    {Where::line, "share", 0},
    {Where::line, "tweet", 0},
    {Where::line, "next", 0},
    {Where::line, "previous", 0},
    {Where::start, "tags:", 20},
    {Where::start, "filed under", 12},
    {Where::start, "posted in", 10},
};

// Separators between the items of a navigation line: | > » « · •
constexpr std::string_view kNavSeparators[] = {"|", ">", "\xC2\xBB", "\xC2\xAB", "\xC2\xB7", "\xE2\x80\xA2"};

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// "Page 3 of 12", whatever follows (links to the previous and next pages).
bool is_pagination(std::string_view line, size_t words) {
  if (words > 10 || line.compare(0, 5, "page ") != 0) return false;
  size_t i = 5;
  auto digits = [&] {
    size_t start = i;
    while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
    return i > start;
  };
  if (!digits() || line.compare(i, 4, " of ") != 0) return false;
  i += 4;
  return digits();
}

size_t count_words(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool blank = c == ' ' || c == '\t';
    n += !blank && !in_word;
    in_word = !blank;
  }
  return n;
}

// Strips what may trail a whole-line phrase: spaces, punctuation and arrows.
std::string_view strip_trailing_marks(std::string_view s) {
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '.' || c == '!' || c == ':' || c == '>' || c == '-' || c == ')' || c == '(') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\xA6" || s.substr(s.size() - 3) == "\xE2\x86\x91" ||
                                 s.substr(s.size() - 3) == "\xE2\x86\x92" || s.substr(s.size() - 3) == "\xE2\x80\xBA")) {
      s.remove_suffix(3);  // … ↑ → ›
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xBB") {
      s.remove_suffix(2);  // »
    } else {
      break;
    }
  }
  return s;
}

bool bounded(std::string_view s, size_t at, size_t len) {
  const bool before = at == 0 || !is_word_char(s[at - 1]) || !is_word_char(s[at]);
  const bool after = at + len == s.size() || !is_word_char(s[at + len]) || !is_word_char(s[at + len - 1]);
  return before && after;
}

bool words_ok(const Phrase& p, size_t words) { return p.max_words == 0 || words <= static_cast<size_t>(p.max_words); }

// The phrases that may sit anywhere, by their first character, so a line is scanned
// once, word start by word start, instead of once per phrase.
using PhraseIndex = std::array<std::vector<const Phrase*>, 128>;

const PhraseIndex& anywhere_by_first_char() {
  static const PhraseIndex index = [] {
    PhraseIndex by_char;
    for (const Phrase& p : kPhrases)
      if (p.where == Where::anywhere) by_char[static_cast<unsigned char>(p.text[0]) & 0x7F].push_back(&p);
    return by_char;
  }();
  return index;
}

}  // namespace

bool BoilerplateMatcher::is_navigation(std::string_view line) const {
  // Items sit between separators with a space on both sides ("Home | News"), so that
  // "AC/DC", "a>b" and the middle dot inside names (泰科·洛拉阿斯) never split a line.
  size_t items = 0, separators = 0;
  size_t start = 0;
  auto item_ok = [&](std::string_view item) {
    item = trim_blanks(item);
    if (item.empty()) return true;
    ++items;
    const auto words = static_cast<int64_t>(count_words(item));
    return words <= options_.nav_max_item_words && static_cast<int64_t>(count_chars(item)) <= 10 * options_.nav_max_item_words;
  };
  for (size_t i = 1; i + 1 < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (line[i - 1] != ' ' || (c != '|' && c != '>' && c != 0xC2 && c != 0xE2)) continue;
    for (std::string_view sep : kNavSeparators) {
      if (line.compare(i, sep.size(), sep) == 0 && i + sep.size() < line.size() && line[i + sep.size()] == ' ') {
        if (!item_ok(line.substr(start, i - start))) return false;
        ++separators;
        i += sep.size();
        start = i;
        break;
      }
    }
  }
  if (!item_ok(line.substr(start))) return false;
  return separators >= 2 && static_cast<int64_t>(items) >= options_.nav_min_items;
}

bool BoilerplateMatcher::is_boilerplate(std::string_view line) {
  line = trim_blanks(line);
  if (line.empty() || static_cast<int64_t>(line.size()) > 4 * options_.max_line_chars ||
      static_cast<int64_t>(count_chars(line)) > options_.max_line_chars)
    return false;
  lower_.assign(line.data(), line.size());
  for (char& c : lower_)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const size_t words = count_words(lower_);
  const std::string_view text = lower_;
  const std::string_view bare = strip_trailing_marks(text);
  for (const Phrase& p : kPhrases) {
    if (!words_ok(p, words)) continue;
    if (p.where == Where::line && bare == p.text) return true;
    if (p.where == Where::start && text.compare(0, p.text.size(), p.text) == 0 && bounded(text, 0, p.text.size()))
      return true;
  }
  const PhraseIndex& anywhere = anywhere_by_first_char();
  for (size_t at = 0; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80 || (at > 0 && is_word_char(text[at - 1]))) continue;  // phrases start at a word
    for (const Phrase* p : anywhere[c])
      if (words_ok(*p, words) && text.compare(at, p->text.size(), p->text) == 0 && bounded(text, at, p->text.size()))
        return true;
  }
  return is_pagination(lower_, words) || is_navigation(lower_);
}

}  // namespace mucpt
