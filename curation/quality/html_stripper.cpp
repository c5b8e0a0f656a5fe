#include "curation/quality/html_stripper.h"

#include <utf8proc.h>

#include <nlohmann/json.hpp>

#include "common/unicode.h"
#include "curation/quality/html_entities.h"

namespace mucpt {

namespace {

enum class TagKind { inline_tag, cell, line, paragraph, preformatted, skip_content };

struct TagRule {
  std::string_view name;
  TagKind kind;
};

const TagRule kTags[] = {
    // Elements whose content is not text for a reader.
    {"script", TagKind::skip_content}, {"style", TagKind::skip_content}, {"noscript", TagKind::skip_content},
    {"template", TagKind::skip_content}, {"svg", TagKind::skip_content}, {"math", TagKind::skip_content},
    {"iframe", TagKind::skip_content}, {"object", TagKind::skip_content}, {"title", TagKind::skip_content},
    {"head", TagKind::skip_content},
    // Paragraph-level blocks: a blank line.
    {"p", TagKind::paragraph}, {"h1", TagKind::paragraph}, {"h2", TagKind::paragraph}, {"h3", TagKind::paragraph},
    {"h4", TagKind::paragraph}, {"h5", TagKind::paragraph}, {"h6", TagKind::paragraph},
    {"blockquote", TagKind::paragraph}, {"section", TagKind::paragraph}, {"article", TagKind::paragraph},
    {"header", TagKind::paragraph}, {"footer", TagKind::paragraph}, {"nav", TagKind::paragraph},
    {"aside", TagKind::paragraph}, {"main", TagKind::paragraph}, {"table", TagKind::paragraph},
    {"ul", TagKind::paragraph}, {"ol", TagKind::paragraph}, {"dl", TagKind::paragraph},
    {"figure", TagKind::paragraph}, {"hr", TagKind::paragraph}, {"form", TagKind::paragraph},
    {"fieldset", TagKind::paragraph}, {"address", TagKind::paragraph}, {"details", TagKind::paragraph},
    {"pre", TagKind::preformatted},
    // Line-level blocks: a line break.
    {"br", TagKind::line}, {"div", TagKind::line}, {"li", TagKind::line}, {"dt", TagKind::line},
    {"dd", TagKind::line}, {"tr", TagKind::line}, {"caption", TagKind::line}, {"figcaption", TagKind::line},
    {"option", TagKind::line}, {"legend", TagKind::line}, {"summary", TagKind::line}, {"body", TagKind::line},
    // Table cells: a space.
    {"td", TagKind::cell}, {"th", TagKind::cell},
};

TagKind kind_of(std::string_view lower_name) {
  for (const TagRule& r : kTags)
    if (r.name == lower_name) return r.kind;
  return TagKind::inline_tag;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Position of the first case-insensitive match of lower_needle at or after from.
size_t find_ci(std::string_view s, std::string_view lower_needle, size_t from) {
  if (lower_needle.size() > s.size()) return std::string_view::npos;
  for (size_t i = from; i + lower_needle.size() <= s.size(); ++i) {
    size_t k = 0;
    while (k < lower_needle.size() && lower(s[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return i;
  }
  return std::string_view::npos;
}

// The '>' that closes a tag opened at `from`, skipping quoted attribute values.
size_t tag_end(std::string_view s, size_t from) {
  char quote = 0;
  for (size_t i = from; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Collects text with pending breaks and spaces, so that whitespace collapses and no
// line starts or ends with a blank.
class TextOut {
 public:
  explicit TextOut(std::string& out) : out_(out) { out_.clear(); }
  void space() { space_ = true; }
  void brk(int newlines) { newlines_ = std::max(newlines_, newlines); }
  void text(std::string_view bytes) {
    if (!out_.empty()) {
      if (newlines_ > 0) out_.append(static_cast<size_t>(newlines_), '\n');
      else if (space_) out_ += ' ';
    }
    newlines_ = 0;
    space_ = false;
    out_.append(bytes);
  }

 private:
  std::string& out_;
  int newlines_ = 0;
  bool space_ = false;
};

// A decoded reference: spaces and line breaks join the collapsing whitespace,
// controls and invisible format characters (bar the joiners) are dropped.
void put_code_point(TextOut& out, char32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f') return out.space();
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return;
  if (cp != 0x200C && cp != 0x200D) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
      case UTF8PROC_CATEGORY_ZS: return out.space();
      case UTF8PROC_CATEGORY_ZL:
      case UTF8PROC_CATEGORY_ZP: return out.brk(1);
      case UTF8PROC_CATEGORY_CF:
      case UTF8PROC_CATEGORY_CN: return;
      default: break;
    }
  }
  std::string bytes;
  append_utf8(bytes, cp);
  out.text(bytes);
}

}  // namespace

void HtmlStripper::strip(std::string_view s, std::string& text) {
  TextOut out(text);
  bool pre = false;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '<' && i + 1 < s.size()) {
      const char next = s[i + 1];
      if (s.compare(i, 4, "<!--") == 0) {
        size_t close = s.find("-->", i + 4);
        i = close == std::string_view::npos ? s.size() : close + 3;
        continue;
      }
      if (next == '!' || next == '?') {  // doctype, CDATA, processing instruction
        size_t close = s.find('>', i);
        i = close == std::string_view::npos ? s.size() : close + 1;
        continue;
      }
      const bool closing = next == '/';
      const size_t name_start = i + (closing ? 2 : 1);
      if (name_start < s.size() && is_letter(s[name_start])) {
        size_t name_end = name_start;
        while (name_end < s.size() && (is_letter(s[name_end]) || (s[name_end] >= '0' && s[name_end] <= '9'))) ++name_end;
        const size_t close = tag_end(s, name_end);
        if (close != std::string_view::npos) {
          std::string name(s.substr(name_start, name_end - name_start));
          for (char& ch : name) ch = lower(ch);
          i = close + 1;
          switch (kind_of(name)) {
            case TagKind::skip_content:
              if (!closing) {
                size_t end = find_ci(s, "</" + name, i);
                if (end == std::string_view::npos && name == "head") end = find_ci(s, "<body", i);
                if (end == std::string_view::npos && name == "head") break;  // no end: read on
                if (end == std::string_view::npos) {
                  i = s.size();
                } else {
                  size_t gt = s.find('>', end);
                  i = gt == std::string_view::npos ? s.size() : (s[end + 1] == '/' ? gt + 1 : end);
                }
              }
              break;
            case TagKind::paragraph: out.brk(2); break;
            case TagKind::preformatted:
              out.brk(2);
              pre = !closing;
              break;
            case TagKind::line: out.brk(1); break;
            case TagKind::cell: out.space(); break;
            case TagKind::inline_tag: break;
          }
          continue;
        }
      }
    }
    if (c == '&') {
      char32_t cp;
      if (size_t len = decode_html_entity(s, i, cp)) {
        put_code_point(out, cp);
        i += len;
        continue;
      }
    }
    if (is_html_space(c)) {
      if (pre && c == '\n') out.brk(1);
      else out.space();
      ++i;
      continue;
    }
    size_t run = i + 1;
    while (run < s.size() && s[run] != '<' && s[run] != '&' && !is_html_space(s[run])) ++run;
    out.text(s.substr(i, run - i));
    i = run;
  }
  if (!is_nfc_quick(text)) {
    std::string nfc;
    if (nfc_normalize(text, nfc)) text.swap(nfc);
  }
}

Verdict HtmlStripper::process(Document& doc) {
  strip(doc.text, scratch_);
  if (scratch_ != doc.text) {
    ++changed_;
    bytes_removed_ += doc.text.size() - std::min(doc.text.size(), scratch_.size());
    doc.text.swap(scratch_);
  }
  if (doc.text.empty()) return Verdict::rejected("empty_after_html");
  return Verdict::kept();
}

void HtmlStripper::write_counters(nlohmann::json& out) const {
  out["docs_changed"] = changed_;
  out["bytes_removed"] = bytes_removed_;
}

}  // namespace mucpt
