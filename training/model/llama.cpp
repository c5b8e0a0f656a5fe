#include "training/model/llama.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace mucpt {

namespace {

torch::nn::Linear linear(int64_t in, int64_t out, bool bias) {
  return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(bias));
}

// HF's rotate_half: (x1, x2) -> (-x2, x1) over the two halves of the head dimension.
torch::Tensor rotate_half(const torch::Tensor& x) {
  auto halves = x.chunk(2, -1);
  return torch::cat({-halves[1], halves[0]}, -1);
}

}  // namespace

RMSNormImpl::RMSNormImpl(int64_t dim, double eps_) : eps(eps_) {
  weight = register_parameter("weight", torch::ones({dim}));
}

torch::Tensor RMSNormImpl::forward(const torch::Tensor& x) {
  auto x32 = x.to(torch::kFloat32);
  auto normed = x32 * torch::rsqrt(x32.pow(2).mean(-1, true) + eps);
  return weight * normed.to(x.scalar_type());
}

LlamaAttentionImpl::LlamaAttentionImpl(const LlamaConfig& c)
    : heads(c.num_attention_heads), kv_heads(c.num_key_value_heads), head_dim(c.head_dim()) {
  q_proj = register_module("q_proj", linear(c.hidden_size, heads * head_dim, c.qkv_bias()));
  k_proj = register_module("k_proj", linear(c.hidden_size, kv_heads * head_dim, c.qkv_bias()));
  v_proj = register_module("v_proj", linear(c.hidden_size, kv_heads * head_dim, c.qkv_bias()));
  o_proj = register_module("o_proj", linear(heads * head_dim, c.hidden_size, c.o_bias()));
}

torch::Tensor LlamaAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                         KvCache* cache, size_t layer) {
  const int64_t B = x.size(0), T = x.size(1);
  auto q = q_proj(x).view({B, T, heads, head_dim}).transpose(1, 2);  // [B, H, T, D]
  auto k = k_proj(x).view({B, T, kv_heads, head_dim}).transpose(1, 2);
  auto v = v_proj(x).view({B, T, kv_heads, head_dim}).transpose(1, 2);
  q = q * cos + rotate_half(q) * sin;
  k = k * cos + rotate_half(k) * sin;
  int64_t past = 0;
  if (cache) {
    if (cache->keys.size() <= layer) {
      cache->keys.resize(layer + 1);
      cache->values.resize(layer + 1);
    }
    torch::Tensor& ck = cache->keys[layer];
    torch::Tensor& cv = cache->values[layer];
    past = ck.defined() ? ck.size(2) : 0;
    ck = ck.defined() ? torch::cat({ck, k}, 2) : k;
    cv = cv.defined() ? torch::cat({cv, v}, 2) : v;
    k = ck;
    v = cv;
  }
  if (kv_heads != heads) {  // each key/value head serves heads / kv_heads query heads in a row
    k = k.repeat_interleave(heads / kv_heads, 1);
    v = v.repeat_interleave(heads / kv_heads, 1);
  }
  auto scores = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(head_dim));
  // Query i (position past + i) sees keys 0 .. past + i.
  auto future = torch::ones({T, past + T}, torch::TensorOptions().dtype(torch::kBool).device(x.device())).triu(past + 1);
  scores = scores.masked_fill(future, -std::numeric_limits<float>::infinity());
  auto attention = torch::softmax(scores.to(torch::kFloat32), -1).to(q.scalar_type());
  auto out = torch::matmul(attention, v).transpose(1, 2).reshape({B, T, heads * head_dim});
  return o_proj(out);
}

LlamaMLPImpl::LlamaMLPImpl(const LlamaConfig& c) {
  gate_proj = register_module("gate_proj", linear(c.hidden_size, c.intermediate_size, c.mlp_bias));
  up_proj = register_module("up_proj", linear(c.hidden_size, c.intermediate_size, c.mlp_bias));
  down_proj = register_module("down_proj", linear(c.intermediate_size, c.hidden_size, c.mlp_bias));
}

torch::Tensor LlamaMLPImpl::forward(const torch::Tensor& x) {
  return down_proj(torch::silu(gate_proj(x)) * up_proj(x));
}

LlamaDecoderLayerImpl::LlamaDecoderLayerImpl(const LlamaConfig& c) {
  self_attn = register_module("self_attn", LlamaAttention(c));
  mlp = register_module("mlp", LlamaMLP(c));
  input_layernorm = register_module("input_layernorm", RMSNorm(c.hidden_size, c.rms_norm_eps));
  post_attention_layernorm = register_module("post_attention_layernorm", RMSNorm(c.hidden_size, c.rms_norm_eps));
}

torch::Tensor LlamaDecoderLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                             KvCache* cache, size_t layer) {
  auto h = x + self_attn->forward(input_layernorm(x), cos, sin, cache, layer);
  return h + mlp(post_attention_layernorm(h));
}

LlamaModelImpl::LlamaModelImpl(const LlamaConfig& c) {
  embed_tokens = register_module("embed_tokens", torch::nn::Embedding(c.vocab_size, c.hidden_size));
  layers = register_module("layers", torch::nn::ModuleList());
  for (int64_t i = 0; i < c.num_hidden_layers; ++i) layers->push_back(LlamaDecoderLayer(c));
  norm = register_module("norm", RMSNorm(c.hidden_size, c.rms_norm_eps));
  inv_freq = register_buffer("inv_freq", rotary_frequencies(c));
}

torch::Tensor LlamaModelImpl::forward(const torch::Tensor& ids, KvCache* cache) {
  auto h = embed_tokens(ids);
  // cos and sin of position x frequency, each half repeated (HF's layout).
  const int64_t past = cache ? cache->length : 0;
  auto positions =
      torch::arange(past, past + ids.size(1), torch::TensorOptions().dtype(torch::kFloat32).device(ids.device()));
  auto angles = torch::outer(positions, inv_freq);
  auto full = torch::cat({angles, angles}, -1);
  auto cos = full.cos().to(h.scalar_type()), sin = full.sin().to(h.scalar_type());
  for (size_t i = 0; i < layers->size(); ++i) h = layers[i]->as<LlamaDecoderLayer>()->forward(h, cos, sin, cache, i);
  if (cache) cache->length += ids.size(1);
  return norm(h);
}

LlamaForCausalLMImpl::LlamaForCausalLMImpl(const LlamaConfig& c) : config(c) {
  model = register_module("model", LlamaModel(c));
  if (!c.tie_word_embeddings) lm_head = register_module("lm_head", linear(c.hidden_size, c.vocab_size, false));
}

torch::Tensor LlamaForCausalLMImpl::forward(const torch::Tensor& ids, KvCache* cache) {
  auto h = model->forward(ids, cache);
  return lm_head ? lm_head(h) : torch::matmul(h, model->embed_tokens->weight.t());
}

void initialize_llama_weights(LlamaForCausalLM& model, uint64_t seed, double std) {
  torch::NoGradGuard no_grad;
  auto generator = at::detail::createCPUGenerator(seed);
  for (auto& p : model->named_parameters()) {
    const std::string& name = p.key();
    if (p.value().dim() >= 2) p.value().normal_(0.0, std, generator);
    else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0) p.value().zero_();
    else p.value().fill_(1.0);  // norm weights
  }
}

torch::Tensor rotary_frequencies(const LlamaConfig& c) {
  const int64_t d = c.head_dim();
  // float32 throughout, as HF transformers and llama2.c compute the rotary angles.
  auto inv_freq = 1.0 / torch::pow(c.rope_theta, torch::arange(0, d, 2, torch::kFloat32) / static_cast<double>(d));
  const RopeScaling& r = c.rope_scaling;
  if (r.type == RopeScaling::Type::linear) return inv_freq / r.factor;
  if (r.type != RopeScaling::Type::llama3) return inv_freq;
  // Llama 3.1: long wavelengths slowed by the factor, short ones kept, those between
  // blended smoothly (transformers' _compute_llama3_parameters).
  const double old_context = static_cast<double>(r.original_max_position_embeddings);
  const double low_freq_wavelen = old_context / r.low_freq_factor;
  const double high_freq_wavelen = old_context / r.high_freq_factor;
  auto wavelen = 2 * M_PI / inv_freq;
  auto scaled = torch::where(wavelen > low_freq_wavelen, inv_freq / r.factor, inv_freq);
  auto smooth = (old_context / wavelen - r.low_freq_factor) / (r.high_freq_factor - r.low_freq_factor);
  auto smoothed = (1 - smooth) * scaled / r.factor + smooth * scaled;
  auto medium = (wavelen >= high_freq_wavelen).logical_and(wavelen <= low_freq_wavelen);
  return torch::where(medium, smoothed, scaled);
}

}  // namespace mucpt
