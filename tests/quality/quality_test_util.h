#pragma once
// Helpers for the quality tests: a configuration with the quality options registered,
// options overridden from the command line, and running one stage on one text.
#include <memory>
#include <string>
#include <vector>

#include "common/config.h"
#include "curation/quality/quality_stages.h"

namespace mucpt::quality_test {

// The quality options at their defaults, plus any "--key=value" arguments.
Config default_config(const std::vector<std::string>& args = {});

// The html and quality stages the configuration builds for a source with these
// manifest settings.
std::vector<std::unique_ptr<Stage>> stages_for(const Config& config, const std::string& settings_json = "{}");

// The reason the named stage gives for text ("" when it keeps the document); text is
// updated to what the stage left.
std::string reason(Stage& stage, std::string& text, const std::string& lang = "");
std::string reason(Stage& stage, const char* text, const std::string& lang = "");

// n distinct lower-case words of the given length, space-separated, none of them a
// stop word (each starts with 'q').
std::string words(size_t n, size_t length = 5, size_t first = 0);

// n distinct Han characters, none of them a Chinese stop word.
std::string han(size_t n, size_t first = 0);

}  // namespace mucpt::quality_test
