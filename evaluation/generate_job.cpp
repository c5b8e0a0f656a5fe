#include "evaluation/generate_job.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/declared_options.h"
#include "common/log.h"
#include "common/tokenizer/tokenizer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "evaluation/evaluate_job.h"
#include "evaluation/generation/decodable_ids.h"
#include "evaluation/generation/prompt_builder.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/compute_threads.h"
#include "training/device.h"
#include "training/model/greedy.h"

namespace mucpt {

namespace {

// The options only evaluate generate reads (it shares model, tokenizer, device, threads and max_new_tokens with evaluate).
struct GenerateOptions {
  std::string ids;
  std::string ids_file;
  bool cache = true;
  bool stop_at_eos = true;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("ids", ids, "generate: the prompt as token ids, comma separated");
    v("ids_file", ids_file,
      "generate: prompts as token ids, one a line (comma separated), decoded --gen_batch at a time (left-padded: each "
      "continues as it would alone); a line of new ids per prompt");
    v("cache", cache, "generate: keep the keys and values of earlier positions (false: recompute them)");
    v("stop_at_eos", stop_at_eos,
      "generate: stop after any of the model's end-of-sequence tokens (config.json, generation_config.json)");
  }
};

}  // namespace

void register_generate_options(Config& config) { register_options<GenerateOptions>(config); }

namespace {

std::vector<int64_t> parse_ids(const std::string& text) {
  std::vector<int64_t> ids;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    size_t used = 0;
    int64_t id = -1;
    try {
      id = std::stoll(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || id < 0) {
      const std::string shown = item.size() > 40 ? item.substr(0, 40) + "..." : item;  // a whole line at worst
      throw ConfigError("ids: '" + shown + "' is not a token id (ids are separated by commas)");
    }
    ids.push_back(id);
  }
  if (ids.empty()) throw ConfigError("ids: no token id given");
  return ids;
}

// The prompts of --ids_file; a line that is not ids is named by its number.
std::vector<std::vector<int64_t>> read_ids_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UserError("ids_file '" + path + "': cannot be opened");
  std::vector<std::vector<int64_t>> prompts;
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    try {
      prompts.push_back(parse_ids(line));
    } catch (const ConfigError& e) {
      throw UserError(path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  if (in.bad()) throw UserError("ids_file '" + path + "': read failed after line " + std::to_string(number));
  if (prompts.empty()) throw UserError("ids_file '" + path + "': no prompt in it");
  return prompts;
}

void check_in_vocabulary(const std::vector<int64_t>& ids, int64_t vocab_size) {
  for (int64_t id : ids)
    if (id >= vocab_size)
      throw UserError("prompt id " + std::to_string(id) + " is outside the model's vocabulary of " +
                      std::to_string(vocab_size));
}

std::string joined_ids(const std::vector<int64_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? " " : "") + std::to_string(ids[i]);
  return out;
}

// --ids_file: the prompts in batches of gen_batch, a line of new ids each, in order.
int generate_from_file(LlamaForCausalLM& model, const std::vector<std::vector<int64_t>>& prompts, size_t batch_size,
                       int max_new, const std::vector<int64_t>& stop) {
  size_t prompt_tokens = 0, new_tokens = 0;
  for (const auto& ids : prompts) {
    check_in_vocabulary(ids, model->config.vocab_size);
    prompt_tokens += ids.size();
  }
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::vector<int64_t>> generated;
  for (size_t first = 0; first < prompts.size(); first += batch_size) {
    const std::vector<std::vector<int64_t>> batch(
        prompts.begin() + static_cast<long>(first),
        prompts.begin() + static_cast<long>(std::min(prompts.size(), first + batch_size)));
    for (auto& ids : greedy_generate_batch(model, batch, max_new, stop)) {
      new_tokens += ids.size();
      generated.push_back(std::move(ids));
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  log_info("generate: ", prompts.size(), " prompts of ", prompt_tokens, " tokens, ", new_tokens, " new in ", seconds,
           " s (", static_cast<double>(new_tokens) / seconds, " tokens/s, gen_batch ", batch_size, ")");
  for (const auto& ids : generated) std::cout << joined_ids(ids) << "\n";
  if (!std::cout.flush()) throw IoError("generate: writing the new ids to standard output failed");
  return 0;
}

}  // namespace

int run_generate(const Config& config, const MpiContext& mpi) {
  const GenerateOptions options = read_options<GenerateOptions>(config);
  const EvaluateOptions shared = read_options<EvaluateOptions>(config);
  const std::string model_dir = shared.model;
  const std::string ids_text = options.ids;
  const std::string prompt = unescape_prompt(shared.prompt);
  const bool file_mode = !options.ids_file.empty();
  const bool text_mode = ids_text.empty() && !file_mode;
  if (model_dir.empty()) throw UserError("generate needs --model FOLDER");
  if (text_mode && prompt.find("{question}") != std::string::npos)
    throw UserError("generate needs --ids 1,2,3, --ids_file FILE or --prompt TEXT");
  if (file_mode && !ids_text.empty()) throw UserError("generate takes --ids or --ids_file, not both");
  if (file_mode && !options.cache)
    throw UserError("--ids_file decodes prompts together, with the cache: drop --cache=false");
  const int batch_size = decode_batch_size(shared);
  const torch::Device device = resolve_device(shared.device);
  if (mpi.rank() != 0) return 0;  // one sequence: one process
  configure_compute_threads(static_cast<int>(shared.threads));
  const std::vector<std::vector<int64_t>> file_prompts = file_mode ? read_ids_file(options.ids_file)
                                                                   : std::vector<std::vector<int64_t>>{};
  LlamaForCausalLM model = load_llama_for(model_dir, "model");
  model->to(device);
  model->eval();
  const int max_new = new_token_limit(shared);
  const std::vector<int64_t> stop = options.stop_at_eos ? model->config.eos_token_ids : std::vector<int64_t>{};
  if (file_mode) return generate_from_file(model, file_prompts, static_cast<size_t>(batch_size), max_new, stop);

  std::unique_ptr<Tokenizer> tokenizer;
  std::vector<int64_t> prompt_ids;
  if (text_mode) {
    std::string path = shared.tokenizer;
    if (path.empty()) path = model_dir + "/tokenizer.json";
    try {
      tokenizer = std::make_unique<Tokenizer>(load_tokenizer(path));
    } catch (const std::exception& e) {
      throw UserError("tokenizer '" + path + "': " + e.what());
    }
    for (int32_t id : tokenizer->encode(prompt)) prompt_ids.push_back(id);
  } else {
    prompt_ids = parse_ids(ids_text);
  }
  check_in_vocabulary(prompt_ids, model->config.vocab_size);

  const auto started = std::chrono::steady_clock::now();
  // Text is decoded at the end: only ids the tokenizer decodes may be chosen.
  torch::Tensor bias = tokenizer ? undecodable_bias(*tokenizer, model->config.vocab_size) : torch::Tensor();
  if (bias.defined()) bias = bias.to(device);
  const std::vector<int64_t> generated =
      greedy_generate(model, prompt_ids, max_new, stop, options.cache, bias);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  log_info("generate: ", prompt_ids.size(), " prompt tokens, ", generated.size(), " new in ", seconds, " s (",
           static_cast<double>(generated.size()) / seconds, " tokens/s, cache ",
           options.cache ? "on" : "off", ")");
  if (text_mode) {
    std::vector<int32_t> ids(generated.begin(), generated.end());
    std::cout << tokenizer->decode(ids) << std::endl;
  } else {
    std::cout << joined_ids(generated) << std::endl;
  }
  if (!std::cout) throw IoError("generate: writing the new ids to standard output failed");
  return 0;
}

}  // namespace mucpt
