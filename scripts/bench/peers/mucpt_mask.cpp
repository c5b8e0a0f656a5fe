// The privacy stage over a NUL-separated corpus, timing only the masking:
//   mucpt_mask --print-patterns TYPES     one line per type: type, token, its rows joined by |
//                                         (each row's whole-value form where it has one)
//   mucpt_mask TYPES|all CORPUS OUT       prints seconds, bytes, masked spans, compile seconds
// TYPES is a comma-separated list of privacy type names (email,phone,ipv4).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <set>

#include "curation/privacy/pattern_table.h"
#include "curation/privacy/privacy_stage.h"
#include "scripts/bench/peers/privacy_corpus.h"

using namespace mucpt;

static std::set<std::string> parse_types(const std::string& list) {
  std::set<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    out.insert(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--print-patterns") == 0) {
    std::set<std::string> types = parse_types(argv[2]);
    for (const PiiTypeInfo& t : pii_types()) {
      if (!types.count(t.name)) continue;
      std::string joined;
      for (const PatternRow& row : pattern_table())
        if (row.type == t.type)
          joined += (joined.empty() ? "(?:" : "|(?:") +
                    std::string(row.whole_value_regex ? row.whole_value_regex : row.regex) + ")";
      std::printf("%s\t%s\t%s\n", t.name, t.default_token, joined.c_str());
    }
    return 0;
  }
  if (argc != 4) {
    std::fprintf(stderr, "usage: mucpt_mask --print-patterns TYPES | mucpt_mask TYPES|all CORPUS OUT\n");
    return 2;
  }
  PrivacyOptions options;
  options.max_hits = 0;
  if (std::strcmp(argv[1], "all") != 0) {
    std::set<std::string> types = parse_types(argv[1]);
    for (const PiiTypeInfo& t : pii_types()) options.enabled[static_cast<size_t>(t.type)] = types.count(t.name) > 0;
  }
  std::vector<std::string> docs = read_corpus(argv[2]);
  size_t bytes = 0, spans = 0;
  for (const std::string& d : docs) bytes += d.size();

  auto setup = std::chrono::steady_clock::now();
  PrivacyStage stage(options);  // compiles the database: once per rank in curate
  auto t0 = std::chrono::steady_clock::now();
  Document doc;
  for (std::string& d : docs) {
    doc.text.swap(d);
    stage.process(doc);
    spans += stage.last_matches().size();
    d.swap(doc.text);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  write_corpus(argv[3], docs);
  std::printf("%.4f %zu %zu %.4f\n", seconds, bytes, spans, std::chrono::duration<double>(t0 - setup).count());
  return 0;
}
