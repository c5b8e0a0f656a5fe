#pragma once
// A content hash of a model folder's weights: XXH3-128 over each safetensors file's
// name, size and bytes, in name order. score keys its reuse of stored losses on it, so
// a model retrained in place (same path, same sizes) is noticed.
#include <string>

namespace mucpt {

// 32 hex digits. Throws IoError naming a file that cannot be read.
std::string model_weights_hash(const std::string& folder);

}  // namespace mucpt
