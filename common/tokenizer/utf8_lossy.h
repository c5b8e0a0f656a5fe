#pragma once
// Decoded ids can cut a character in two; text shown to people or written as JSON
// replaces each maximal ill-formed subsequence with one U+FFFD, the rule of Rust's
// String::from_utf8_lossy that Hugging Face's decoders use.
#include <string>
#include <string_view>

namespace mucpt {

std::string utf8_lossy(std::string_view bytes);

}  // namespace mucpt
