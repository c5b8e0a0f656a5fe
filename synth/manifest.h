#pragma once
// The world's data manifest (DESIGN.md's format), with paths relative to its folder.
#include <string>

namespace mucpt::synth {

// The extension of source files: ".jsonl.zst" or ".jsonl".
std::string source_path(const char* source_name, bool compressed);
// The first `sources` sources of synth/sources.h (kSourceCount; kQuizSourceCount with quiz; kAllSourceCount with profiles too).
std::string manifest_json(bool compressed, int sources);

}  // namespace mucpt::synth
