// The generated world is consistent with its ground truth: every line is accounted
// for, malformed lines are broken the way the truth says, duplicates are duplicates,
// corrupted facts disagree with the metadata, and the manifest and benchmark follow
// DESIGN.md.
#include "tests/catch.h"
#include <cctype>
#include <filesystem>
#include <set>

#include "common/line_reader.h"
#include "common/unicode.h"
#include "synth/shingles.h"
#include "tests/synth/world_fixture.h"

using mucpt::synth::testing::LoadedWorld;
using mucpt::synth::testing::make_world;
using nlohmann::json;

namespace {

const LoadedWorld& world() {
  static const LoadedWorld w = make_world("world", 2000, 9);
  return w;
}

size_t words(const std::string& s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    n += !space && !in_word;
    in_word = !space;
  }
  return n;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1) out.push_back(s.substr(start, nl - start));
  out.push_back(s.substr(start));
  return out;
}


// --- repetition within a document ---

bool is_cjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Letters and digits in any script; punctuation and symbols (ASCII, Latin-1, general
// punctuation, arrows, CJK and full-width punctuation) separate tokens.
bool is_word_char(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) != 0;
  if (c <= 0xBF) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFF00 && c <= 0xFFEF) return false;
  return true;
}

// Lower-cased words; in CJK text every character is a token of its own.
std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const char32_t c = mucpt::next_code_point(text, i);
    if (is_cjk(c)) {
      flush();
      out.emplace_back(text.substr(start, i - start));
    } else if (is_word_char(c)) {
      if (c < 0x80) word += static_cast<char>(std::tolower(static_cast<int>(c)));
      else word.append(text.substr(start, i - start));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::string join(const std::vector<std::string>& t, size_t from, size_t to, const char* sep) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += sep;
    out += t[i];
  }
  return out;
}

// Sentences end at a line break, at 。！？, or at . ! ? before a space or the end.
std::vector<std::string> sentences(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i < text.size();) {
    const char32_t c = mucpt::next_code_point(text, i);
    const bool end = c == '\n' || c == U'。' || c == U'！' || c == U'？' ||
                     ((c == '.' || c == '!' || c == '?') && (i == text.size() || text[i] == ' ' || text[i] == '\n'));
    if (!end) continue;
    std::string_view sentence = text.substr(start, i - start);
    while (!sentence.empty() && sentence.front() == ' ') sentence.remove_prefix(1);
    out.emplace_back(sentence);
    start = i;
  }
  out.emplace_back(text.substr(start));
  return out;
}

// What the text says twice, or "": a sentence of two or more words, or a run of
// `window` tokens (10 words; 20 characters in Chinese). Punctuation is ignored, so
// "the same words," and "the same words." are the same.
std::string repetition(const std::string& text, size_t window) {
  std::set<std::string> seen;
  for (const std::string& s : sentences(text)) {
    const auto t = tokens(s);
    if (t.size() >= 2 && !seen.insert(join(t, 0, t.size(), " ")).second) return "sentence: " + s;
  }
  seen.clear();
  const auto t = tokens(text);
  for (size_t i = 0; i + window <= t.size(); ++i)
    if (!seen.insert(join(t, i, i + window, " ")).second) return "run: " + join(t, i, i + window, " ");
  return "";
}

size_t repetition_window(const json& truth) { return truth.at("lang") == "zh" ? 20 : 10; }

}  // namespace

TEST_CASE("documents.jsonl covers every source line exactly once", "[synth]") {
  const auto& w = world();
  std::set<std::pair<std::string, uint64_t>> seen;
  std::set<std::string> ids;
  for (const auto& d : w.truth_docs) {
    const std::string file = d.at("file");
    const uint64_t line = d.at("line");
    REQUIRE(seen.insert({file, line}).second);
    REQUIRE(line >= 1);
    REQUIRE(line <= w.file(file).lines.size());
    if (!d.at("id").is_null()) CHECK(ids.insert(d.at("id").get<std::string>()).second);
    CHECK(std::filesystem::path(file).filename().string().rfind(d.at("source").get<std::string>() + ".jsonl", 0) == 0);
  }
  size_t total = 0;
  for (const auto& f : w.files) total += f.lines.size();
  CHECK(seen.size() == total);
  CHECK(total == 2000);
  CHECK(w.summary.at("lines").get<size_t>() == total);
}

TEST_CASE("well-formed lines carry id, text and extra fields that match the truth", "[synth]") {
  const auto& w = world();
  for (const auto& d : w.truth_docs) {
    if (d.at("kind") == "malformed") continue;
    const auto& f = w.file(d.at("file"));
    const std::string& raw = w.raw_line(d.at("file"), d.at("line"));
    REQUIRE(mucpt::is_valid_utf8(raw));
    const json j = json::parse(raw);
    REQUIRE(j.is_object());
    REQUIRE(j.at(f.id_field) == d.at("id"));
    REQUIRE(j.at(f.text_field).is_string());
    CHECK_FALSE(j.at(f.text_field).get<std::string>().empty());
    CHECK(j.size() >= 4);  // id, text and at least two preserved fields
    if (d.contains("entity_id")) CHECK(j.at("entity_id") == d.at("entity_id"));
  }
  // Field names differ between sources on purpose.
  CHECK(w.file("sources/forum.jsonl.zst").text_field == "body");
  CHECK(w.file("sources/forum.jsonl.zst").id_field == "post_id");
  CHECK(w.file("sources/tracklists.jsonl.zst").text_field == "content");
}

TEST_CASE("each malformed reason occurs and the truth points at a line broken that way", "[synth]") {
  // Even a tiny world has one line of every reason and variant.
  for (uint64_t docs : {200, 2000}) {
    const auto w = docs == 2000 ? world() : make_world("malformed_small", docs, 4);
    std::map<std::string, int> reasons;
    std::set<std::string> non_string;
    for (const auto& d : w.truth_docs) {
      if (d.at("kind") != "malformed") {
        CHECK_FALSE(d.contains("malformed_reason"));
        continue;
      }
      const std::string reason = d.at("malformed_reason");
      ++reasons[reason];
      const auto& f = w.file(d.at("file"));
      const std::string& raw = w.raw_line(d.at("file"), d.at("line"));
      INFO(reason << ": " << raw.substr(0, 200));
      if (reason == "invalid_json") {
        CHECK(mucpt::is_valid_utf8(raw));
        CHECK(json::parse(raw, nullptr, false).is_discarded());
        CHECK(d.at("id").is_null());
      } else if (reason == "invalid_utf8") {
        CHECK_FALSE(mucpt::is_valid_utf8(raw));
        // Everything else about the line is fine: repaired, it parses.
        const json j = json::parse(mucpt::repair_utf8(raw));
        CHECK(j.at(f.id_field) == d.at("id"));
        CHECK(j.at(f.text_field).is_string());
      } else {
        const json j = json::parse(raw);
        if (reason == "missing_text") {
          CHECK(j.is_object());
          CHECK_FALSE(j.contains(f.text_field));
          CHECK(j.at(f.id_field) == d.at("id"));
        } else if (reason == "non_string_text") {
          REQUIRE(j.contains(f.text_field));
          const json& t = j.at(f.text_field);
          CHECK_FALSE(t.is_string());
          const std::string detail = d.at("malformed_detail");
          CHECK(((detail == "number" && t.is_number()) || (detail == "array" && t.is_array()) ||
                 (detail == "null" && t.is_null())));
          non_string.insert(detail);
        } else if (reason == "not_object") {
          CHECK(j.is_array());
          CHECK(d.at("id").is_null());
        } else {
          FAIL("unknown reason " << reason);
        }
      }
    }
    for (const char* r : {"invalid_json", "invalid_utf8", "missing_text", "non_string_text", "not_object"}) {
      INFO(docs << " documents, reason " << r);
      CHECK(reasons[r] >= 1);
    }
    CHECK(non_string.size() == 3);
  }
}

TEST_CASE("manifest follows DESIGN.md and lists files that exist", "[synth]") {
  const auto& w = world();
  CHECK(w.manifest.at("name") == "synth-world");
  std::set<std::string> names;
  for (const auto& s : w.manifest.at("sources")) {
    names.insert(s.at("name").get<std::string>());
    for (const char* key : {"paths", "text_field", "id_field", "domain", "weight", "priority", "license"})
      CHECK(s.contains(key));
    CHECK(s.at("license") == "synthetic");
    CHECK((s.at("domain") == "music" || s.at("domain") == "general"));
    for (const auto& p : s.at("paths")) {
      CHECK(std::filesystem::path(p.get<std::string>()).is_relative());
      CHECK(std::filesystem::exists(w.dir + "/" + p.get<std::string>()));
    }
    if (s.contains("metadata")) {
      CHECK(s.at("metadata").at("key") == "entity_id");
      for (const auto& p : s.at("metadata").at("paths"))
        CHECK(std::filesystem::exists(w.dir + "/" + p.get<std::string>()));
    }
  }
  CHECK(names == std::set<std::string>{"encyclopedia", "reviews", "forum", "news", "tracklists",
                                       "encyclopedia_zh", "general"});
}

TEST_CASE("documents' entity ids join with their source's metadata", "[synth]") {
  const auto& w = world();
  std::map<std::string, std::map<std::string, json>> metadata;  // source -> entity -> record
  for (const auto& s : w.manifest.at("sources")) {
    if (!s.contains("metadata")) continue;
    for (const auto& p : s.at("metadata").at("paths"))
      for (auto& r : mucpt::synth::testing::read_jsonl(w.dir + "/" + p.get<std::string>()))
        metadata[s.at("name")][r.at("entity_id")] = r;
  }
  size_t joined = 0;
  for (const auto& [id, doc] : w.docs) {
    if (!doc.object.contains("entity_id")) continue;
    INFO(id);
    REQUIRE(metadata.count(doc.source));
    CHECK(metadata[doc.source].count(doc.object.at("entity_id").get<std::string>()) == 1);
    ++joined;
  }
  CHECK(joined > 1000);
}

TEST_CASE("duplicates and near duplicates match the truth", "[synth]") {
  const auto& w = world();
  size_t exact = 0, cross_source = 0;
  std::map<int64_t, std::set<std::string>> cluster_members;
  for (const auto& d : w.truth_docs) {
    if (d.contains("cluster")) cluster_members[d.at("cluster")].insert(d.at("id").get<std::string>());
    if (d.at("kind") != "exact_duplicate") continue;
    ++exact;
    const auto& copy = w.docs.at(d.at("id"));
    const auto& original = w.docs.at(d.at("duplicate_of"));
    CHECK(copy.text == original.text);
    cross_source += copy.source != original.source;
  }
  CHECK(exact > 50);
  CHECK(cross_source > 0);

  size_t pairs = 0, high = 0;
  for (const auto& c : w.clusters) {
    const int64_t id = c.at("cluster");
    std::set<std::string> members;
    for (const auto& m : c.at("members")) members.insert(m.get<std::string>());
    CHECK(members == cluster_members[id]);
    const auto original = mucpt::synth::word_shingles(w.docs.at(c.at("original")).text);
    for (const auto& [copy_id, recorded] : c.at("jaccard").items()) {
      const auto& copy = w.docs.at(copy_id);
      CHECK(copy.text != w.docs.at(c.at("original")).text);
      const double j = mucpt::synth::jaccard(original, mucpt::synth::word_shingles(copy.text));
      CHECK(j == Approx(recorded.get<double>()).margin(1e-9));
      ++pairs;
      high += j >= 0.8;
    }
  }
  CHECK(cluster_members.size() == w.clusters.size());
  CHECK(pairs > 80);
  CHECK(high > pairs / 2);   // most copies are close
  CHECK(high < pairs);       // some are not
}

TEST_CASE("clean documents are not near duplicates of each other", "[synth]") {
  const auto& w = world();
  std::map<std::string, std::vector<std::vector<uint64_t>>> by_style;
  for (const auto& d : w.truth_docs) {
    if (d.at("kind") != "clean" || d.contains("cluster") || d.at("lang") != "en") continue;
    auto& v = by_style[d.at("style")];
    if (v.size() < 120) v.push_back(mucpt::synth::word_shingles(w.docs.at(d.at("id")).text));
  }
  for (const char* style : {"encyclopedia", "review", "forum", "news"}) {
    const auto& v = by_style[style];
    REQUIRE(v.size() > 50);
    double worst = 0;
    for (size_t a = 0; a < v.size(); ++a)
      for (size_t b = a + 1; b < v.size(); ++b) worst = std::max(worst, mucpt::synth::jaccard(v[a], v[b]));
    INFO(style);
    CHECK(worst < 0.5);
  }
}

TEST_CASE("corrupted facts are written in the text and disagree with the metadata", "[synth]") {
  const auto& w = world();
  REQUIRE(w.corrupted.size() > 20);
  for (const auto& c : w.corrupted) {
    const auto& doc = w.docs.at(c.at("id"));
    const std::string field = c.at("field"), truth = c.at("true"), written = c.at("written");
    CHECK(truth != written);
    CHECK(doc.text.find(written) != std::string::npos);
    auto meta = mucpt::synth::testing::read_jsonl(w.dir + "/metadata/" + doc.source + ".jsonl");
    bool found = false;
    for (const auto& r : meta) {
      if (r.at("entity_id") != c.at("entity_id")) continue;
      found = true;
      const json& v = r.at(field);
      CHECK((v.is_number() ? std::to_string(v.get<int>()) : v.get<std::string>()) == truth);
    }
    CHECK(found);
  }
}

TEST_CASE("track lists look like track lists", "[synth]") {
  const auto& w = world();
  size_t checked = 0;
  for (const auto& d : w.truth_docs) {
    if (d.at("style") != "tracklist" || d.at("kind") == "malformed") continue;
    const auto lines = split_lines(w.docs.at(d.at("id")).text);
    size_t numbered = 0;
    for (const auto& line : lines) {
      INFO(line);
      CHECK(line.size() <= 90);
      if (line.empty()) continue;
      CHECK(std::string(".!?").find(line.back()) == std::string::npos);
      numbered += !line.empty() && line[0] >= '0' && line[0] <= '9';
    }
    CHECK(numbered >= 8);
    ++checked;
  }
  CHECK(checked > 50);
}

TEST_CASE("prose documents have their style's length and end sentences", "[synth]") {
  const auto& w = world();
  const std::map<std::string, std::pair<size_t, size_t>> ranges = {
      {"encyclopedia", {250, 800}}, {"review", {230, 600}}, {"forum", {60, 450}}, {"news", {130, 500}}, {"general", {100, 450}}};
  for (const auto& d : w.truth_docs) {
    auto r = ranges.find(d.at("style"));
    if (r == ranges.end() || d.at("kind") == "malformed" || d.contains("planted_question")) continue;
    const std::string& text = w.docs.at(d.at("id")).text;
    INFO(d.at("id").get<std::string>());
    CHECK(words(text) >= r->second.first);
    CHECK(words(text) <= r->second.second);
    if (d.at("style") != "forum" && !d.contains("boilerplate_lines") && d.at("kind") == "clean")
      CHECK(std::string(".!?").find(text.back()) != std::string::npos);
  }
}

TEST_CASE("Chinese entries are Chinese and make up about a tenth of the world", "[synth]") {
  const auto& w = world();
  size_t zh = 0;
  for (const auto& d : w.truth_docs) {
    if (d.at("lang") != "zh") continue;
    ++zh;
    if (d.at("kind") == "malformed") continue;
    const std::string& text = w.docs.at(d.at("id")).text;
    CHECK(text.find("。") != std::string::npos);
    CHECK(text.find("，") != std::string::npos);
    size_t cjk = 0;
    for (size_t i = 0; i < text.size();) {
      const char32_t cp = mucpt::next_code_point(text, i);
      cjk += cp >= 0x4E00 && cp <= 0x9FFF;
    }
    CHECK(cjk > 150);
  }
  CHECK(zh > 2000 * 0.06);
  CHECK(zh < 2000 * 0.14);
}

TEST_CASE("kinds follow the default proportions", "[synth]") {
  const auto& kinds = world().summary.at("kinds");
  auto share = [&](const char* k) { return kinds.at(k).get<double>() / 2000.0; };
  CHECK(share("clean") > 0.50);
  CHECK(share("clean") < 0.70);
  CHECK(share("exact_duplicate") == Approx(0.05).margin(0.02));
  CHECK(share("near_duplicate") == Approx(0.08).margin(0.025));
  CHECK(share("boilerplate") == Approx(0.05).margin(0.02));
  CHECK(share("spam") == Approx(0.05).margin(0.02));
  CHECK(share("offdomain") == Approx(0.12).margin(0.03));
  CHECK(share("corrupted") == Approx(0.03).margin(0.015));
  CHECK(share("malformed") == Approx(0.01).margin(0.01));
}

TEST_CASE("off-domain documents avoid music words", "[synth]") {
  const auto& w = world();
  const char* music[] = {" album", " song", " band", " guitar", " concert", " record label", " singer", " lyrics"};
  size_t n = 0;
  for (const auto& d : w.truth_docs) {
    if (d.at("kind") != "offdomain" || d.at("style") != "general") continue;
    std::string text = w.docs.at(d.at("id")).text;
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* word : music) {
      INFO(word << " in " << d.at("id").get<std::string>());
      CHECK(text.find(word) == std::string::npos);
    }
    ++n;
  }
  CHECK(n > 150);
}

TEST_CASE("benchmark questions follow DESIGN.md and planted ones appear verbatim", "[synth]") {
  const auto& w = world();
  REQUIRE(w.questions.size() >= 300);
  REQUIRE(w.questions.size() <= 3000);
  std::map<std::string, json> by_id;
  for (const auto& q : w.questions) {
    for (const char* key : {"id", "question", "answer", "aliases", "topic", "answer_type"}) CHECK(q.contains(key));
    CHECK(q.at("aliases").is_array());
    CHECK(q.at("topic") == "Music");
    CHECK(q.at("question").get<std::string>().back() == '?');
    CHECK_FALSE(q.at("answer").get<std::string>().empty());
    CHECK(by_id.emplace(q.at("id"), q).second);
  }
  size_t with_aliases = 0;
  for (const auto& q : w.questions) with_aliases += !q.at("aliases").empty();
  CHECK(with_aliases > 20);

  REQUIRE(w.planted.size() >= 5);
  std::set<std::string> planted_docs;
  for (const auto& p : w.planted) {
    const auto& q = by_id.at(p.at("question_id"));
    const auto& doc = w.docs.at(p.at("doc_id"));
    CHECK(doc.text.find(q.at("question").get<std::string>()) != std::string::npos);
    CHECK(doc.text.find(q.at("answer").get<std::string>()) != std::string::npos);
    planted_docs.insert(p.at("doc_id"));
  }
  for (const auto& d : w.truth_docs)
    if (d.contains("planted_question")) CHECK(planted_docs.count(d.at("id")) == 1);
}

TEST_CASE("the repetition check finds a repeated sentence or run", "[synth]") {
  CHECK(repetition("The band formed in Oslo. They toured. The band formed in Oslo.", 10) ==
        "sentence: The band formed in Oslo.");
  CHECK(repetition("One two three four five six seven eight nine ten, then one two three four five six seven "
                   "eight nine ten!", 10).rfind("run: one two", 0) == 0);
  CHECK(repetition("The band formed in Oslo. The band formed in Bergen.", 10).empty());
  CHECK_FALSE(repetition("乐队成立于奥斯陆。乐队成立于奥斯陆。", 20).empty());
  CHECK_FALSE(repetition("一二三四五六七八九十一二三四五六七八九十，又一二三四五六七八九十一二三四五六七八九十。", 20).empty());
  CHECK(repetition("乐队成立于奥斯陆，后来在卑尔根录制了第一张专辑。乐队成立于卑尔根。", 20).empty());
}

// Real clean text does not say the same sentence twice, and the quality stages
// (Gopher's repetition rules) drop text that does: no clean document, of any style,
// repeats a sentence or a run of ten words (twenty characters in Chinese). Spam and
// boilerplate are meant to repeat, and are not checked.
TEST_CASE("clean documents repeat no sentence and no long run of words", "[synth]") {
  const LoadedWorld other = make_world("repetition", 2000, 11);
  for (const LoadedWorld* w : {&world(), &other}) {
    std::map<std::string, size_t> checked, repeating;
    std::map<std::string, std::string> example;
    size_t spam = 0, spam_repeating = 0;
    for (const auto& d : w->truth_docs) {
      if (d.at("kind") == "spam") {
        ++spam;
        spam_repeating += !repetition(w->docs.at(d.at("id")).text, repetition_window(d)).empty();
      }
      if (d.at("kind") != "clean") continue;
      const std::string style = d.at("style");
      const std::string& text = w->docs.at(d.at("id")).text;
      ++checked[style];
      const std::string found = repetition(text, repetition_window(d));
      if (found.empty()) continue;
      if (++repeating[style] == 1) example[style] = d.at("id").get<std::string>() + " " + found + "\n" + text;
    }
    for (const char* style : {"encyclopedia", "review", "forum", "news", "tracklist", "encyclopedia_zh"}) {
      INFO(w->dir << ", style " << style << ": " << repeating[style] << " of " << checked[style]
                  << " clean documents repeat themselves, e.g. " << example[style]);
      CHECK(checked[style] > 50);
      CHECK(repeating[style] == 0);
    }
    // The check itself finds repetition where there is some: spam repeats itself often.
    INFO(spam_repeating << " of " << spam << " spam documents repeat themselves");
    CHECK(spam_repeating * 3 > spam);
  }
}
