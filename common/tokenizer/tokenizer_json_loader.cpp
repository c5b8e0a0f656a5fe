// Reads Hugging Face's tokenizer.json: the BPE model, the added tokens, the normaliser
// and the pre-tokenizer, checking that each is one this tokenizer reproduces exactly.
#include <simdjson.h>

#include <stdexcept>

#include "common/tokenizer/tokenizer_loader.h"

namespace mucpt {

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

[[noreturn]] void unsupported(const std::string& what) {
  throw std::runtime_error("unsupported tokenizer.json: " + what);
}

bool has(const object& obj, std::string_view key) {
  element e;
  return !obj.at_key(key).get(e) && !e.is_null();
}

std::string string_or(const object& obj, std::string_view key, std::string_view fallback) {
  element e;
  if (obj.at_key(key).get(e) || e.is_null()) return std::string(fallback);
  std::string_view s;
  if (e.get_string().get(s)) throw std::runtime_error("key '" + std::string(key) + "' is not a string");
  return std::string(s);
}

bool bool_or(const object& obj, std::string_view key, bool fallback) {
  element e;
  if (obj.at_key(key).get(e) || e.is_null()) return fallback;
  bool b = false;
  if (e.get_bool().get(b)) throw std::runtime_error("key '" + std::string(key) + "' is not true or false");
  return b;
}

// A key the format needs, named when it is missing or of another type.
object required_object(const object& obj, std::string_view key) {
  object o;
  if (obj[key].get(o)) throw std::runtime_error("key '" + std::string(key) + "' is missing or not an object");
  return o;
}

array required_array(const object& obj, std::string_view key) {
  array a;
  if (obj[key].get(a)) throw std::runtime_error("key '" + std::string(key) + "' is missing or not a list");
  return a;
}

int32_t token_id(element value, std::string_view token) { return token_id_from_json(simdjson::minify(value), token); }

std::string type_of(const object& obj) { return string_or(obj, "type", ""); }

bool parse_normalizer(element e) {
  if (e.is_null()) return false;
  object obj = e;
  std::string type = type_of(obj);
  if (type == "NFC") return true;
  if (type == "Sequence") {
    bool nfc = false;
    for (element inner : array(obj["normalizers"])) nfc = parse_normalizer(inner) || nfc;
    return nfc;
  }
  unsupported("normalizer " + type);
}

struct PreTokenizerSpec {
  std::optional<PretokenizerKind> split;  // from Split, or ByteLevel with use_regex
  bool byte_level = false;
  bool add_prefix_space = false;
};

void parse_pre_tokenizer(element e, PreTokenizerSpec& spec) {
  if (e.is_null()) return;
  object obj = e;
  std::string type = type_of(obj);
  if (type == "Sequence") {
    for (element inner : array(obj["pretokenizers"])) parse_pre_tokenizer(inner, spec);
    return;
  }
  if (type == "ByteLevel") {
    if (spec.byte_level) unsupported("two ByteLevel pre-tokenizers");
    spec.byte_level = true;
    spec.add_prefix_space = bool_or(obj, "add_prefix_space", false);
    // After a Split, Hugging Face's ByteLevel adds the space to every piece the split
    // made; this encoder adds one to the text.
    if (spec.split && spec.add_prefix_space) unsupported("a ByteLevel with add_prefix_space after a Split");
    if (bool_or(obj, "use_regex", true)) {
      if (spec.split) unsupported("a split before a ByteLevel pre-tokenizer that splits again");
      spec.split = PretokenizerKind::gpt2;
    }
    return;
  }
  if (type == "Split") {
    if (spec.split || spec.byte_level) unsupported("more than one split");
    object pattern = obj["pattern"];
    if (!has(pattern, "Regex")) unsupported("a Split on a plain string");
    std::string regex = string_or(pattern, "Regex", "");
    auto kind = pretokenizer_from_pattern(regex);
    if (!kind) unsupported("Split pattern " + regex);
    if (string_or(obj, "behavior", "Isolated") != "Isolated" || bool_or(obj, "invert", false))
      unsupported("Split behaviour other than Isolated");
    spec.split = kind;
    return;
  }
  unsupported("pre-tokenizer " + type);
}

std::pair<std::string, std::string> parse_merge(element e) {
  if (e.is_string()) {
    std::string_view s = e;
    size_t space = s.find(' ');
    if (space == std::string_view::npos || s.find(' ', space + 1) != std::string_view::npos)
      throw std::runtime_error("merge \"" + std::string(s) + "\" is not two tokens");
    return {std::string(s.substr(0, space)), std::string(s.substr(space + 1))};
  }
  array pair = e;
  if (pair.size() != 2) throw std::runtime_error("a merge that is not a pair");
  return {std::string(std::string_view(pair.at(0))), std::string(std::string_view(pair.at(1)))};
}

}  // namespace

int32_t token_id_from_json(std::string_view text, std::string_view token) {
  constexpr int64_t kIdLimit = int64_t(1) << 24;
  int64_t id = -1;
  size_t used = 0;
  try {
    id = std::stoll(std::string(text), &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || id < 0 || id >= kIdLimit)
    throw std::runtime_error("token \"" + std::string(token) + "\" has id " + std::string(text) +
                             ", not a whole number from 0 to " + std::to_string(kIdLimit - 1));
  return static_cast<int32_t>(id);
}

Tokenizer parse_tokenizer_json(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  try {
    object root = parser.parse(padded);

    object model = required_object(root, "model");
    std::string type = string_or(model, "type", "BPE");
    if (type != "BPE") unsupported("model type " + type);
    if (!string_or(model, "continuing_subword_prefix", "").empty() ||
        !string_or(model, "end_of_word_suffix", "").empty())
      unsupported("BPE with subword prefixes or suffixes");
    if (bool_or(model, "byte_fallback", false)) unsupported("BPE with byte fallback");
    BpeModelOptions options;
    options.ignore_merges = bool_or(model, "ignore_merges", false);
    options.unk_token = string_or(model, "unk_token", "");

    std::vector<std::pair<std::string, int32_t>> vocab;
    object vocab_obj = required_object(model, "vocab");
    vocab.reserve(vocab_obj.size());
    for (auto [key, value] : vocab_obj) vocab.emplace_back(std::string(key), token_id(value, key));
    std::vector<std::pair<std::string, std::string>> merges;
    array merges_arr = required_array(model, "merges");
    merges.reserve(merges_arr.size());
    for (element m : merges_arr) merges.push_back(parse_merge(m));

    std::vector<AddedToken> added;
    element added_el;
    if (!root.at_key("added_tokens").get(added_el) && !added_el.is_null()) {
      for (element a : array(added_el)) {
        object obj = a;
        AddedToken t;
        t.content = string_or(obj, "content", "");
        element id;
        if (obj.at_key("id").get(id)) throw std::runtime_error("added token \"" + t.content + "\" has no 'id'");
        t.id = token_id(id, t.content);
        t.special = bool_or(obj, "special", false);
        t.normalized = bool_or(obj, "normalized", !t.special);
        t.lstrip = bool_or(obj, "lstrip", false);
        t.rstrip = bool_or(obj, "rstrip", false);
        t.single_word = bool_or(obj, "single_word", false);
        added.push_back(std::move(t));
      }
    }

    TokenizerPipeline pipeline;
    element e;
    pipeline.nfc = !root.at_key("normalizer").get(e) && parse_normalizer(e);
    PreTokenizerSpec spec;
    if (!root.at_key("pre_tokenizer").get(e)) parse_pre_tokenizer(e, spec);
    if (!spec.byte_level) unsupported("a BPE tokenizer without the ByteLevel pre-tokenizer");
    pipeline.pretokenizer = spec.split.value_or(PretokenizerKind::none);
    pipeline.add_prefix_space = spec.add_prefix_space;

    return Tokenizer(BpeModel(vocab, merges, options), AddedTokens(std::move(added)), pipeline);
  } catch (const simdjson::simdjson_error& err) {
    throw std::runtime_error(std::string("tokenizer.json: ") + err.what());
  }
}

}  // namespace mucpt
