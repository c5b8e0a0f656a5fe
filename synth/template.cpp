#include "synth/template.h"

#include <cctype>
#include <stdexcept>

#include "synth/vocabulary.h"

namespace mucpt::synth {

void Vars::set(std::string_view key, std::string value) {
  for (auto& kv : items_) {
    if (kv.first == key) {
      kv.second = std::move(value);
      return;
    }
  }
  items_.emplace_back(key, std::move(value));
}

const std::string* Vars::find(std::string_view key) const {
  for (const auto& kv : items_)
    if (kv.first == key) return &kv.second;
  return parent_ ? parent_->find(key) : nullptr;
}

namespace {

// Whether a word starts with a vowel sound ("a euphoric", "a unique" do not).
bool starts_with_vowel(std::string_view s) {
  if (s.empty() || std::string_view("aeiouAEIOU").find(s[0]) == std::string_view::npos) return false;
  std::string head;
  for (size_t i = 0; i < s.size() && i < 3; ++i) head += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  return head.rfind("eu", 0) != 0 && head.rfind("uni", 0) != 0 && head.rfind("use", 0) != 0 && head.rfind("usu", 0) != 0;
}

// "a" before a slot whose value starts with a vowel becomes "an".
void fix_article(std::string& out, std::string_view value) {
  if (!starts_with_vowel(value) || out.size() < 2 || out.back() != ' ') return;
  const char a = out[out.size() - 2];
  if (a != 'a' && a != 'A') return;
  if (out.size() > 2 && out[out.size() - 3] != ' ' && out[out.size() - 3] != '\n') return;
  out.insert(out.size() - 1, "n");
}

}  // namespace

void expand(std::string& out, std::string_view tmpl, const Vars& vars, Rng& rng) {
  // Free words drawn in this sentence, so one list does not give the same word twice
  // ("hope and hope").
  std::string_view drawn[8];
  size_t n_drawn = 0;
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) {
      out.append(tmpl.substr(i));
      return;
    }
    out.append(tmpl.substr(i, open - i));
    size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) throw std::logic_error("unclosed slot in template");
    std::string_view key = tmpl.substr(open + 1, close - open - 1);
    bool capitalise = !key.empty() && key[0] == '^';
    if (capitalise) key.remove_prefix(1);
    std::string_view value;
    if (const std::string* v = vars.find(key)) {
      value = *v;
    } else {
      const auto& words = vocabulary(key);
      for (int attempt = 0; attempt < 4; ++attempt) {
        value = words[rng.below(words.size())];
        bool repeated = false;
        for (size_t k = 0; k < n_drawn; ++k) repeated |= drawn[k] == value;
        if (!repeated) break;
      }
      if (n_drawn < 8) drawn[n_drawn++] = value;
    }
    fix_article(out, value);
    const size_t start = out.size();
    out.append(value);
    if (capitalise && start < out.size())
      out[start] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[start])));
    i = close + 1;
  }
}

bool uses_slot(std::string_view tmpl, std::string_view name) {
  for (size_t open = tmpl.find('{'); open != std::string_view::npos; open = tmpl.find('{', open + 1)) {
    std::string_view rest = tmpl.substr(open + 1);
    if (!rest.empty() && rest[0] == '^') rest.remove_prefix(1);
    if (rest.size() > name.size() && rest.substr(0, name.size()) == name && rest[name.size()] == '}') return true;
  }
  return false;
}

}  // namespace mucpt::synth
