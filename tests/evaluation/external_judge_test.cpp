// The external judge with real processes: its output read as a grade, a judge that
// writes without end, never reads, fails or hangs cannot block or end the caller,
// failed runs are retried, then the rules grade; grades are cached by content.
#include "tests/catch.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/hashing.h"
#include "common/line_reader.h"
#include "evaluation/grading/external_judge.h"
#include "evaluation/grading/judge_process.h"
#include "tests/evaluation/evaluate_command.h"
#include "tests/test_support.h"

using namespace mucpt;
namespace fs = std::filesystem;
using testing::count_lines;

namespace {

// Alive and not a zombie: /proc/PID/stat's state field.
bool process_alive(const std::string& pid) {
  std::ifstream stat("/proc/" + pid + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const size_t paren = text.rfind(')');
  return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] != 'Z';
}

}  // namespace

TEST_CASE("judge output: the grade words or simple-evals' letters, any case, surrounding whitespace") {
  CHECK(parse_judge_output("CORRECT") == Grade::correct);
  CHECK(parse_judge_output("  incorrect\n") == Grade::incorrect);
  CHECK(parse_judge_output("Not_Attempted\r\n") == Grade::not_attempted);
  CHECK(parse_judge_output("a\n") == Grade::correct);
  CHECK(parse_judge_output(" B ") == Grade::incorrect);
  CHECK(parse_judge_output("C") == Grade::not_attempted);
  CHECK_FALSE(parse_judge_output(""));
  CHECK_FALSE(parse_judge_output("D"));
  CHECK_FALSE(parse_judge_output("CORRECT."));
  CHECK_FALSE(parse_judge_output("The answer is CORRECT"));
  CHECK_FALSE(parse_judge_output("NOT ATTEMPTED"));
}

TEST_CASE("judge request: one JSON line, aliases only when the item has some") {
  CHECK(judge_request("Q?", "Gold", {}, "Pred") == "{\"gold\":\"Gold\",\"predicted\":\"Pred\",\"question\":\"Q?\"}\n");
  CHECK(judge_request("Q?", "Gold", {"G", "Au"}, "Pred") ==
        "{\"aliases\":[\"G\",\"Au\"],\"gold\":\"Gold\",\"predicted\":\"Pred\",\"question\":\"Q?\"}\n");
}

TEST_CASE("judge process: stdin in, stdout out, whatever the command does") {
  SECTION("it reads its stdin and answers") {
    auto r = run_judge_process("tr a-z A-Z", "correct\n", 30);
    CHECK_FALSE(r.timed_out);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "CORRECT\n");
  }
  SECTION("it never reads 1 MB of stdin and exits at once") {
    auto r = run_judge_process("echo A", std::string(1 << 20, 'x'), 30);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "A\n");
  }
  SECTION("it writes 10 MB: the first 64 KiB are kept, the rest drained") {
    auto r = run_judge_process("head -c 10000000 /dev/zero | tr '\\0' y", "{}\n", 60);
    CHECK(r.exit_code == 0);
    CHECK(r.out_truncated);
    CHECK(r.out.size() == 64 * 1024);
  }
  SECTION("it fails with a message on stderr") {
    auto r = run_judge_process("cat >/dev/null; echo 'endpoint busy' >&2; exit 3", "{}\n", 30);
    CHECK(r.exit_code == 3);
    CHECK(describe_failure(r, 30) == "exit code 3; stderr: endpoint busy");
  }
  SECTION("it is killed by a signal") {
    auto r = run_judge_process("kill -9 $$", "", 30);
    CHECK(r.signal == 9);
    CHECK(describe_failure(r, 30) == "killed by signal 9");
  }
  SECTION("it outlives the timeout: its whole process group is killed") {
    const std::string dir = testing::scratch_dir("judge_process_timeout");
    auto r = run_judge_process("sleep 60 & echo $! > " + dir + "/pid; wait", "{}\n", 0.5);
    CHECK(r.timed_out);
    CHECK(describe_failure(r, 0.5) == "timed out after 0.5 s");
    std::string pid;
    std::ifstream(dir + "/pid") >> pid;
    REQUIRE_FALSE(pid.empty());
    // SIGKILL is queued at once; the kernel may take a moment to end the process.
    for (int i = 0; i < 1000 && process_alive(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK_FALSE(process_alive(pid));
  }
  SECTION("/bin/sh runs the command: a missing program is exit code 127") {
    auto r = run_judge_process("no-such-judge-program-xyz", "{}\n", 30);
    CHECK(r.exit_code == 127);
    CHECK_THAT(describe_failure(r, 30), Catch::Contains("no-such-judge-program-xyz"));
  }
}

TEST_CASE("external judge: grades, retries, falls back to the rules, caches by content") {
  const std::string dir = testing::scratch_dir("external_judge");
  const std::string calls = dir + "/calls.log";
  const std::string exact = "python3 " + testing::source_dir() + "/tests/evaluation/judges/exact_match_judge.py " + calls;
  const std::vector<std::string> beatles{"The Beatles", "Beatles"};

  SECTION("the judge's grades stand, even where the rules disagree; a rerun asks nothing") {
    {
      ExternalJudge judge({exact, 30, 0, dir + "/cache.jsonl", ""}, 0);
      Verdict v = judge.grade("Which band?", beatles, "Beatles");
      CHECK((v.grade == Grade::correct && v.by == GradedBy::judge));
      v = judge.grade("Which band?", beatles, "I think it was The Beatles");  // the rules: CORRECT
      CHECK((v.grade == Grade::incorrect && v.by == GradedBy::judge));
      v = judge.grade("Which band?", beatles, "  ");  // nothing to judge
      CHECK((v.grade == Grade::not_attempted && v.by == GradedBy::rules));
      CHECK(judge.runs() == 2);
    }
    CHECK(count_lines(calls) == 2);
    ExternalJudge again({exact, 30, 0, dir + "/cache.jsonl", ""}, 1);
    Verdict v = again.grade("Which band?", beatles, "I think it was The Beatles");
    CHECK((v.grade == Grade::incorrect && v.by == GradedBy::judge_cache));
    CHECK(again.runs() == 0);
    // Another command is another judge: not answered from this cache.
    ExternalJudge other({exact + " ", 30, 0, dir + "/cache.jsonl", ""}, 1);
    CHECK(other.grade("Which band?", beatles, "Beatles").by == GradedBy::judge);
    CHECK(count_lines(calls) == 3);
  }
  SECTION("a failed run is retried") {
    ExternalJudge judge({exact + " " + dir + "/flag", 30, 1, dir + "/cache.jsonl", ""}, 0);
    Verdict v = judge.grade("Which band?", beatles, "Beatles");
    CHECK((v.grade == Grade::correct && v.by == GradedBy::judge));
    CHECK(judge.runs() == 2);
    CHECK(judge.failed_runs() == 1);
  }
  SECTION("without retries left, the rules grade and nothing is cached") {
    ExternalJudge judge({exact + " " + dir + "/flag", 30, 0, dir + "/cache.jsonl", ""}, 0);
    Verdict v = judge.grade("Which band?", beatles, "I think it was The Beatles");
    CHECK((v.grade == Grade::correct && v.by == GradedBy::rules_fallback));
    CHECK(judge.failed_runs() == 1);
    CHECK_FALSE(fs::exists(dir + "/cache.rank-0.jsonl"));
  }
  SECTION("an answer that is not a grade is a failure") {
    ExternalJudge judge({"cat >/dev/null; echo maybe", 30, 2, dir + "/cache.jsonl", ""}, 0);
    Verdict v = judge.grade("Which band?", beatles, "Wings");
    CHECK((v.grade == Grade::incorrect && v.by == GradedBy::rules_fallback));
    CHECK(judge.runs() == 3);
    CHECK(judge.failed_runs() == 3);
  }
}

TEST_CASE("judge cache: rank files are read together, merged into one file, damaged lines skipped") {
  const std::string dir = testing::scratch_dir("judge_cache");
  const std::string path = dir + "/judge_cache.jsonl";
  const std::string a = JudgeCache::key("judge", "", "{\"q\":1}"), b = JudgeCache::key("judge", "", "{\"q\":2}");
  CHECK(a.size() == 32);
  CHECK(a != b);
  CHECK(a != JudgeCache::key("judge2", "", "{\"q\":1}"));
  // The fields are kept apart: a newline in the command is no id, an id no request.
  CHECK(JudgeCache::key("judge\nmodel", "", "{}") != JudgeCache::key("judge", "model", "{}"));
  CHECK(JudgeCache::key("judge", "model\n{}", "") != JudgeCache::key("judge", "model", "\n{}"));
  CHECK(JudgeCache::key("judge", "model", "{}") != JudgeCache::key("judge", "", "model{}"));
  // A cache written with the earlier key (the hash of command, newline, request) misses.
  const Hash128 old = hash128("judge\n{\"q\":1}");
  char old_key[33];
  std::snprintf(old_key, sizeof old_key, "%016llx%016llx", static_cast<unsigned long long>(old.high),
                static_cast<unsigned long long>(old.low));
  CHECK(a != old_key);
  {
    JudgeCache rank0(path, 0), rank1(path, 1);
    rank0.add(a, Grade::correct);
    rank1.add(b, Grade::not_attempted);
  }
  // A crash in the middle of a line, then another line appended after it.
  std::ofstream(dir + "/judge_cache.rank-1.jsonl", std::ios::app) << "{\"key\": \"12";
  { JudgeCache(path, 1).add(JudgeCache::key("judge", "", "{\"q\":3}"), Grade::incorrect); }
  {
    JudgeCache all(path, 0);
    CHECK(all.size() == 3);
    CHECK(all.find(a) == Grade::correct);
    CHECK(all.find(b) == Grade::not_attempted);
    CHECK_FALSE(all.find(JudgeCache::key("judge", "", "{\"q\":4}")));
  }
  JudgeCache::merge(path);
  CHECK_FALSE(fs::exists(dir + "/judge_cache.rank-0.jsonl"));
  CHECK_FALSE(fs::exists(dir + "/judge_cache.rank-1.jsonl"));
  CHECK(count_lines(path) == 3);
  JudgeCache merged(path, 2);
  CHECK(merged.size() == 3);
  CHECK(merged.find(JudgeCache::key("judge", "", "{\"q\":3}")) == Grade::incorrect);
}
