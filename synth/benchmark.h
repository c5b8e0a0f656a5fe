#pragma once
// MusicSimpleQA-style questions about the knowledge base: short, single-answer, with
// aliases where a fact has several names (a label's long and short names, a
// musician's stage and birth names).
#include <cstdint>
#include <string>
#include <vector>

#include "synth/knowledge_base.h"

namespace mucpt::synth {

struct Question {
  std::string id;  // "mqa-00042"
  std::string question;
  std::string answer;
  std::vector<std::string> aliases;
  std::string answer_type;  // SimpleQA's: "Date", "Person", "Place", "Number", "Other"
  std::string kind;         // which fact: "album_label", "album_year", ...
  std::string entity_id;     // the album, artist, person's band or label asked about
  std::string artist_id;     // the artist the fact belongs to ("" for label facts)
};

// Which artists questions may be about: all, or one half by the parity of their index
// (a world with a quiz source asks its benchmark about one half, its quizzes the other).
enum class ArtistHalf { all, even, odd };

// A few hundred questions, growing with the number of documents up to a few thousand.
size_t question_count(uint64_t documents);
// `stream` separates the random streams of question sets drawn from one world; `kinds`
// names the facts asked (empty: every kind).
std::vector<Question> make_questions(const KnowledgeBase& kb, uint64_t seed, size_t count,
                                     ArtistHalf half = ArtistHalf::all, uint64_t stream = 0x7161,
                                     const std::vector<std::string>& kinds = {});

// Whether `kind` names a kind of question ("artist_city", "formed", ...).
bool is_question_kind(const std::string& kind);

// {"id","question","answer","aliases","topic":"Music","answer_type"} as one JSON line.
std::string question_json(const Question& q);

}  // namespace mucpt::synth
