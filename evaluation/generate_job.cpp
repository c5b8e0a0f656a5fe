#include "evaluation/generate_job.h"

#include <chrono>
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
  bool cache = true;
  bool stop_at_eos = true;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("ids", ids, "generate: the prompt as token ids, comma separated");
    v("cache", cache, "generate: keep the keys and values of earlier positions (false: recompute them)");
    v("stop_at_eos", stop_at_eos, "generate: stop after the model's end-of-sequence token");
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
    if (used == 0 || used != item.size() || id < 0) throw ConfigError("ids: '" + item + "' is not a token id");
    ids.push_back(id);
  }
  if (ids.empty()) throw ConfigError("ids: no token id given");
  return ids;
}

}  // namespace

int run_generate(const Config& config, const MpiContext& mpi) {
  const GenerateOptions options = read_options<GenerateOptions>(config);
  const EvaluateOptions shared = read_options<EvaluateOptions>(config);
  const std::string model_dir = shared.model;
  const std::string ids_text = options.ids;
  const std::string prompt = unescape_prompt(shared.prompt);
  const bool text_mode = ids_text.empty();
  if (model_dir.empty()) throw UserError("generate needs --model FOLDER");
  if (text_mode && prompt.find("{question}") != std::string::npos)
    throw UserError("generate needs --ids 1,2,3 or --prompt TEXT");
  const torch::Device device = resolve_device(shared.device);
  if (mpi.rank() != 0) return 0;  // one sequence: one process
  configure_compute_threads(static_cast<int>(shared.threads));
  LlamaForCausalLM model = load_llama_for(model_dir, "model");
  model->to(device);
  model->eval();

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
  for (int64_t id : prompt_ids)
    if (id >= model->config.vocab_size)
      throw UserError("prompt id " + std::to_string(id) + " is outside the model's vocabulary of " +
                      std::to_string(model->config.vocab_size));

  const int max_new = new_token_limit(shared);
  const int64_t stop = options.stop_at_eos ? model->config.eos_token_id : -1;
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
    for (size_t i = 0; i < generated.size(); ++i) std::cout << (i ? " " : "") << generated[i];
    std::cout << std::endl;
  }
  return 0;
}

}  // namespace mucpt
