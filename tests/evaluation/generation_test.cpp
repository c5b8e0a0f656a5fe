// Prompts and answers for `evaluate --model`: stop strings cut the answer; few-shot
// examples are drawn deterministically and never include the item; the chat templates of
// real models render as Hugging Face's apply_chat_template does for one user message
// with the generation prompt, and other templates are refused by name.
#include "tests/torch_catch.h"  // first: see there

#include <fstream>
#include <set>

#include "common/config.h"
#include "common/benchmark/benchmark.h"
#include "evaluation/generation/chat_template.h"
#include "evaluation/generation/fewshot.h"
#include "evaluation/generation/prompt_builder.h"
#include "evaluation/generation/stop_strings.h"
#include "tests/test_support.h"

using namespace mucpt;

TEST_CASE("stop strings as --stop gives them: comma separated, with escapes") {
  CHECK(parse_stop_strings("\\n") == std::vector<std::string>{"\n"});
  CHECK(parse_stop_strings("\\n\\n,Question:,a\\,b,x\\\\y") ==
        std::vector<std::string>{"\n\n", "Question:", "a,b", "x\\y"});
  CHECK(parse_stop_strings("").empty());
  CHECK_THROWS_AS(parse_stop_strings("\\q"), ConfigError);
  CHECK_THROWS_WITH(parse_stop_strings("a,,b"), Catch::Contains("empty stop string") && Catch::Contains("'a,,b'"));
}

TEST_CASE("the answer ends before the first stop string after its leading whitespace") {
  const std::vector<std::string> stops{"\n", "Question:"};
  CHECK(answer_before_stop(" Paris\nQuestion: what", stops) == "Paris");
  CHECK(answer_before_stop("\n\n  The Beatles Question: who", stops) == "The Beatles");
  CHECK(stop_position("\n Abbey Road", stops) == std::string::npos);  // leading line breaks do not stop
  CHECK(stop_position(" Abbey Road\n", stops) == 11);
  CHECK(answer_before_stop(" \n ", stops).empty());
  CHECK(answer_before_stop(" two\nlines", {}) == "two\nlines");  // no stop string: the whole text
}

namespace {

BenchmarkItem qa_item(const std::string& id, const std::string& question, const std::string& answer) {
  BenchmarkItem item;
  item.id = id;
  item.question = question;
  item.answer = answer;
  return item;
}

std::vector<BenchmarkItem> numbered_items(int n) {
  std::vector<BenchmarkItem> items;
  for (int i = 0; i < n; ++i)
    items.push_back(qa_item("q" + std::to_string(i), "Question " + std::to_string(i) + "?", "Answer " + std::to_string(i)));
  return items;
}

std::vector<std::string> ids_of(const std::vector<const BenchmarkItem*>& shots) {
  std::vector<std::string> ids;
  for (const auto* s : shots) ids.push_back(s->id);
  return ids;
}

}  // namespace

TEST_CASE("few-shot examples: never the item itself, the same for the same seed, whatever the pool's order") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const auto items = load_benchmark(data + "/qa/simple_qa_test_set.csv", "Music");
  REQUIRE(items.size() == 341);
  std::set<std::vector<std::string>> distinct;
  for (const auto& item : items) {
    const auto shots = draw_fewshot_examples(item, items, 5, 1234);
    REQUIRE(shots.size() == 5);
    const auto ids = ids_of(shots);
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 5);
    for (const auto* shot : shots) {
      CHECK(shot->id != item.id);
      CHECK(shot->question != item.question);
    }
    CHECK(ids_of(draw_fewshot_examples(item, items, 5, 1234)) == ids);
    distinct.insert(ids);
  }
  CHECK(distinct.size() > 300);  // each item its own draw, not one fixed set
  std::vector<BenchmarkItem> reversed(items.rbegin(), items.rend());
  CHECK(ids_of(draw_fewshot_examples(items[7], reversed, 5, 1234)) == ids_of(draw_fewshot_examples(items[7], items, 5, 1234)));
  size_t changed = 0;
  for (size_t k = 0; k < 20; ++k)
    changed += ids_of(draw_fewshot_examples(items[k], items, 5, 1)) != ids_of(draw_fewshot_examples(items[k], items, 5, 2));
  CHECK(changed >= 18);

  SECTION("an item of a separate pool with the same question is not its own example") {
    auto pool = numbered_items(3);
    const BenchmarkItem item = qa_item("other-id", pool[1].question, pool[1].answer);
    const auto ids = ids_of(draw_fewshot_examples(item, pool, 2, 9));
    CHECK(std::set<std::string>(ids.begin(), ids.end()) == std::set<std::string>{"q0", "q2"});
    CHECK_THROWS_WITH(draw_fewshot_examples(item, pool, 3, 9),
                      Catch::Contains("3 examples asked for item 'other-id'") && Catch::Contains("has 2 other items"));
  }
}

TEST_CASE("a few-shot prompt: each example through the template with its gold answer, then the question") {
  const auto pool = numbered_items(10);
  const PromptBuilder builder("Q: {question}\nA:", pool, 2, 77);
  const auto shots = draw_fewshot_examples(pool[4], pool, 2, 77);
  const std::string expected = "Q: " + shots[0]->question + "\nA: " + shots[0]->answer + "\n\n" + "Q: " +
                               shots[1]->question + "\nA: " + shots[1]->answer + "\n\nQ: Question 4?\nA:";
  CHECK(builder.prompt_for(pool[4]) == expected);
  CHECK(PromptBuilder("Q: {question}\nA:").prompt_for(pool[4]) == "Q: Question 4?\nA:");
  // A template that ends in whitespace gets no second space before the answer.
  CHECK(PromptBuilder("{question}\n", pool, 1, 77).prompt_for(pool[4]) ==
        draw_fewshot_examples(pool[4], pool, 1, 77)[0]->question + "\n" +
            draw_fewshot_examples(pool[4], pool, 1, 77)[0]->answer + "\n\nQuestion 4?\n");
}

TEST_CASE("prompt templates read the escapes of --stop, and one without its {question} slot is refused") {
  CHECK(unescape_prompt("Question: {question}\\nAnswer:") == "Question: {question}\nAnswer:");
  CHECK(unescape_prompt("a\\tb\\\\n") == "a\tb\\n");
  CHECK(unescape_prompt("Question: {question}\nAnswer:") == "Question: {question}\nAnswer:");  // the default
  CHECK_THROWS_WITH(unescape_prompt("C:\\dir"), Catch::Contains("prompt: unknown escape in 'C:\\dir'"));
  CHECK_THROWS_WITH(unescape_prompt("trailing \\"), Catch::Contains("prompt: unknown escape"));
  CHECK_THROWS_WITH(PromptBuilder("Question: {Question}\nAnswer:"),
                    Catch::Contains("prompt: the template 'Question: {Question}\nAnswer:' has no {question} slot"));
}

TEST_CASE("Qwen2's chat template from its tokenizer_config.json: default system message, user turn, assistant prompt") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  // The template sets system_message = 'You are a helpful assistant.', writes
  // '<|im_start|>system\n' + system_message + '<|im_end|>\n', and for a user message
  // '<|im_start|>user\n' + content + '<|im_end|>\n<|im_start|>assistant\n'.
  const auto chat = ChatTemplate::from_tokenizer_config(data + "/tokenizers/qwen2/tokenizer_config.json");
  CHECK(chat.family() == "ChatML");
  CHECK(chat.user_turn("Who wrote Help!?") ==
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
        "<|im_start|>user\nWho wrote Help!?<|im_end|>\n<|im_start|>assistant\n");
  const PromptBuilder builder("Question: {question}\nAnswer:", {}, 0, 0, chat);
  CHECK(builder.prompt_for(qa_item("1", "Who wrote Help!?", "Lennon")) ==
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
        "<|im_start|>user\nQuestion: Who wrote Help!?\nAnswer:<|im_end|>\n<|im_start|>assistant\n");
}

TEST_CASE("other chat templates: Qwen2.5 and Qwen3 ChatML, Llama 3 and 3.1, and the rest refused by name") {
  SECTION("Qwen2.5: the default system message is a whole literal, with \\n escapes") {
    const std::string qwen25 =
        "{%- if messages[0]['role'] == 'system' %}\n"
        "    {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\n"
        "{%- else %}\n"
        "    {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}\n"
        "{%- endif %}\n"
        "{%- for message in messages %}\n"
        "    {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n"
        "{%- endfor %}\n"
        "{%- if add_generation_prompt %}\n    {{- '<|im_start|>assistant\\n' }}\n{%- endif %}\n";
    CHECK(ChatTemplate(qwen25, "", "qwen2.5").user_turn(" Hi\n") ==
          "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
          "<|im_start|>user\n Hi\n<|im_end|>\n<|im_start|>assistant\n");
  }
  SECTION("ChatML with no default system message (Qwen3's kind)") {
    const std::string chatml =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + "
        "'\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    CHECK(ChatTemplate(chatml, "", "chatml").user_turn("Hi") == "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  }
  SECTION("Llama 3: bos_token, the user turn with its content trimmed, the assistant header") {
    const std::string llama3 =
        "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + "
        "message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 "
        "%}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ "
        "'<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";
    const ChatTemplate chat(llama3, "<|begin_of_text|>", "llama3");
    CHECK(chat.family() == "Llama 3");
    CHECK(chat.user_turn("  Who wrote Help!?\n") ==
          "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWho wrote Help!?<|eot_id|>"
          "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }
  SECTION("Llama 3.1: the system header with the knowledge date and the template's date_string") {
    const std::string llama31 =
        "{{- bos_token }}\n{%- if not date_string is defined %}\n    {%- set date_string = \"26 Jul 2024\" %}\n"
        "{%- endif %}\n{%- if messages[0]['role'] == 'system' %}\n"
        "    {%- set system_message = messages[0]['content']|trim %}\n    {%- set messages = messages[1:] %}\n"
        "{%- else %}\n    {%- set system_message = \"\" %}\n{%- endif %}\n"
        "{{- \"<|start_header_id|>system<|end_header_id|>\\n\\n\" }}\n"
        "{{- \"Cutting Knowledge Date: December 2023\\n\" }}\n{{- \"Today Date: \" + date_string + \"\\n\\n\" }}\n"
        "{{- system_message }}\n{{- \"<|eot_id|>\" }}\n{%- for message in messages %}\n"
        "    {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + "
        "'<|eot_id|>' }}\n{%- endfor %}\n{%- if add_generation_prompt %}\n"
        "    {{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}\n{%- endif %}\n";
    CHECK(ChatTemplate(llama31, "<|begin_of_text|>", "llama3.1").user_turn("Hi") ==
          "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\n"
          "Today Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
          "<|start_header_id|>assistant<|end_header_id|>\n\n");
  }
  SECTION("a Gemma template is refused with its source named") {
    const std::string gemma =
        "{{ bos_token }}{% for message in messages %}{{ '<start_of_turn>' + message['role'] + '\\n' + "
        "message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}";
    CHECK_THROWS_WITH(ChatTemplate(gemma, "<bos>", "gemma/tokenizer_config.json"),
                      Catch::Contains("gemma/tokenizer_config.json") && Catch::Contains("ChatML") &&
                          Catch::Contains("Llama 3"));
  }
  SECTION("a tokenizer_config.json without a chat_template") {
    const std::string path = testing::scratch_dir("chat_template") + "/tokenizer_config.json";
    std::ofstream(path) << "{\"eos_token\": \"</s>\"}";
    CHECK_THROWS_WITH(ChatTemplate::from_tokenizer_config(path), Catch::Contains(path + ": no chat_template"));
  }
}
