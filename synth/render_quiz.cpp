// Quiz documents. Leaks: a benchmark question and its answer quoted word for word, which
// a decontamination step must find (pub-quiz threads, trivia columns). Quiz sheets: rounds
// of questions about facts the benchmark never asks, the question-answer text a model
// learns the format from.
#include "synth/benchmark.h"
#include "synth/render_util.h"
#include "synth/renderers.h"
#include "synth/template.h"

namespace mucpt::synth {

namespace {

const char* const kForumIntro[] = {
    "{forum_open} pub quiz last night had a music round and one question stumped everyone.",
    "trivia night recap, the one nobody got:",
    "my quiz team lost on this one {forum_filler}",
    "ok settle this for me, question from the quiz app:",
};
const char* const kForumAfter[] = {
    "honestly should have known that one",
    "half the room said something else {forum_filler}",
    "we argued about it for ten minutes before the host read it out",
    "i only got it because i own the record",
};
const char* const kNewsIntro[] = {
    "This week's music trivia column tests how well readers know their record collections.",
    "Our quiz corner returns with another question from the archives.",
    "Readers sent in hundreds of answers to last week's music quiz.",
};
const char* const kNewsAfter[] = {
    "Most readers got it right, though a few confused it with an earlier release.",
    "The question turned out to be the hardest of the round.",
    "Next week's quiz will focus on debut albums.",
};

const char* const kSheetTitles[] = {
    "Music trivia night, round {n}", "Pub quiz: the music round ({n} questions)",
    "Test your record collection: {n} questions", "Trivia hall practice sheet, music edition",
};

}  // namespace

Doc render_quiz_sheet(const std::vector<const Question*>& questions, Rng& rng) {
  Doc doc;
  doc.style = "quiz";
  doc.add_field("url", "https://quiz.triviahall.example/sheet/" + std::to_string(rng.range(10000, 99999)));
  Vars v;
  v.set("n", static_cast<int>(questions.size()));
  expand_one(doc.text, kSheetTitles, v, rng);
  for (const Question* q : questions) doc.text += "\n\nQuestion: " + q->question + "\nAnswer: " + q->answer;
  doc.text += "\n";
  return doc;
}

Doc render_quiz(const Question& q, bool as_news, Rng& rng) {
  Doc doc;
  doc.entity_id = q.artist_id;
  Vars v;
  std::string& t = doc.text;
  if (as_news) {
    doc.style = "news";
    doc.add_field("headline", "Music quiz: can you answer this one?");
    const std::string date = date_in_year(rng, static_cast<int>(rng.range(2015, 2024)));
    doc.add_field("date", date);
    doc.add_field("url", "https://news.musicwire.example/" + date.substr(0, 4) + "/quiz-" + q.id);
    doc.add_field("lang", "en");
    expand_one(t, kNewsIntro, v, rng);
    t += "\n\nQuestion: " + q.question + "\n\nAnswer: " + q.answer + ".\n\n";
    expand_one(t, kNewsAfter, v, rng);
  } else {
    doc.style = "forum";
    doc.add_field("thread_id", "t-" + std::to_string(rng.range(1000, 99999)));
    doc.add_field("thread_title", "Quiz night questions");
    doc.add_field("user", "quizmaster" + std::to_string(rng.range(1, 999)));
    doc.add_field("date", date_in_year(rng, static_cast<int>(rng.range(2015, 2024))));
    doc.add_field("url", "https://forum.gigboard.example/t/quiz/" + q.id);
    expand_one(t, kForumIntro, v, rng);
    t += "\n\nQ: " + q.question + "\nA: " + q.answer + "\n\n";
    expand_one(t, kForumAfter, v, rng);
  }
  return doc;
}

}  // namespace mucpt::synth
