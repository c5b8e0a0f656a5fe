#include "common/tokenizer/tokenizer.h"

#include <stdexcept>

#include "common/hashing.h"
#include "common/unicode.h"

namespace mucpt {

struct Tokenizer::Shared {
  BpeModel model;
  AddedTokens added;
  TokenizerPipeline pipeline;
  std::vector<int32_t> added_index;  // by id: index into added.tokens(), or -1
  int32_t eos = -1;
};

Tokenizer::Tokenizer(BpeModel model, AddedTokens added, TokenizerPipeline pipeline) {
  auto shared = std::make_shared<Shared>();
  shared->model = std::move(model);
  shared->added = std::move(added);
  shared->pipeline = pipeline;
  size_t limit = shared->model.id_limit();
  for (const AddedToken& t : shared->added.tokens()) {
    if (t.id < 0) throw std::invalid_argument("added token \"" + t.content + "\" has no id");
    limit = std::max(limit, size_t(t.id) + 1);
  }
  shared->added_index.assign(limit, -1);
  const auto& tokens = shared->added.tokens();
  for (size_t i = 0; i < tokens.size(); ++i) shared->added_index[size_t(tokens[i].id)] = int32_t(i);
  for (const char* name : {"<|endoftext|>", "</s>", "<|end_of_text|>"}) {
    const AddedToken* t = shared->added.find_content(name);
    shared->eos = t ? t->id : shared->model.token_to_id(name);
    if (shared->eos >= 0) break;
  }
  shared_ = std::move(shared);
}

Tokenizer::Tokenizer(const Tokenizer& other) : shared_(other.shared_) {}

Tokenizer& Tokenizer::operator=(const Tokenizer& other) {
  if (this != &other) {
    shared_ = other.shared_;
    cache_.reset();
  }
  return *this;
}

Tokenizer::~Tokenizer() = default;

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool allow_special) {
  std::vector<int32_t> ids;
  encode(text, ids, allow_special);
  return ids;
}

void Tokenizer::encode(std::string_view text, std::vector<int32_t>& out, bool allow_special) {
  if (!cache_) cache_ = std::make_unique<PieceCache>();
  const AddedTokens& added = shared_->added;
  if (added.empty()) {
    encode_section(text, out);
    return;
  }
  segments_.clear();
  added.split(text, /*normalized=*/false, allow_special, segments_);
  for (const TextSegment& seg : segments_) {
    if (seg.id >= 0)
      out.push_back(seg.id);
    else
      encode_section(text.substr(seg.begin, seg.end - seg.begin), out);
  }
}

void Tokenizer::encode_section(std::string_view text, std::vector<int32_t>& out) {
  const Shared& d = *shared_;
  if (d.pipeline.nfc && !is_nfc_quick(text) && is_valid_utf8(text) && nfc_normalize(text, normalized_))
    text = normalized_;
  if (!d.added.has_normalized()) {
    encode_plain(text, out);
    return;
  }
  inner_segments_.clear();
  d.added.split(text, /*normalized=*/true, /*allow_special=*/true, inner_segments_);
  for (const TextSegment& seg : inner_segments_) {
    if (seg.id >= 0)
      out.push_back(seg.id);
    else
      encode_plain(text.substr(seg.begin, seg.end - seg.begin), out);
  }
}

void Tokenizer::encode_plain(std::string_view text, std::vector<int32_t>& out) {
  const Shared& d = *shared_;
  if (text.empty()) return;
  if (d.pipeline.add_prefix_space && text[0] != ' ') {
    prefixed_.assign(1, ' ');
    prefixed_.append(text);
    text = prefixed_;
  }
  ends_.clear();
  pretokenize(d.pipeline.pretokenizer, text, ends_);
  size_t start = 0;
  for (size_t end : ends_) {
    encode_piece(text.substr(start, end - start), out);
    start = end;
  }
}

void Tokenizer::encode_piece(std::string_view piece, std::vector<int32_t>& out) {
  if (piece.size() > PieceCache::kMaxKeyBytes) {
    shared_->model.encode_word(piece, out);
    return;
  }
  uint64_t hash = hash64(piece);
  const int32_t* ids;
  uint32_t count;
  if (cache_->find(piece, hash, ids, count)) {
    out.insert(out.end(), ids, ids + count);
    return;
  }
  size_t before = out.size();
  shared_->model.encode_word(piece, out);
  cache_->insert(piece, hash, out.data() + before, uint32_t(out.size() - before));
}

std::string Tokenizer::decode(const int32_t* ids, size_t n, bool skip_special) const {
  const Shared& d = *shared_;
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    int32_t id = ids[i];
    int32_t added = id >= 0 && size_t(id) < d.added_index.size() ? d.added_index[size_t(id)] : -1;
    if (added >= 0) {
      const AddedToken& t = d.added.tokens()[size_t(added)];
      if (!(skip_special && t.special)) text += t.content;
    } else if (d.model.has_id(id)) {
      text += d.model.token_bytes(id);
    } else {
      throw std::out_of_range("token id " + std::to_string(id) + " is not in the vocabulary");
    }
  }
  return text;
}

int32_t Tokenizer::token_to_id(std::string_view token) const {
  if (const AddedToken* t = shared_->added.find_content(token)) return t->id;
  return shared_->model.token_to_id(token);
}

std::string Tokenizer::id_to_token(int32_t id) const {
  const Shared& d = *shared_;
  if (id >= 0 && size_t(id) < d.added_index.size() && d.added_index[size_t(id)] >= 0)
    return d.added.tokens()[size_t(d.added_index[size_t(id)])].content;
  return d.model.has_id(id) ? d.model.token(id) : std::string();
}

bool Tokenizer::is_special(int32_t id) const {
  const Shared& d = *shared_;
  return id >= 0 && size_t(id) < d.added_index.size() && d.added_index[size_t(id)] >= 0 &&
         d.added.tokens()[size_t(d.added_index[size_t(id)])].special;
}

size_t Tokenizer::vocab_size() const { return shared_->added_index.size(); }
int32_t Tokenizer::eos_id() const { return shared_->eos; }
const BpeModel& Tokenizer::model() const { return shared_->model; }
const AddedTokens& Tokenizer::added_tokens() const { return shared_->added; }
const TokenizerPipeline& Tokenizer::pipeline() const { return shared_->pipeline; }

}  // namespace mucpt
