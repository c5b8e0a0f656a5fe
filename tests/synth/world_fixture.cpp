#include "tests/synth/world_fixture.h"

#include <stdexcept>

#include "common/line_reader.h"
#include "common/line_writer.h"
#include "synth/world_writer.h"
#include "tests/test_support.h"

namespace mucpt::synth::testing {

std::vector<nlohmann::json> read_jsonl(const std::string& path) {
  std::vector<nlohmann::json> out;
  LineReader reader(path);
  std::string_view line;
  while (reader.next(line)) out.push_back(nlohmann::json::parse(line));
  return out;
}

const SourceFile& LoadedWorld::file(const std::string& relative_path) const {
  for (const auto& f : files)
    if (f.path == relative_path) return f;
  throw std::runtime_error("no source file " + relative_path);
}

const std::string& LoadedWorld::raw_line(const std::string& relative_path, uint64_t line) const {
  return file(relative_path).lines.at(line - 1);
}

LoadedWorld load_world(const std::string& dir) {
  LoadedWorld w;
  w.dir = dir;
  w.manifest = nlohmann::json::parse(read_small_file(dir + "/manifest.json"));
  w.summary = nlohmann::json::parse(read_small_file(dir + "/truth/summary.json"));
  for (const auto& s : w.manifest.at("sources")) {
    SourceFile f;
    f.name = s.at("name");
    f.path = s.at("paths").at(0);
    f.text_field = s.at("text_field");
    f.id_field = s.at("id_field");
    LineReader reader(dir + "/" + f.path);
    std::string_view line;
    while (reader.next(line)) f.lines.emplace_back(line);
    for (size_t i = 0; i < f.lines.size(); ++i) {
      nlohmann::json j = nlohmann::json::parse(f.lines[i], nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains(f.text_field) || !j[f.text_field].is_string()) continue;
      w.docs[j.at(f.id_field).get<std::string>()] = {f.name, f.path, i + 1, j[f.text_field].get<std::string>(), j};
    }
    w.files.push_back(std::move(f));
  }
  w.truth_docs = read_jsonl(dir + "/truth/documents.jsonl");
  w.pii = read_jsonl(dir + "/truth/pii.jsonl");
  w.clusters = read_jsonl(dir + "/truth/near_duplicates.jsonl");
  w.corrupted = read_jsonl(dir + "/truth/corrupted_facts.jsonl");
  w.planted = read_jsonl(dir + "/truth/planted_questions.jsonl");
  w.questions = read_jsonl(dir + "/benchmark/music_qa.jsonl");
  return w;
}

LoadedWorld make_world(const std::string& name, uint64_t documents, uint64_t seed, bool compress) {
  WorldOptions options;
  options.documents = documents;
  options.seed = seed;
  options.output = mucpt::testing::scratch_dir("synth/" + name);
  options.compress = compress;
  write_world(options);
  return load_world(options.output);
}

}  // namespace mucpt::synth::testing
