// Reads the older two-file form of a byte-level BPE: vocab.json (token -> id) and
// merges.txt (one "left right" pair per line, after an optional "#version" line), as
// GPT-2 (encoder.json + vocab.bpe) and Qwen2 ship them.
#include <simdjson.h>

#include <stdexcept>

#include "common/line_reader.h"
#include "common/tokenizer/tokenizer_loader.h"

namespace mucpt {

namespace {

std::vector<std::pair<std::string, std::string>> read_merges(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> merges;
  LineReader reader(path);
  std::string_view line;
  bool first = true;
  while (reader.next(line)) {
    if (first && line.rfind("#version", 0) == 0) {
      first = false;
      continue;
    }
    first = false;
    if (line.empty()) continue;
    size_t space = line.find(' ');
    if (space == std::string_view::npos || line.find(' ', space + 1) != std::string_view::npos)
      throw std::runtime_error(path + ": line " + std::to_string(merges.size() + 1) + " is not two tokens");
    merges.emplace_back(std::string(line.substr(0, space)), std::string(line.substr(space + 1)));
  }
  return merges;
}

struct Config {
  std::string tokenizer_class;
  std::vector<AddedToken> added;
};

Config parse_config(const std::string& path) {
  Config config;
  simdjson::dom::parser parser;
  simdjson::padded_string json(read_text_file(path));
  simdjson::dom::object root = parser.parse(json);
  simdjson::dom::element e;
  if (!root.at_key("tokenizer_class").get(e) && e.is_string())
    config.tokenizer_class = std::string(std::string_view(e));
  if (!root.at_key("added_tokens_decoder").get(e) && e.is_object()) {
    for (auto [key, value] : simdjson::dom::object(e)) {
      simdjson::dom::object obj = value;
      AddedToken t;
      std::string_view content;
      if (obj["content"].get_string().get(content))
        throw std::runtime_error("added token " + std::string(key) + " has no string 'content'");
      t.content = std::string(content);
      t.id = token_id_from_json(key, t.content);
      auto flag = [&](const char* name, bool fallback) {
        simdjson::dom::element f;
        return obj.at_key(name).get(f) || !f.is_bool() ? fallback : bool(f);
      };
      t.special = flag("special", false);
      t.normalized = flag("normalized", !t.special);
      t.lstrip = flag("lstrip", false);
      t.rstrip = flag("rstrip", false);
      t.single_word = flag("single_word", false);
      config.added.push_back(std::move(t));
    }
  }
  return config;
}

// Its errors name tokenizer_config.json, not the vocabulary beside it.
Config read_config(const std::string& path) {
  if (path.empty()) return {};
  try {
    return parse_config(path);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace

Tokenizer load_vocab_and_merges(const std::string& vocab_path, const std::string& merges_path,
                                const std::string& config_path, std::optional<PretokenizerKind> pretokenizer) {
  Config config = read_config(config_path);  // its errors name its own file
  try {
    std::vector<std::pair<std::string, int32_t>> vocab;
    {
      simdjson::dom::parser parser;
      simdjson::padded_string json(read_text_file(vocab_path));
      simdjson::dom::object obj = parser.parse(json);
      vocab.reserve(obj.size());
      for (auto [key, value] : obj)
        vocab.emplace_back(std::string(key), token_id_from_json(simdjson::minify(value), key));
    }

    TokenizerPipeline pipeline;
    bool qwen2 = config.tokenizer_class.find("Qwen2") != std::string::npos;
    pipeline.pretokenizer = pretokenizer.value_or(qwen2 ? PretokenizerKind::qwen2 : PretokenizerKind::gpt2);
    pipeline.nfc = pipeline.pretokenizer != PretokenizerKind::gpt2;

    BpeModel model(vocab, read_merges(merges_path));
    std::vector<AddedToken> added = std::move(config.added);
    bool has_eos = false;
    for (const AddedToken& t : added) has_eos = has_eos || t.content == "<|endoftext|>";
    if (!has_eos) {
      AddedToken eos;
      eos.content = "<|endoftext|>";
      int32_t id = model.token_to_id(eos.content);
      eos.id = id >= 0 ? id : int32_t(model.id_limit());
      for (const AddedToken& t : added) eos.id = std::max(eos.id, id >= 0 ? id : t.id + 1);
      added.push_back(eos);
    }
    return Tokenizer(std::move(model), AddedTokens(std::move(added)), pipeline);
  } catch (const std::exception& e) {
    throw std::runtime_error(vocab_path + ": " + e.what());
  }
}

}  // namespace mucpt
