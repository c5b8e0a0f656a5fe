#include "curation/quality/c4_filter.h"

#include <nlohmann/json.hpp>

#include "curation/quality/char_class.h"
#include "curation/quality/document_language.h"
#include "curation/quality/line_editor.h"
#include "curation/quality/text_lines.h"
#include "curation/quality/word_splitter.h"

namespace mucpt {

namespace {

constexpr const char* kLineVerdictNames[] = {"kept", "too_long_word", "no_terminal_punct",
                                             "too_few_words", "javascript", "policy"};

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Words of a line as whitespace separates them, and the longest one in characters.
void spaced_words(std::string_view line, size_t& words, size_t& longest) {
  words = longest = 0;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_ascii_space(line[i])) ++i;
    if (i == line.size()) break;
    size_t start = i;
    while (i < line.size() && !is_ascii_space(line[i])) ++i;
    ++words;
    if (i - start > longest) longest = std::max(longest, count_chars(line.substr(start, i - start)));
  }
}

// Cuts "[12]", "[]", "[edit]" and "[citation needed]" out of the line.
void remove_citations(std::string& line) {
  size_t w = 0;
  for (size_t r = 0; r < line.size();) {
    if (line[r] == '[') {
      size_t close = line.find(']', r);
      if (close != std::string::npos) {
        std::string_view inside(line.data() + r + 1, close - r - 1);
        bool digits = true;
        for (char c : inside) digits &= c >= '0' && c <= '9';
        if (digits || inside == "edit" || inside == "citation needed") {
          r = close + 1;
          continue;
        }
      }
    }
    line[w++] = line[r++];
  }
  line.resize(w);
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_ci(std::string_view s, size_t at, std::string_view lower_phrase) {
  if (s.size() - at < lower_phrase.size()) return false;
  for (size_t k = 0; k < lower_phrase.size(); ++k)
    if (lower(s[at + k]) != lower_phrase[k]) return false;
  return true;
}

constexpr unsigned kLorem = 1, kJavascript = 2, kPolicy = 4;

// Which of C4's phrases the line holds, anywhere and in any case, in one pass over it.
// The policy phrases: terms of use, privacy policy, cookie policy, uses cookies, use of
// cookies, use cookies.
unsigned phrases_in(std::string_view line) {
  unsigned found = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    switch (lower(line[i])) {
      case 'l': found |= starts_ci(line, i, "lorem ipsum") ? kLorem : 0u; break;
      case 'j': found |= starts_ci(line, i, "javascript") ? kJavascript : 0u; break;
      case 't': found |= starts_ci(line, i, "terms of use") ? kPolicy : 0u; break;
      case 'p': found |= starts_ci(line, i, "privacy policy") ? kPolicy : 0u; break;
      case 'c': found |= starts_ci(line, i, "cookie policy") ? kPolicy : 0u; break;
      case 'u':
        found |= starts_ci(line, i, "uses cookies") || starts_ci(line, i, "use of cookies") ||
                         starts_ci(line, i, "use cookies")
                     ? kPolicy
                     : 0u;
        break;
      default: break;
    }
  }
  return found;
}

}  // namespace

Verdict C4Filter::process(Document& doc) {
  const C4Options& o = options_;
  const bool prose = !text_shape(doc.text, shape_).list;
  const bool cjk = document_language(doc, cjk_share_).cjk();
  LineEditor editor(out_);
  size_t sentences = 0, removed = 0;
  std::string_view text = doc.text;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = trim_blanks(text.substr(start, nl - start));
    start = nl + 1;
    if (raw.empty()) {
      editor.blank();
      continue;
    }
    LineVerdict verdict = kept;
    size_t words, longest;
    spaced_words(raw, words, longest);
    if (cjk) {  // CJK lines count characters as words: no run of them is one long word
      split_words(raw, WordMode::cjk_chars, tokens_);
      words = longest = 0;
      for (const Token& t : tokens_) {
        words += !t.punct;
        longest = std::max<size_t>(longest, t.chars);
      }
    }
    if (o.max_word_length > 0 && static_cast<int64_t>(longest) > o.max_word_length) verdict = too_long_word;
    line_.assign(raw.data(), raw.size());
    if (verdict == kept && o.remove_citations && line_.find('[') != std::string::npos) remove_citations(line_);
    if (verdict == kept && prose && o.terminal_punct && (!ends_with_terminal_punct(line_) || ends_with_ellipsis(line_)))
      verdict = no_terminal_punct;
    if (verdict == kept && prose && static_cast<int64_t>(words) < o.min_words_per_line) verdict = too_few_words;
    if (verdict == kept) {
      const unsigned found = phrases_in(line_);
      if (o.lorem_ipsum && (found & kLorem)) return Verdict::rejected("lorem_ipsum");
      if (o.javascript && (found & kJavascript)) verdict = javascript;
      else if (o.curly_bracket && line_.find('{') != std::string::npos) return Verdict::rejected("curly_bracket");
      else if (o.policy && (found & kPolicy)) verdict = policy;
    }
    if (verdict != kept) {
      ++lines_removed_[verdict];
      ++removed;
      continue;
    }
    sentences += count_sentences(line_);
    editor.keep(line_);
  }
  doc.set_score("c4_sentences", static_cast<double>(sentences));
  doc.set_score("c4_removed_lines", static_cast<double>(removed));
  if (prose && o.min_sentences > 0 && static_cast<int64_t>(sentences) < o.min_sentences)
    return Verdict::rejected("too_few_sentences");
  if (out_.empty()) return Verdict::rejected("no_lines_left");
  if (out_ != doc.text) {
    ++docs_changed_;
    doc.text.swap(out_);
  }
  return Verdict::kept();
}

void C4Filter::write_counters(nlohmann::json& out) const {
  out["docs_changed"] = docs_changed_;
  for (int k = too_long_word; k < kinds; ++k) out["lines_removed"][kLineVerdictNames[k]] = lines_removed_[k];
}

}  // namespace mucpt
