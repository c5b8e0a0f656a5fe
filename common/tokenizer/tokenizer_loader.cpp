#include "common/tokenizer/tokenizer_loader.h"

#include <filesystem>
#include <stdexcept>

#include "common/line_reader.h"

namespace fs = std::filesystem;

namespace mucpt {

std::string read_text_file(const std::string& path) {
  if (!fs::is_regular_file(path)) throw std::runtime_error(path + ": no such file");
  std::string text;
  LineReader reader(path);
  std::string_view line;
  while (reader.next(line)) {
    text.append(line.data(), line.size());
    text += '\n';
  }
  return text;
}

Tokenizer load_tokenizer(const std::string& path) {
  if (!fs::is_directory(path)) return load_tokenizer_json(path);
  fs::path dir(path);
  for (const char* name : {"tokenizer.json", "tokenizer.json.gz", "tokenizer.json.zst"})
    if (fs::is_regular_file(dir / name)) return load_tokenizer_json((dir / name).string());
  if (fs::is_regular_file(dir / "vocab.json") && fs::is_regular_file(dir / "merges.txt")) {
    fs::path config = dir / "tokenizer_config.json";
    return load_vocab_and_merges((dir / "vocab.json").string(), (dir / "merges.txt").string(),
                                 fs::is_regular_file(config) ? config.string() : "");
  }
  if (fs::is_regular_file(dir / "encoder.json") && fs::is_regular_file(dir / "vocab.bpe"))
    return load_vocab_and_merges((dir / "encoder.json").string(), (dir / "vocab.bpe").string(), "",
                                 PretokenizerKind::gpt2);
  throw std::runtime_error(path +
                           ": no tokenizer.json, vocab.json + merges.txt or encoder.json + vocab.bpe in this folder");
}

Tokenizer load_tokenizer_json(const std::string& path) {
  try {
    return parse_tokenizer_json(read_text_file(path));
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace mucpt
