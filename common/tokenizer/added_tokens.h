#pragma once
// Added tokens (<|endoftext|>, <|im_start|>, ...) are found in the text before
// normalisation and splitting, leftmost-longest as Hugging Face's added vocabulary
// does, and encode to their own id. Tokens marked `normalized` are looked for in the
// normalised text instead.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mucpt {

struct AddedToken {
  std::string content;
  int32_t id = -1;
  bool special = true;
  bool normalized = false;
  bool lstrip = false;       // also takes the whitespace on its left
  bool rstrip = false;       // also takes the whitespace on its right
  bool single_word = false;  // only matches between word boundaries
};

// A part of a text: plain text [begin, end), or one added token (id >= 0) whose
// match, with any stripped whitespace, spans [begin, end).
struct TextSegment {
  size_t begin, end;
  int32_t id;
};

class AddedTokens {
 public:
  AddedTokens() = default;
  explicit AddedTokens(std::vector<AddedToken> tokens);

  // Splits text on the tokens whose `normalized` flag equals `normalized`; special
  // tokens are skipped (left as text) unless allow_special.
  void split(std::string_view text, bool normalized, bool allow_special, std::vector<TextSegment>& out) const;
  bool has_normalized() const { return has_normalized_; }
  bool empty() const { return tokens_.empty(); }

  const std::vector<AddedToken>& tokens() const { return tokens_; }
  const AddedToken* find_id(int32_t id) const;
  const AddedToken* find_content(std::string_view content) const;

 private:
  struct Node {
    int32_t first_child = -1, next_sibling = -1;
    int32_t token = -1;  // index into tokens_ ending here
    unsigned char byte = 0;
  };
  int32_t child(int32_t node, unsigned char byte) const;
  int32_t add_child(int32_t node, unsigned char byte);
  // The longest token of the `normalized` kind starting at text[i] (index into
  // tokens_), or -1: Hugging Face's leftmost-longest match, before it asks whether the
  // token may stand there.
  int32_t longest_match(std::string_view text, size_t i, bool normalized, size_t& len) const;

  std::vector<AddedToken> tokens_;
  std::vector<Node> trie_;
  bool first_byte_[256] = {};
  bool has_normalized_ = false;
};

}  // namespace mucpt
