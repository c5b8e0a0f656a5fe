#pragma once
// How the rules read one document's language: word splitting and stop words. A label
// from language identification (scores.lang) decides when present; otherwise the
// script does: text whose letters are mostly Han or kana is read as Chinese (or
// Japanese, when kana outnumber Han), anything else as English.
#include <string_view>

#include "common/document.h"
#include "curation/quality/stop_words.h"
#include "curation/quality/word_splitter.h"

namespace mucpt {

struct LanguageView {
  WordMode words = WordMode::spaced;
  StopList stop_words = StopList::english;  // none: the stop-word check does not apply
  bool cjk() const { return words == WordMode::cjk_chars; }
};

LanguageView document_language(const Document& doc, double cjk_share_threshold);

// The share of Han and kana characters among the letters of (the start of) the text.
struct ScriptShare {
  double cjk = 0.0;   // Han and kana among letters
  double kana = 0.0;  // kana among Han and kana
};
ScriptShare script_share(std::string_view text);

}  // namespace mucpt
