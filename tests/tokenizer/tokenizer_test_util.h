#pragma once
// Shared by the tokenizer tests: test texts (real lines from ../shared/data, hand-made
// hard cases, random strings) and reference ids from the JavaScript tokenizers.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace mucpt::testing {

using IdLines = std::vector<std::vector<int32_t>>;

// Runs tests/tokenizer/reference_ids.mjs: kind "--hf" (source: a tokenizer.json[.gz])
// or "--tiktoken" (source: an encoding name). Fails the test when node fails.
IdLines js_reference_ids(const std::string& peers, const std::string& kind, const std::string& source,
                         const std::vector<std::string>& texts, const std::string& scratch);

// A few thousand real lines: MusicCaps captions, DBpedia album and general
// abstracts, SimpleQA questions and answers; plus generated Chinese encyclopedia
// articles and forum posts from build/synth when it is built (written under scratch).
std::vector<std::string> real_lines(const std::string& shared_data, const std::string& scratch);

// Chinese, emoji, digits, whitespace runs, CRLF, contractions, special tokens.
std::vector<std::string> hard_lines();

// Random concatenations of hard fragments. Only characters whose classes every
// Unicode version since 13 agrees on, and none where Oniguruma and JavaScript
// regexes differ (U+0085, U+FEFF, U+017F), so the JavaScript ports are a fair reference.
std::vector<std::string> random_fragment_lines(uint32_t seed, size_t count);

// Random valid UTF-8 over all of Unicode (no surrogates), mixed with ASCII.
std::string random_utf8(std::mt19937& rng, size_t code_points);

void write_string_lines(const std::string& path, const std::vector<std::string>& texts);
IdLines read_id_lines(const std::string& path);

}  // namespace mucpt::testing
