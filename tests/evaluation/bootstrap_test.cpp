// Bootstrap intervals: percentiles as numpy computes them, the same resamples for the
// same seed, intervals around the point estimate that narrow with more items, exact
// where the resamples cannot vary, and in qa_report for every topic and answer type.
#include <cmath>
#include <nlohmann/json.hpp>

#include "tests/catch.h"

#include "evaluation/bootstrap.h"
#include "evaluation/qa_report.h"

using namespace mucpt;
using nlohmann::json;

namespace {

// n items of one topic: the first `correct` correct, then `incorrect` incorrect, the
// rest not attempted; answer types alternate Person and Date.
std::vector<GradedItem> items(size_t n, size_t correct, size_t incorrect, const std::string& topic = "Music") {
  std::vector<GradedItem> out;
  for (size_t i = 0; i < n; ++i) {
    GradedItem g;
    g.id = topic + std::to_string(i);
    g.topic = topic;
    g.answer_type = i % 2 ? "Date" : "Person";
    g.grade = i < correct ? Grade::correct : i < correct + incorrect ? Grade::incorrect : Grade::not_attempted;
    out.push_back(g);
  }
  return out;
}

std::vector<Grade> grades_of(const std::vector<GradedItem>& graded) {
  std::vector<Grade> grades;
  for (const auto& g : graded) grades.push_back(g.grade);
  return grades;
}

double width(const Interval& i) { return i.high - i.low; }

}  // namespace

TEST_CASE("percentile_interval interpolates between order statistics as numpy's percentile does") {
  std::vector<double> values;
  for (int v = 100; v >= 0; --v) values.push_back(v);  // 0..100, unsorted
  const Interval i = percentile_interval(values);
  CHECK(i.low == Approx(2.5));  // position 0.025 * 100
  CHECK(i.high == Approx(97.5));
  const Interval half = percentile_interval({1, 2, 3, 4}, 0.5);
  CHECK(half.low == Approx(1.75));  // position 0.25 * 3
  CHECK(half.high == Approx(3.25));
  const Interval undefined_left_out = percentile_interval({std::nan(""), 1, 2, std::nan(""), 3, 4}, 0.5);
  CHECK(undefined_left_out.low == Approx(1.75));
  CHECK(undefined_left_out.high == Approx(3.25));
}

TEST_CASE("bootstrap draws the same resamples for the same seed, other ones for another seed") {
  std::vector<std::vector<size_t>> first, again, other;
  auto keep = [](std::vector<std::vector<size_t>>& into) {
    return [&into](const std::vector<size_t>& sample) {
      into.push_back(sample);
      return std::vector<double>{0.0};
    };
  };
  bootstrap(50, {100, 7}, keep(first));
  bootstrap(50, {100, 7}, keep(again));
  bootstrap(50, {100, 8}, keep(other));
  REQUIRE(first.size() == 100);
  for (const auto& sample : first) {
    REQUIRE(sample.size() == 50);
    for (size_t i : sample) CHECK(i < 50);
  }
  CHECK(first == again);
  CHECK(first != other);
}

TEST_CASE("qa intervals contain the scores, are exact when every item is correct, and narrow as items grow") {
  const BootstrapSettings settings;
  SECTION("all correct: every resample scores 1") {
    const QaIntervals ci = qa_intervals(std::vector<Grade>(30, Grade::correct), settings);
    for (const Interval& i : {ci.accuracy, ci.correct_given_attempted, ci.f_score}) {
      CHECK(i.low == 1.0);
      CHECK(i.high == 1.0);
    }
  }
  SECTION("2 of 40 attempted, both correct: resamples with nothing attempted are left out, not scored 0") {
    // P(a resample attempts nothing) = (38/40)^40 = 0.129: about 257 of 2000 resamples,
    // which scored 0 would pull the lower bound to 0.
    const QaIntervals ci = qa_intervals(grades_of(items(40, 2, 0)), settings);
    CHECK(ci.correct_given_attempted.low == 1.0);
    CHECK(ci.correct_given_attempted.high == 1.0);
    CHECK(ci.resamples_without_attempts > 180);
    CHECK(ci.resamples_without_attempts < 340);
    CHECK(ci.accuracy.low == 0.0);  // accuracy is defined on every resample
  }
  SECTION("9 of 10 correct: the resample's correct count is Binomial(10, 0.9)") {
    // P(count <= 6) = 0.013 and P(count <= 7) = 0.070 put the 2.5th percentile at 7 of
    // 10; P(count = 10) = 0.35 puts the 97.5th at 10 of 10.
    const QaIntervals ci = qa_intervals(grades_of(items(10, 9, 1)), settings);
    CHECK(ci.accuracy.low == Approx(0.7));
    CHECK(ci.accuracy.high == Approx(1.0));
  }
  SECTION("the interval holds the point estimate and narrows from 40 to 4000 items") {
    const auto small = items(40, 20, 12), large = items(4000, 2000, 1200);
    const QaScores s = qa_scores(20, 12, 8);
    CHECK(s.accuracy == Approx(0.5));
    CHECK(s.correct_given_attempted == Approx(20.0 / 32));
    const QaIntervals narrow = qa_intervals(grades_of(large), settings), wide = qa_intervals(grades_of(small), settings);
    const std::pair<double, Interval> checks[] = {{s.accuracy, wide.accuracy},
                                                  {s.correct_given_attempted, wide.correct_given_attempted},
                                                  {s.f_score, wide.f_score},
                                                  {s.accuracy, narrow.accuracy},
                                                  {s.correct_given_attempted, narrow.correct_given_attempted},
                                                  {s.f_score, narrow.f_score}};
    for (const auto& [score, interval] : checks) {
      CHECK(interval.low < score);
      CHECK(score < interval.high);
    }
    CHECK(width(narrow.accuracy) < width(wide.accuracy) / 5);
    CHECK(width(narrow.correct_given_attempted) < width(wide.correct_given_attempted) / 5);
    CHECK(width(narrow.f_score) < width(wide.f_score) / 5);
  }
  SECTION("the same seed gives the same interval") {
    const auto grades = grades_of(items(200, 70, 90));
    const QaIntervals a = qa_intervals(grades, settings), b = qa_intervals(grades, settings);
    CHECK(a.accuracy.low == b.accuracy.low);
    CHECK(a.accuracy.high == b.accuracy.high);
    CHECK(a.correct_given_attempted.low == b.correct_given_attempted.low);
    CHECK(a.f_score.high == b.f_score.high);
  }
}

TEST_CASE("qa_report gives intervals in total, per topic and per answer type, and shows them in report.md") {
  auto graded = items(60, 30, 20, "Music");
  for (auto& g : items(20, 20, 0, "Art")) graded.push_back(g);
  const json r = qa_report(graded);
  CHECK(r["bootstrap"] == json{{"resamples", 2000}, {"seed", BootstrapSettings{}.seed}});
  CHECK(r["items"] == 80);
  for (const char* key : {"accuracy", "correct_given_attempted", "f_score"}) {
    INFO(key);
    const std::string ci = std::string(key) + "_ci95";
    for (const json* group : {&r, &r["topics"]["Music"], &r["answer_types"]["Person"], &r["answer_types"]["Date"]}) {
      REQUIRE((*group)[ci].size() == 2);
      CHECK((*group)[ci][0].get<double>() <= (*group)[key].get<double>());
      CHECK((*group)[key].get<double>() <= (*group)[ci][1].get<double>());
      CHECK((*group)[ci][0].get<double>() < (*group)[ci][1].get<double>());
    }
    CHECK(r["topics"]["Art"][ci] == json::array({1.0, 1.0}));
  }
  // Each group's interval is its own items' interval.
  std::vector<GradedItem> dates;
  for (const auto& g : graded)
    if (g.answer_type == "Date") dates.push_back(g);
  CHECK(r["answer_types"]["Date"]["items"] == dates.size());
  CHECK(r["answer_types"]["Date"]["accuracy_ci95"][0].get<double>() ==
        qa_intervals(grades_of(dates), {}).accuracy.low);

  const std::string md = render_qa_report_markdown(r);
  CHECK_THAT(md, Catch::Contains("| answer type |"));
  CHECK_THAT(md, Catch::Contains("| Art | 20 | 20 | 0 | 0 | 1.0000 [1.0000, 1.0000] |"));
  CHECK_THAT(md, Catch::Contains("2000 resamples, seed " + std::to_string(BootstrapSettings{}.seed)));
}
