#include "synth/malformed.h"

#include <iterator>

#include "common/json_writer.h"
#include "synth/json_line.h"

namespace mucpt::synth {

namespace {

const char* const kNames[kMalformedReasonCount] = {"invalid_json", "invalid_utf8", "missing_text",
                                                   "non_string_text", "not_object"};

// Byte sequences that are not UTF-8: a stray continuation byte, 0xFF, a truncated
// two-byte sequence, an overlong '/', an encoded surrogate, a code point past U+10FFFF.
const char* const kInvalidBytes[] = {"\x80", "\xFF", "\xC3\x28", "\xC0\xAF", "\xED\xA0\x80", "\xF5\x80\x80\x80"};

std::string quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string head(const SourceSpec& spec, const std::string& id) {
  return "{" + quoted(spec.id_field) + ":" + quoted(id);
}

}  // namespace

const char* malformed_reason_name(MalformedReason r) { return kNames[static_cast<int>(r)]; }

int malformed_variant_count(MalformedReason r) {
  if (r == MalformedReason::invalid_json) return 3;
  if (r == MalformedReason::non_string_text) return 3;
  if (r == MalformedReason::not_object) return 2;
  return 1;
}

bool malformed_keeps_id(MalformedReason r) {
  return r == MalformedReason::invalid_utf8 || r == MalformedReason::missing_text ||
         r == MalformedReason::non_string_text;
}

std::string malformed_line(MalformedReason r, int variant, const SourceSpec& spec, const std::string& id,
                           const Doc& doc, Rng& rng) {
  switch (r) {
    case MalformedReason::invalid_json: {
      // A fine text beside a malformed atom in another field, after it or nested before it.
      if (variant == 1) {
        std::string line = head(spec, id) + "," + quoted(spec.text_field) + ":" + quoted(doc.text);
        append_extra_fields(line, doc);
        return line + R"(,"payload":[nul]})";
      }
      if (variant == 2) {
        std::string line = head(spec, id) + R"(,"extra":{"flags":[1,tru]},)" + quoted(spec.text_field) + ":" +
                           quoted(doc.text);
        append_extra_fields(line, doc);
        return line + "}";
      }
      // Cut inside the text value, on a character boundary so the bytes stay UTF-8.
      std::string line = document_line(spec, id, doc);
      size_t cut = line.size() / 3 + rng.below(line.size() / 3 + 1);
      while (cut < line.size() && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) ++cut;
      line.resize(cut);
      return line;
    }
    case MalformedReason::invalid_utf8: {
      const std::string text = quoted(doc.text);  // escaped, quoted
      size_t at = 1 + rng.below(text.size() - 2);
      // Insert between characters and outside an escape sequence.
      while (at < text.size() - 1 && ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80 || text[at - 1] == '\\'))
        ++at;
      std::string line = head(spec, id) + "," + quoted(spec.text_field) + ":" + text.substr(0, at) +
                         kInvalidBytes[rng.below(std::size(kInvalidBytes))] + text.substr(at);
      append_extra_fields(line, doc);
      return line + "}";
    }
    case MalformedReason::missing_text: {
      std::string line = head(spec, id);
      append_extra_fields(line, doc);
      return line + "}";
    }
    case MalformedReason::non_string_text: {
      std::string value;
      if (variant == 0) {
        value = std::to_string(rng.range(1, 99999));
      } else if (variant == 1) {
        const size_t split = doc.text.find("\n\n");
        value = "[" + quoted(doc.text.substr(0, split)) +
                (split == std::string::npos ? "" : "," + quoted(doc.text.substr(split + 2))) + "]";
      } else {
        value = "null";
      }
      std::string line = head(spec, id) + "," + quoted(spec.text_field) + ":" + value;
      append_extra_fields(line, doc);
      return line + "}";
    }
    case MalformedReason::not_object:
      if (variant == 0) return "[" + document_line(spec, id, doc) + "]";
      return "[" + quoted(id) + "," + quoted(doc.text) + "]";
  }
  return {};
}

}  // namespace mucpt::synth
