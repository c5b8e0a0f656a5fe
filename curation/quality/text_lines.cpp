#include "curation/quality/text_lines.h"

#include "curation/quality/char_class.h"

namespace mucpt {

namespace {

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Terminal marks beyond ASCII, in UTF-8: the CJK full stop, full-width ! ? and full
// stop, and the closing quotes ” ’ 」 』 that may follow a sentence's end.
constexpr std::string_view kWideTerminals[] = {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xEF\xBC\x8E",
                                               "\xE2\x80\x9D", "\xE2\x80\x99", "\xE3\x80\x8D", "\xE3\x80\x8F"};

bool is_closing(std::string_view s, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return c == '"' || c == '\'' || c == ')' || c == ']';
  }
  if (c != 0xE2 && c != 0xE3 && c != 0xEF) return false;
  // ” ’ 」 』 ）
  static constexpr std::string_view kWideClosers[] = {"\xE2\x80\x9D", "\xE2\x80\x99", "\xE3\x80\x8D",
                                                      "\xE3\x80\x8F", "\xEF\xBC\x89"};
  for (std::string_view closer : kWideClosers) {
    if (s.compare(i, closer.size(), closer) == 0) {
      len = closer.size();
      return true;
    }
  }
  return false;
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

std::string_view trim_blanks(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

void split_lines(std::string_view text, std::vector<std::string_view>& lines) {
  lines.clear();
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(start));
      return;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

bool ends_with_terminal_punct(std::string_view line) {
  line = trim_blanks(line);
  if (line.empty()) return false;
  char last = line.back();
  if (last == '.' || last == '!' || last == '?' || last == '"' || last == '\'') return true;
  if (static_cast<unsigned char>(last) < 0x80) return false;
  for (std::string_view t : kWideTerminals)
    if (ends_with(line, t)) return true;
  return false;
}

bool ends_with_ellipsis(std::string_view line) {
  line = trim_blanks(line);
  return ends_with(line, "...") || ends_with(line, "\xE2\x80\xA6");
}

namespace {

// Sentence ends in the line, and whether words follow the last one.
size_t sentence_ends(std::string_view line, bool& open) {
  size_t n = 0;
  open = false;  // letters since the last sentence end ("1." numbers a list item, ends nothing)
  size_t i = 0;
  while (i < line.size()) {
    const char32_t cp = decode_at(line, i);
    if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) {  // CJK stops need no space after them
      while (i < line.size() && (line.compare(i, 3, "\xE3\x80\x82") == 0 || line.compare(i, 3, "\xEF\xBC\x81") == 0 ||
                                 line.compare(i, 3, "\xEF\xBC\x9F") == 0))
        i += 3;
      size_t len;
      while (i < line.size() && is_closing(line, i, len)) i += len;
      n += open;
      open = false;
      continue;
    }
    if (cp != '.' && cp != '!' && cp != '?' && cp != 0x2026) {
      const CharClass k = char_class(cp);
      open |= k == CharClass::letter || k == CharClass::cjk;
      continue;
    }
    bool ellipsis = cp == 0x2026;
    size_t dots = cp == '.';
    while (i < line.size() && (line[i] == '.' || line[i] == '!' || line[i] == '?')) dots += line[i++] == '.';
    ellipsis |= dots >= 2;
    size_t len;
    while (i < line.size() && is_closing(line, i, len)) i += len;
    if (i < line.size()) {
      if (!is_ascii_space(line[i])) continue;  // "3.5", "U.S.A"
      size_t j = i;
      while (j < line.size() && is_ascii_space(line[j])) ++j;
      // An ellipsis before a lower-case word trails off inside the sentence.
      if (ellipsis && j < line.size() && line[j] >= 'a' && line[j] <= 'z') continue;
    }
    n += open;
    open = false;
  }
  return n;
}

}  // namespace

size_t count_sentences(std::string_view line) {
  bool open;
  size_t n = sentence_ends(line, open);
  return n + open;  // the last sentence may lack its full stop
}

bool holds_sentence_end(std::string_view line) {
  bool open;
  return sentence_ends(line, open) > 0;
}

}  // namespace mucpt
