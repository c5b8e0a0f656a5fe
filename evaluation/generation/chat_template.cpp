#include "evaluation/generation/chat_template.h"

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/config.h"

namespace mucpt {

namespace {

constexpr const char* kWhitespace = " \t\n\r\f\v";

// A Jinja tag's text ({{ ... }} or {% ... %}) and the string literals in it, unescaped.
struct Tag {
  std::string text;
  std::vector<std::string> literals;
};

// Reads the string literal opening at text[at] (a quote); at ends past its closing quote.
std::string read_literal(const std::string& text, size_t& at) {
  const char quote = text[at++];
  std::string value;
  while (at < text.size() && text[at] != quote) {
    char c = text[at++];
    if (c == '\\' && at < text.size()) {
      c = text[at++];
      if (c == 'n') c = '\n';
      else if (c == 't') c = '\t';
      else if (c == 'r') c = '\r';
    }
    value += c;
  }
  ++at;
  return value;
}

std::vector<Tag> jinja_tags(const std::string& text) {
  std::vector<Tag> tags;
  for (size_t at = 0; (at = text.find('{', at)) != std::string::npos;) {
    if (at + 1 >= text.size() || (text[at + 1] != '{' && text[at + 1] != '%')) {
      ++at;
      continue;
    }
    const char close = text[at + 1] == '{' ? '}' : '%';
    Tag tag;
    for (at += 2; at + 1 < text.size() && !(text[at] == close && text[at + 1] == '}');) {
      if (text[at] == '\'' || text[at] == '"') {
        tag.text += '"';  // literals stand as "" in the tag's text
        tag.literals.push_back(read_literal(text, at));
        tag.text += '"';
      } else {
        tag.text += text[at++];
      }
    }
    tags.push_back(tag);
    at += 2;
  }
  return tags;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The tag's statement without Jinja's whitespace control and spaces: "set x = ...".
std::string statement(const Tag& tag) {
  const size_t begin = tag.text.find_first_not_of(std::string(kWhitespace) + "-");
  if (begin == std::string::npos) return "";
  std::string s;
  for (char c : tag.text.substr(begin)) if (c != ' ') s += c;
  return s;
}

// The literal value a `set name = '...'` statement gives, or "" with found false.
std::string set_literal(const std::vector<Tag>& tags, const std::string& name, bool& found) {
  for (const auto& tag : tags)
    if (statement(tag) == "set" + name + "=\"\"" || statement(tag) == "set" + name + "=\"\"-") {
      found = true;
      return tag.literals.at(0);
    }
  found = false;
  return "";
}

std::string chatml_system_block(const std::vector<Tag>& tags) {
  const std::string open = "<|im_start|>system\n", close = "<|im_end|>\n";
  bool found = false;
  const std::string system_message = set_literal(tags, "system_message", found);
  if (found) return open + system_message + close;
  for (const auto& tag : tags)
    for (const auto& literal : tag.literals)
      if (literal.size() > open.size() + close.size() && starts_with(literal, open) && ends_with(literal, close))
        return literal;
  return "";
}

std::string llama3_system_block(const std::string& text, const std::vector<Tag>& tags) {
  std::string knowledge;
  for (const auto& tag : tags)
    for (const auto& literal : tag.literals)
      if (starts_with(literal, "Cutting Knowledge Date:")) knowledge = literal;
  if (knowledge.empty()) return "";
  std::string date;
  if (text.find("strftime_now") != std::string::npos) {
    // Hugging Face renders strftime_now("%d %b %Y") with the current date.
    char buffer[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(buffer, sizeof buffer, "%d %b %Y", std::localtime(&now));
    date = buffer;
  } else {
    bool found = false;
    date = set_literal(tags, "date_string", found);
  }
  return "<|start_header_id|>system<|end_header_id|>\n\n" + knowledge + "Today Date: " + date + "\n\n<|eot_id|>";
}

}  // namespace

ChatTemplate::ChatTemplate(const std::string& text, const std::string& bos_token, const std::string& source) {
  const auto tags = jinja_tags(text);
  if (text.find("<|im_start|>") != std::string::npos) {
    family_ = "ChatML";
    prefix_ = chatml_system_block(tags);
    user_open_ = "<|im_start|>user\n";
    user_close_ = "<|im_end|>\n<|im_start|>assistant\n";
  } else if (text.find("<|start_header_id|>") != std::string::npos) {
    family_ = "Llama 3";
    prefix_ = (text.find("bos_token") != std::string::npos ? bos_token : "") + llama3_system_block(text, tags);
    user_open_ = "<|start_header_id|>user<|end_header_id|>\n\n";
    user_close_ = "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
    trim_content_ = true;
  } else {
    throw UserError(source + ": the chat_template is of a family --chat does not render (known: ChatML with "
                             "<|im_start|>, as Qwen's; Llama 3 with <|start_header_id|>)");
  }
}

ChatTemplate ChatTemplate::from_tokenizer_config(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UserError(path + ": cannot read (--chat needs the model folder's tokenizer_config.json)");
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw UserError(path + ": not JSON: " + e.what());
  }
  const auto found = config.find("chat_template");
  if (found == config.end() || !found->is_string())
    throw UserError(path + ": no chat_template string (--chat needs one)");
  std::string bos;
  if (const auto b = config.find("bos_token"); b != config.end()) {
    if (b->is_string()) bos = *b;
    else if (b->is_object() && b->contains("content") && (*b)["content"].is_string()) bos = (*b)["content"];
  }
  return ChatTemplate(*found, bos, path);
}

std::string ChatTemplate::user_turn(const std::string& content) const {
  std::string body = content;
  if (trim_content_) {
    const size_t begin = body.find_first_not_of(kWhitespace);
    body = begin == std::string::npos ? "" : body.substr(begin, body.find_last_not_of(kWhitespace) + 1 - begin);
  }
  return prefix_ + user_open_ + body + user_close_;
}

}  // namespace mucpt
