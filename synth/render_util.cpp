#include "synth/render_util.h"

#include <cctype>
#include <cstdio>

namespace mucpt::synth {

std::string duration(int seconds) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d:%02d", seconds / 60, seconds % 60);
  return buf;
}

const char* ordinal_album_word(int n) {
  static const char* const kWords[] = {"debut", "second", "third", "fourth", "fifth",
                                       "sixth", "seventh", "eighth"};
  return n >= 1 && n <= 8 ? kWords[n - 1] : "latest";
}

std::string count_phrase(int n, const char* singular, const char* plural) {
  static const char* const kWords[] = {"no", "one", "two", "three", "four", "five", "six",
                                       "seven", "eight", "nine", "ten", "eleven", "twelve",
                                       "thirteen", "fourteen", "fifteen"};
  std::string number = n >= 0 && n < 16 ? kWords[n] : std::to_string(n);
  return number + " " + (n == 1 ? singular : plural);
}

std::string join_list(const std::vector<std::string>& items, const char* conjunction) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? std::string(" ") + conjunction + " " : ", ";
    out += items[i];
  }
  return out;
}

std::string date_in_year(Rng& rng, int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, static_cast<int>(rng.range(1, 12)),
                static_cast<int>(rng.range(1, 28)));
  return buf;
}

std::string slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

namespace {
inline unsigned space_at(const char* p) { return (*p == ' ') | (*p == '\n') | (*p == '\t') | (*p == '\r'); }
}  // namespace

size_t word_count(std::string_view s) {
  // Counts word starts: a non-space at the start or after a space. Each position is
  // tested on its own, which lets the compiler vectorise the loop.
  if (s.empty()) return 0;
  const char* p = s.data();
  size_t n = space_at(p) ^ 1u;
  for (size_t i = 1; i < s.size(); ++i) n += space_at(p + i - 1) & (space_at(p + i) ^ 1u);
  return n;
}

void trim_trailing_space(std::string& s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.pop_back();
}

void separate(std::string& s) {
  if (!s.empty() && s.back() != ' ' && s.back() != '\n') s += ' ';
}

}  // namespace mucpt::synth
