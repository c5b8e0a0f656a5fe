// Recall and precision of the privacy stage on a generated music world whose planted
// personal data is known exactly (build/synth writes it to truth/pii.jsonl).
#include "tests/catch.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "common/line_reader.h"
#include "curation/privacy/privacy_stage.h"
#include "tests/test_support.h"

using namespace mucpt;
using json = nlohmann::json;

namespace {

struct Truth {
  std::string type, value;
  size_t start, end;
};

std::string id_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}

// Where a match's token begins in the masked text.
size_t masked_offset(const std::vector<PiiMatch>& matches, size_t index, const PrivacyOptions& o) {
  size_t offset = matches[index].mask_start;
  for (size_t k = 0; k < index; ++k) {
    offset += o.tokens[static_cast<size_t>(matches[k].type)].size();
    offset -= matches[k].mask_end - matches[k].mask_start;
  }
  return offset;
}

}  // namespace

TEST_CASE("generated world: every planted value is masked, few others are") {
  const std::string world = mucpt::testing::scratch_dir("privacy_world");
  auto synth = mucpt::testing::run_command(mucpt::testing::build_dir() + "/synth --docs 1500 --seed 11 --output " + world);
  INFO(synth.output);
  REQUIRE(synth.exit_code == 0);

  std::map<std::string, std::vector<Truth>> truth;  // "source\tid" -> planted values
  size_t truth_total = 0;
  {
    std::ifstream in(world + "/truth/pii.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      json j = json::parse(line);
      truth[j["source"].get<std::string>() + "\t" + j["id"].get<std::string>()].push_back(
          {j["type"], j["value"], j["start"].get<size_t>(), j["end"].get<size_t>()});
      ++truth_total;
    }
  }
  REQUIRE(truth_total > 100);

  const PrivacyOptions options;
  PrivacyStage stage(options);
  // Simple independent patterns: nothing like these may survive masking.
  const std::regex left_email(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})");
  const std::regex left_card(R"((^|[^0-9])([0-9]{4}[ -]?){3}[0-9]{4}([^0-9]|$))");
  const std::regex left_id(R"((^|[^0-9])[0-9]{17}[0-9Xx]([^0-9A-Za-z]|$))");

  std::map<std::string, size_t> planted, found, masked, outside;
  size_t docs = 0, checked = 0, missed = 0, misaligned = 0, masked_total = 0, outside_total = 0, leftovers = 0;
  std::vector<std::string> report;
  json manifest = json::parse(std::ifstream(world + "/manifest.json"));
  for (const json& source : manifest["sources"]) {
    const std::string name = source["name"], text_field = source.value("text_field", "text"),
                      id_field = source.value("id_field", "id");
    for (const json& path : source["paths"]) {
      LineReader reader(world + "/" + path.get<std::string>());
      std::string_view line;
      while (reader.next(line)) {
        json j = json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains(text_field) || !j[text_field].is_string()) continue;
        Document doc;
        doc.source = name;
        doc.id = j.contains(id_field) ? id_text(j[id_field]) : "";
        doc.text = j[text_field].get<std::string>();
        const std::string original = doc.text;
        ++docs;
        stage.process(doc);
        const auto& matches = stage.last_matches();
        const auto it = truth.find(name + "\t" + doc.id);
        const std::vector<Truth> none;
        const std::vector<Truth>& planted_here = it == truth.end() ? none : it->second;

        for (const Truth& t : planted_here) {
          if (original.compare(t.start, t.end - t.start, t.value) != 0) {
            ++misaligned;  // a line whose id repeats with other text; judged where it matches
            continue;
          }
          ++checked;
          ++planted[t.type];
          bool ok = false;
          for (size_t k = 0; k < matches.size() && !ok; ++k) {
            const PiiMatch& m = matches[k];
            if (pii_type_name(m.type) != t.type || m.mask_end <= t.start || m.mask_start >= t.end) continue;
            const std::string& token = options.tokens[static_cast<size_t>(m.type)];
            ok = doc.text.compare(masked_offset(matches, k, options), token.size(), token) == 0;
          }
          ok = ok && doc.text.find(t.value) == std::string::npos;
          if (ok) ++found[t.type];
          else if (++missed <= 20) report.push_back("missed " + t.type + " in " + name + "/" + doc.id + ": " + t.value);
        }
        for (const PiiMatch& m : matches) {
          ++masked_total;
          ++masked[pii_type_name(m.type)];
          bool inside = false;
          for (const Truth& t : planted_here) inside |= t.start <= m.mask_start && m.mask_end <= t.end;
          if (inside) continue;
          ++outside_total;
          ++outside[pii_type_name(m.type)];
          if (outside_total <= 20)
            report.push_back("outside the truth: " + std::string(pii_type_name(m.type)) + " in " + name + "/" + doc.id +
                             ": '" + original.substr(m.mask_start, m.mask_end - m.mask_start) + "'");
        }
        for (const std::regex* r : {&left_email, &left_card, &left_id}) {
          std::smatch left;
          if (std::regex_search(doc.text, left, *r)) {
            ++leftovers;
            report.push_back("left after masking in " + name + "/" + doc.id + ": '" + left.str() + "'");
          }
        }
      }
    }
  }

  const double recall = checked ? 1.0 * (checked - missed) / checked : 0.0;
  const double precision = masked_total ? 1.0 - 1.0 * outside_total / masked_total : 1.0;
  std::printf("privacy on a generated world: %zu documents, %zu planted values checked (%zu misaligned)\n", docs,
              checked, misaligned);
  std::printf("%-16s %8s %8s %8s %8s\n", "type", "planted", "found", "masked", "outside");
  std::map<std::string, bool> types;
  for (const auto& [t, n] : planted) types[t] = true;
  for (const auto& [t, n] : masked) types[t] = true;
  for (const auto& [t, _] : types)
    std::printf("%-16s %8zu %8zu %8zu %8zu\n", t.c_str(), planted[t], found[t], masked[t], outside[t]);
  std::printf("recall %.4f, precision %.4f\n", recall, precision);
  for (const std::string& r : report) std::printf("  %s\n", r.c_str());

  CHECK(docs > 1000);
  CHECK(checked + misaligned >= truth_total * 9 / 10);  // the rest sit in deliberately malformed lines
  CHECK(planted.size() == 9);                           // every planted type occurs
  CHECK(missed == 0);
  CHECK(recall == 1.0);
  CHECK(precision >= 0.99);
  CHECK(leftovers == 0);
}
