#pragma once
// Mixing: a document appears in the packed output as often as its source's manifest
// weight times its own weight says. The whole part of the product is repeated; the
// fraction becomes one more copy with that probability, decided by a hash of the
// document's source and id, so the choice is the same on every rank and every run.
#include <cstdint>
#include <string_view>

namespace mucpt {

// How many times a document with this weight product is packed (0 drops it).
uint32_t document_copies(std::string_view source, std::string_view id, double multiplier, uint64_t seed);

}  // namespace mucpt
