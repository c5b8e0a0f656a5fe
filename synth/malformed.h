#pragma once
// Broken source lines, written as raw bytes: each is broken in exactly one way, so the
// truth can name one reason for it.
#include <string>

#include "synth/document.h"
#include "synth/rng.h"
#include "synth/sources.h"

namespace mucpt::synth {

enum class MalformedReason : int { invalid_json, invalid_utf8, missing_text, non_string_text, not_object };
constexpr int kMalformedReasonCount = 5;
const char* malformed_reason_name(MalformedReason r);

// Variants of a reason: non_string_text has 0 number, 1 array, 2 null; not_object has
// 0 an array holding the object, 1 an array of strings. Other reasons ignore it.
int malformed_variant_count(MalformedReason r);

// Whether a parser can still recover the id (the truth then records it).
bool malformed_keeps_id(MalformedReason r);

std::string malformed_line(MalformedReason r, int variant, const SourceSpec& spec, const std::string& id,
                           const Doc& doc, Rng& rng);

}  // namespace mucpt::synth
