#include "common/tokenizer/added_tokens.h"

#include <utf8proc.h>

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

// A character of Rust regex's Unicode \w, which Hugging Face's single_word tokens are
// bounded by: letters, combining marks, decimal digits, connector punctuation and the
// joiners ZWJ and ZWNJ (letter-like numbers too; not superscripts or fractions).
bool is_word_char(std::string_view text, size_t i) {
  utf8proc_int32_t cp = -1;
  if (utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                       static_cast<utf8proc_ssize_t>(text.size() - i), &cp) < 0)
    return false;
  if (cp == 0x200C || cp == 0x200D) return true;
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_PC:
      return true;
    default:
      return false;
  }
}

// Whether a single_word token may stand at [begin, end): no word character touches it.
bool stands_alone(std::string_view text, size_t begin, size_t end) {
  return !(begin > 0 && is_word_char(text, previous_char(text, begin))) &&
         !(end < text.size() && is_word_char(text, end));
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

int32_t AddedTokens::longest_match(std::string_view text, size_t i, bool normalized, size_t& len) const {
  int32_t best = -1;
  int32_t node = 0;
  for (size_t j = i; j < text.size(); ++j) {
    node = child(node, static_cast<unsigned char>(text[j]));
    if (node < 0) break;
    int32_t t = trie_[size_t(node)].token;
    if (t < 0 || tokens_[size_t(t)].normalized != normalized) continue;
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
    int32_t t = longest_match(text, i, normalized, len);
    if (t < 0) {
      ++i;
      continue;
    }
    const AddedToken& token = tokens_[size_t(t)];
    // A match the token may not take (a special token encoded as text, a single_word
    // token inside a word) stays plain text, and the search goes on after it, as
    // Hugging Face's leftmost-longest matcher goes on.
    if ((token.special && !allow_special) || (token.single_word && !stands_alone(text, i, i + len))) {
      i += len;
      continue;
    }
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
