// The byte-level BPE tokenizer on arbitrary bytes: decode(encode(x)) == x for any
// bytes when the pipeline does not normalise, and for NFC text when it does; pieces
// found in the cache give the same ids as when they were first encoded.
//
// The tokenizers are trained here on a fixed text, one per pre-tokenizer. A real one
// (a tokenizer.json or a vocab folder, as load_tokenizer reads them) is used instead
// when MUCPT_FUZZ_TOKENIZER names it.
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "common/tokenizer/bpe_trainer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "common/unicode.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

namespace {

const char* const kTrainingText =
    "The Beatles recorded Abbey Road in 1969 at EMI Studios, London. "
    "Miles Davis' Kind of Blue (1959) is the best-selling jazz record; it's modal. "
    "Beyoncé, Björk and Sigur Rós toured in 2003-2004 ... don't you'll we've I'm "
    "  indented\tline\r\n\n\nnumbers 123456789 0.5 1,000,000 #1 100% "
    "周杰伦 2001 年发行专辑《范特西》。 音乐 歌曲 歌手 "
    "ミュージック 음악 музыка موسيقى 🎵🎸 <|endoftext|> <|im_start|>user<|im_end|>";

std::vector<Tokenizer> trained() {
  std::vector<Tokenizer> out;
  for (auto [kind, nfc] : {std::pair{PretokenizerKind::gpt2, false}, std::pair{PretokenizerKind::qwen2, true},
                           std::pair{PretokenizerKind::llama3, false}}) {
    BpeTrainerOptions options;
    options.vocab_size = 600;
    options.pretokenizer = kind;
    options.nfc = nfc;
    options.special_tokens = {"<|endoftext|>", "<|im_start|>", "<|im_end|>"};
    BpeTrainer trainer(options);
    for (int i = 0; i < 4; ++i) trainer.add_text(kTrainingText);
    out.push_back(trainer.train());
  }
  return out;
}

std::vector<Tokenizer>& tokenizers() {
  static std::vector<Tokenizer> all = [] {
    const char* path = std::getenv("MUCPT_FUZZ_TOKENIZER");
    if (path && *path) return std::vector<Tokenizer>{load_tokenizer(path)};
    return trained();
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the tokenizer and whether special tokens are matched.
  auto& all = tokenizers();
  Tokenizer& tokenizer = all[data[0] % all.size()];
  const bool allow_special = data[0] & 0x80;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  const std::vector<int32_t> ids = tokenizer.encode(text, allow_special);
  if (tokenizer.encode(text, allow_special) != ids) fuzz::fail("cached pieces change the ids");
  const std::string decoded = tokenizer.decode(ids);

  bool round_trips = !tokenizer.pipeline().nfc;
  if (!round_trips && is_valid_utf8(text)) {
    std::string nfc;
    round_trips = nfc_normalize(text, nfc) && nfc == text;
  }
  if (round_trips && decoded != text) fuzz::fail("decode(encode(x)) != x");
  return 0;
}
