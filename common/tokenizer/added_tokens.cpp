#include "common/tokenizer/added_tokens.h"

#include "common/tokenizer/char_class.h"

namespace mucpt {

namespace {

bool is_space_at(std::string_view text, size_t i, size_t& len) {
  CharInfo ci = char_info(text.data() + i, text.size() - i);
  len = ci.len;
  return ci.cls == CharClass::space || ci.cls == CharClass::newline;
}

// Start of the character that ends at `end` (UTF-8 continuation bytes skipped).
size_t previous_char(std::string_view text, size_t end) {
  size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

bool is_word_char(std::string_view text, size_t i) {
  if (text[i] == '_') return true;
  CharClass c = char_info(text.data() + i, text.size() - i).cls;
  return c == CharClass::letter || c == CharClass::number;
}

}  // namespace

AddedTokens::AddedTokens(std::vector<AddedToken> tokens) : tokens_(std::move(tokens)) {
  trie_.emplace_back();
  for (size_t t = 0; t < tokens_.size(); ++t) {
    const std::string& content = tokens_[t].content;
    if (content.empty()) continue;
    int32_t node = 0;
    for (unsigned char b : content) {
      int32_t next = child(node, b);
      node = next >= 0 ? next : add_child(node, b);
    }
    trie_[size_t(node)].token = int32_t(t);  // a later duplicate wins
    first_byte_[static_cast<unsigned char>(content[0])] = true;
    if (tokens_[t].normalized) has_normalized_ = true;
  }
}

int32_t AddedTokens::child(int32_t node, unsigned char byte) const {
  for (int32_t c = trie_[size_t(node)].first_child; c >= 0; c = trie_[size_t(c)].next_sibling)
    if (trie_[size_t(c)].byte == byte) return c;
  return -1;
}

int32_t AddedTokens::add_child(int32_t node, unsigned char byte) {
  Node n;
  n.byte = byte;
  n.next_sibling = trie_[size_t(node)].first_child;
  trie_.push_back(n);
  int32_t id = int32_t(trie_.size() - 1);
  trie_[size_t(node)].first_child = id;
  return id;
}

int32_t AddedTokens::longest_match(std::string_view text, size_t i, bool normalized, bool allow_special,
                                   size_t& len) const {
  int32_t best = -1;
  int32_t node = 0;
  for (size_t j = i; j < text.size(); ++j) {
    node = child(node, static_cast<unsigned char>(text[j]));
    if (node < 0) break;
    int32_t t = trie_[size_t(node)].token;
    if (t < 0) continue;
    const AddedToken& token = tokens_[size_t(t)];
    if (token.normalized != normalized || (token.special && !allow_special)) continue;
    if (token.single_word &&
        ((i > 0 && is_word_char(text, previous_char(text, i))) || (j + 1 < text.size() && is_word_char(text, j + 1))))
      continue;
    best = t;
    len = j + 1 - i;
  }
  return best;
}

void AddedTokens::split(std::string_view text, bool normalized, bool allow_special,
                        std::vector<TextSegment>& out) const {
  size_t start = 0;  // of the pending plain text
  size_t i = 0;
  while (i < text.size()) {
    if (!first_byte_[static_cast<unsigned char>(text[i])]) {
      ++i;
      continue;
    }
    size_t len = 0;
    int32_t t = longest_match(text, i, normalized, allow_special, len);
    if (t < 0) {
      ++i;
      continue;
    }
    const AddedToken& token = tokens_[size_t(t)];
    size_t begin = i, end = i + len;
    if (token.lstrip)
      while (begin > start) {
        size_t p = previous_char(text, begin), l;
        if (!is_space_at(text, p, l)) break;
        begin = p;
      }
    if (token.rstrip) {
      size_t l;
      while (end < text.size() && is_space_at(text, end, l)) end += l;
    }
    if (begin > start) out.push_back({start, begin, -1});
    out.push_back({begin, end, token.id});
    start = i = end;
  }
  if (start < text.size()) out.push_back({start, text.size(), -1});
}

const AddedToken* AddedTokens::find_id(int32_t id) const {
  for (const AddedToken& t : tokens_)
    if (t.id == id) return &t;
  return nullptr;
}

const AddedToken* AddedTokens::find_content(std::string_view content) const {
  for (const AddedToken& t : tokens_)
    if (t.content == content) return &t;
  return nullptr;
}

}  // namespace mucpt
