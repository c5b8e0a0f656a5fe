#pragma once
// Writes a whole generated world to a folder: the source files, their metadata, the
// manifest, the benchmark and the ground truth. Deterministic by seed, streaming
// (memory is bounded by the knowledge base, not by the number of documents).
#include <cstdint>
#include <string>
#include <vector>

namespace mucpt::synth {

struct WorldOptions {
  uint64_t documents = 1000;  // source lines to write, all kinds together
  uint64_t seed = 1;
  std::string output;
  bool compress = true;  // sources as .jsonl.zst, else .jsonl
  uint64_t artists = 0;         // 0: as many as `documents` calls for
  uint64_t quiz_documents = 0;  // quiz sheets (sources/quiz), beside `documents`
  uint64_t profiles = 0;        // fact sheets per artist (sources/profiles), with quiz sheets
  std::vector<std::string> question_kinds;  // the facts the benchmark and quizzes ask; empty: all
};

struct WorldResult {
  uint64_t lines = 0;
  uint64_t source_bytes = 0;  // uncompressed bytes of all source lines
  uint64_t questions = 0;
};

WorldResult write_world(const WorldOptions& options);

}  // namespace mucpt::synth
