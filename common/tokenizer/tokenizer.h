#pragma once
// A byte-level BPE tokenizer compatible with Hugging Face tokenizers: added tokens are
// found first, the rest is normalised (NFC when asked), split by the pre-tokenizer and
// each piece encoded by BPE (through a cache). decode(encode(x)) == x for any bytes
// (NFC text aside, which comes back normalised).
//
// The vocabulary is shared and immutable; each Tokenizer object has its own cache and
// scratch buffers, so copies are cheap and one copy per thread is the way to encode
// in parallel.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/tokenizer/added_tokens.h"
#include "common/tokenizer/bpe_model.h"
#include "common/tokenizer/piece_cache.h"
#include "common/tokenizer/pretokenizer.h"

namespace mucpt {

struct TokenizerPipeline {
  bool nfc = false;
  PretokenizerKind pretokenizer = PretokenizerKind::gpt2;
  bool add_prefix_space = false;  // ByteLevel's option: a space before each text part
};

class Tokenizer {
 public:
  Tokenizer(BpeModel model, AddedTokens added, TokenizerPipeline pipeline);
  Tokenizer(const Tokenizer& other);
  Tokenizer& operator=(const Tokenizer& other);
  Tokenizer(Tokenizer&&) noexcept = default;
  Tokenizer& operator=(Tokenizer&&) noexcept = default;
  ~Tokenizer();

  // Appends the ids of text; no BOS/EOS is added. Added tokens written in the text
  // are matched; special ones only when allow_special (otherwise their text is
  // encoded as ordinary text, the safe choice for corpus documents).
  void encode(std::string_view text, std::vector<int32_t>& out, bool allow_special = true);
  std::vector<int32_t> encode(std::string_view text, bool allow_special = true);

  // The bytes the ids stand for. Throws std::out_of_range on an unknown id. The result
  // may hold partial UTF-8 when the ids cut a character; see utf8_lossy().
  std::string decode(const int32_t* ids, size_t n, bool skip_special = false) const;
  std::string decode(const std::vector<int32_t>& ids, bool skip_special = false) const {
    return decode(ids.data(), ids.size(), skip_special);
  }

  // An added token's content or a vocabulary token's byte-level spelling; -1 if none.
  int32_t token_to_id(std::string_view token) const;
  std::string id_to_token(int32_t id) const;  // "" for an unknown id
  bool is_special(int32_t id) const;
  // One past the largest id (the embedding rows a model needs).
  size_t vocab_size() const;
  // The document separator for packing: <|endoftext|>, else </s> or <|end_of_text|>;
  // -1 when the vocabulary has none of them.
  int32_t eos_id() const;

  const BpeModel& model() const;
  const AddedTokens& added_tokens() const;
  const TokenizerPipeline& pipeline() const;

 private:
  struct Shared;
  void encode_section(std::string_view text, std::vector<int32_t>& out);
  void encode_plain(std::string_view text, std::vector<int32_t>& out);
  void encode_piece(std::string_view piece, std::vector<int32_t>& out);

  std::shared_ptr<const Shared> shared_;
  std::unique_ptr<PieceCache> cache_;  // made on first use
  std::vector<TextSegment> segments_, inner_segments_;
  std::vector<size_t> ends_;
  std::string normalized_, prefixed_;
};

}  // namespace mucpt
