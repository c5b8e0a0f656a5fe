#pragma once
// A model's chat template (tokenizer_config.json's `chat_template`, Jinja in Hugging Face)
// rendered for one user message with the generation prompt, as
// apply_chat_template([{"role": "user", "content": ...}], add_generation_prompt=True)
// gives it. No Jinja engine for C++ is packaged in Debian, so the common families are
// recognised by their markers and rendered natively, their default system message read
// from the template's own text:
//   ChatML (`<|im_start|>`: Qwen 1.5/2/2.5/3, SmolLM ...): the default system message
//     (`set system_message = '...'` or a whole '<|im_start|>system\n...<|im_end|>\n'
//     literal) if the template has one, then the user turn and '<|im_start|>assistant\n';
//   Llama 3 (`<|start_header_id|>`): bos_token, the 3.1 "Cutting Knowledge Date" system
//     header when the template writes one, the user turn with its content trimmed, and
//     the assistant header.
// Any other template is refused by name.
#include <string>

namespace mucpt {

class ChatTemplate {
 public:
  // template_text: the Jinja source; bos_token: the tokenizer's; source names where the
  // template comes from, for messages. Throws UserError for a family not rendered here.
  ChatTemplate(const std::string& template_text, const std::string& bos_token, const std::string& source);
  // From a model folder's tokenizer_config.json; throws UserError naming the file when it
  // is missing, unreadable or has no chat_template.
  static ChatTemplate from_tokenizer_config(const std::string& path);

  const std::string& family() const { return family_; }
  std::string user_turn(const std::string& content) const;

 private:
  std::string family_;
  std::string prefix_, user_open_, user_close_;  // prefix_ user_open_ content user_close_
  bool trim_content_ = false;
};

}  // namespace mucpt
