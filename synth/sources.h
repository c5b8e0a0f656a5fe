#pragma once
// The source files of the generated world: their names, the field names of their lines
// (some differ on purpose, to exercise the manifest) and how the manifest describes them.
#include <cstddef>

namespace mucpt::synth {

enum class Source : int { encyclopedia, reviews, forum, news, tracklists, encyclopedia_zh, general, quiz, profiles };
constexpr int kSourceCount = 7;     // every world has these
constexpr int kQuizSourceCount = 8; // and the quiz source, written only when asked for
constexpr int kAllSourceCount = 9;  // and artist profiles, asked for with quizzes

struct SourceSpec {
  Source source;
  const char* name;
  const char* id_field;
  const char* text_field;
  const char* id_prefix;    // document ids are "<prefix>-<number>"
  const char* domain;       // "music" or "general"
  double weight;
  int priority;             // higher wins when duplicates are resolved
  const char* entity_kind;  // "artist", "album", or nullptr when lines have no entity
  const char* site;         // host of the documents' url field
};

const SourceSpec& source_spec(Source s);
inline const SourceSpec& source_spec(int i) { return source_spec(static_cast<Source>(i)); }

}  // namespace mucpt::synth
