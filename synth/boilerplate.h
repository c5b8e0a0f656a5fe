#pragma once
// Web page furniture: cookie notices, navigation menus, subscription prompts,
// copyright footers. Whole boilerplate documents, and single lines that get appended
// to otherwise good documents. None of it contains PII-like strings.
#include <string>
#include <vector>

#include "synth/document.h"
#include "synth/rng.h"

namespace mucpt::synth {

Doc render_boilerplate(Rng& rng);
std::string boilerplate_line(Rng& rng);
// n lines for the foot of one page, no two alike (not even two copyright footers).
std::vector<std::string> boilerplate_lines(Rng& rng, int n);

}  // namespace mucpt::synth
