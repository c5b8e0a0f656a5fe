#pragma once
// The world's data manifest (DESIGN.md's format), with paths relative to its folder.
#include <string>

namespace mucpt::synth {

// The extension of source files: ".jsonl.zst" or ".jsonl".
std::string source_path(const char* source_name, bool compressed);
std::string manifest_json(bool compressed);

}  // namespace mucpt::synth
