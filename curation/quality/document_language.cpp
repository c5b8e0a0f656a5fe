#include "curation/quality/document_language.h"

#include <algorithm>

#include "curation/quality/char_class.h"

namespace mucpt {

namespace {

// Enough text to tell the script; documents do not switch script halfway often enough
// to pay for scanning all of a long one.
constexpr size_t kSampleBytes = 16384;

LanguageView from_label(const std::string& lang) {
  LanguageView v;
  if (lang == "en") return v;
  if (lang == "zh" || lang == "wuu" || lang == "yue" || lang == "lzh" || lang.rfind("zh-", 0) == 0) {
    v.words = WordMode::cjk_chars;
    v.stop_words = StopList::chinese;
  } else if (lang == "ja") {
    v.words = WordMode::cjk_chars;
    v.stop_words = StopList::none;
  } else {
    v.stop_words = StopList::none;  // no list for this language
  }
  return v;
}

}  // namespace

ScriptShare script_share(std::string_view text) {
  ScriptShare s;
  const size_t end = text.size() < kSampleBytes ? text.size() : kSampleBytes;
  // Han and kana are encoded from lead byte 0xE3 on; text without such bytes has none.
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  if (std::none_of(bytes, bytes + end, [](unsigned char c) { return c >= 0xE3; })) return s;
  size_t letters = 0, cjk = 0, kana = 0;
  size_t i = 0;
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      letters += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
      ++i;
      continue;
    }
    char32_t cp = decode_at(text, i);
    CharClass k = char_class(cp);
    if (k == CharClass::cjk) {
      ++letters;
      ++cjk;
      kana += cp >= 0x3040 && cp <= 0x31FF;
    } else if (k == CharClass::letter) {
      ++letters;
    }
  }
  if (letters > 0) s.cjk = static_cast<double>(cjk) / static_cast<double>(letters);
  if (cjk > 0) s.kana = static_cast<double>(kana) / static_cast<double>(cjk);
  return s;
}

LanguageView document_language(const Document& doc, double cjk_share_threshold) {
  const Score* lang = doc.score("lang");
  if (lang && !lang->label.empty() && lang->label != "unknown") return from_label(lang->label);
  ScriptShare s = script_share(doc.text);
  if (s.cjk >= cjk_share_threshold) return from_label(s.kana > 0.5 ? "ja" : "zh");
  return LanguageView{};
}

}  // namespace mucpt
