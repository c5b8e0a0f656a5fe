#pragma once
// Generates a small synth world in a scratch folder and reads everything back: the
// manifest, every raw source line, the parsed documents and all truth files.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mucpt::synth::testing {

struct SourceFile {
  std::string name;  // source name
  std::string path;  // relative to the world folder
  std::string text_field, id_field;
  std::vector<std::string> lines;  // raw bytes, without "\n"
};

struct LoadedDoc {
  std::string source;
  std::string file;
  uint64_t line;
  std::string text;
  nlohmann::json object;
};

struct LoadedWorld {
  std::string dir;
  nlohmann::json manifest;
  nlohmann::json summary;
  std::vector<SourceFile> files;
  std::map<std::string, LoadedDoc> docs;  // well-formed lines by id
  std::vector<nlohmann::json> truth_docs, pii, clusters, corrupted, planted, questions;

  const SourceFile& file(const std::string& relative_path) const;
  const std::string& raw_line(const std::string& relative_path, uint64_t line) const;
};

// Writes a world with the library (documents, seed) under the build tree's scratch
// folder named name, then loads it.
LoadedWorld make_world(const std::string& name, uint64_t documents, uint64_t seed, bool compress = true);
LoadedWorld load_world(const std::string& dir);

std::vector<nlohmann::json> read_jsonl(const std::string& path);

}  // namespace mucpt::synth::testing
