#include "training/model/llama.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "training/model/autocast.h"
#include "training/model/fused_ops.h"

namespace mucpt {

namespace {

torch::nn::Linear linear_layer(int64_t in, int64_t out, bool bias) {
  return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(bias));
}

// The layer's product through the fused linear (the module keeps the HF names).
torch::Tensor project(const torch::nn::Linear& layer, const torch::Tensor& x) {
  return linear(x, layer->weight, layer->bias);
}

}  // namespace

RMSNormImpl::RMSNormImpl(int64_t dim, double eps_) : eps(eps_) {
  weight = register_parameter("weight", torch::ones({dim}));
}

torch::Tensor RMSNormImpl::forward(const torch::Tensor& x) { return rms_norm(x, weight, eps); }

LlamaAttentionImpl::LlamaAttentionImpl(const LlamaConfig& c)
    : heads(c.num_attention_heads), kv_heads(c.num_key_value_heads), head_dim(c.head_dim()) {
  q_proj = register_module("q_proj", linear_layer(c.hidden_size, heads * head_dim, c.qkv_bias()));
  k_proj = register_module("k_proj", linear_layer(c.hidden_size, kv_heads * head_dim, c.qkv_bias()));
  v_proj = register_module("v_proj", linear_layer(c.hidden_size, kv_heads * head_dim, c.qkv_bias()));
  o_proj = register_module("o_proj", linear_layer(heads * head_dim, c.hidden_size, c.o_bias()));
}

torch::Tensor LlamaAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                         KvCache* cache, size_t layer) {
  const int64_t B = x.size(0), T = x.size(1);
  auto q = rotary_heads_first(project(q_proj, x).view({B, T, heads, head_dim}), cos, sin);  // [B, H, T, D]
  auto k = rotary_heads_first(project(k_proj, x).view({B, T, kv_heads, head_dim}), cos, sin);
  auto v = project(v_proj, x).view({B, T, kv_heads, head_dim}).transpose(1, 2);
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
  const bool padded = cache && !cache->left_padding.empty();
  auto out = padded ? padded_causal_attention(q, k, v, past, cache->left_padding, &cache->pass_mask)
                    : causal_attention(q, k, v, past);
  out = out.transpose(1, 2).reshape({B, T, heads * head_dim});
  return project(o_proj, out);
}

LlamaMLPImpl::LlamaMLPImpl(const LlamaConfig& c) {
  gate_proj = register_module("gate_proj", linear_layer(c.hidden_size, c.intermediate_size, c.mlp_bias));
  up_proj = register_module("up_proj", linear_layer(c.hidden_size, c.intermediate_size, c.mlp_bias));
  down_proj = register_module("down_proj", linear_layer(c.intermediate_size, c.hidden_size, c.mlp_bias));
}

torch::Tensor LlamaMLPImpl::forward(const torch::Tensor& x) {
  return project(down_proj, swiglu(project(gate_proj, x), project(up_proj, x)));
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

namespace {

// A decoder layer whose activations are recomputed in the backward: the forward runs
// without autograd and keeps the input; the backward runs the layer again with autograd
// and back-propagates through it, adding to the layer's parameter gradients (as
// PyTorch's reentrant torch.utils.checkpoint does, autocast's state of the forward
// restored for the recompute: autograd's thread need not carry it, nor its dtype).
struct CheckpointedLayer : torch::autograd::Function<CheckpointedLayer> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                               const torch::Tensor& cos, const torch::Tensor& sin, LlamaDecoderLayerImpl* layer) {
    ctx->save_for_backward({x, cos, sin});
    ctx->saved_data["layer"] = reinterpret_cast<int64_t>(layer);  // the module outlives the step
    ctx->saved_data["bfloat16"] = autocast_enabled(x.device().type());
    return layer->forward(x, cos, sin);
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                               torch::autograd::tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    auto* layer = reinterpret_cast<LlamaDecoderLayerImpl*>(ctx->saved_data["layer"].toInt());
    torch::AutoGradMode with_grad(true);
    const BFloat16Autocast as_in_forward(ctx->saved_data["bfloat16"].toBool(), saved[0].device());
    auto x = saved[0].detach().requires_grad_(true);
    torch::autograd::backward({layer->forward(x, saved[1], saved[2])}, {grads[0]});
    return {x.grad(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

namespace {

// cos and sin of position x frequency for positions first .. first + count - 1, each half
// repeated (HF's layout): [count, head_dim].
std::pair<torch::Tensor, torch::Tensor> rotary_cos_sin(const torch::Tensor& inv_freq, int64_t first, int64_t count,
                                                       torch::ScalarType dtype) {
  auto positions =
      torch::arange(first, first + count, torch::TensorOptions().dtype(torch::kFloat32).device(inv_freq.device()));
  auto angles = torch::outer(positions, inv_freq);
  auto full = torch::cat({angles, angles}, -1);
  return {full.cos().to(dtype), full.sin().to(dtype)};
}

// [B, T, head_dim] for a left-padded batch: each row's real positions computed as for the
// row alone (the same tensors, so the same values), zeros at its padding.
std::pair<torch::Tensor, torch::Tensor> padded_rotary_cos_sin(const torch::Tensor& inv_freq, int64_t past, int64_t T,
                                                              const std::vector<int64_t>& left_padding,
                                                              torch::ScalarType dtype) {
  std::vector<torch::Tensor> cos_rows, sin_rows;
  for (int64_t pad : left_padding) {
    const int64_t first = std::min(T, std::max<int64_t>(0, pad - past));  // the row's first real query
    auto [cos, sin] = rotary_cos_sin(inv_freq, past + first - pad, T - first, dtype);
    auto zeros = torch::zeros({first, 2 * inv_freq.size(0)}, cos.options());
    cos_rows.push_back(torch::cat({zeros, cos}));
    sin_rows.push_back(torch::cat({zeros, sin}));
  }
  return {torch::stack(cos_rows), torch::stack(sin_rows)};
}

}  // namespace

torch::Tensor LlamaModelImpl::forward(const torch::Tensor& ids, KvCache* cache) {
  auto h = embed_tokens(ids);
  const int64_t past = cache ? cache->length : 0;
  if (cache) cache->pass_mask = {};
  auto [cos, sin] = cache && !cache->left_padding.empty()
                        ? padded_rotary_cos_sin(inv_freq, past, ids.size(1), cache->left_padding, h.scalar_type())
                        : rotary_cos_sin(inv_freq, past, ids.size(1), h.scalar_type());
  const bool recompute = checkpoint_layers && !cache && torch::GradMode::is_enabled();
  for (size_t i = 0; i < layers->size(); ++i) {
    auto* layer = layers[i]->as<LlamaDecoderLayer>();
    h = recompute ? CheckpointedLayer::apply(h, cos, sin, layer) : layer->forward(h, cos, sin, cache, i);
  }
  if (cache) cache->length += ids.size(1);
  return norm(h);
}

LlamaForCausalLMImpl::LlamaForCausalLMImpl(const LlamaConfig& c) : config(c) {
  model = register_module("model", LlamaModel(c));
  if (!c.tie_word_embeddings) lm_head = register_module("lm_head", linear_layer(c.hidden_size, c.vocab_size, false));
}

torch::Tensor LlamaForCausalLMImpl::forward(const torch::Tensor& ids, KvCache* cache) {
  return logits(model->forward(ids, cache));
}

torch::Tensor LlamaForCausalLMImpl::logits(const torch::Tensor& hidden) {
  return linear(hidden, output_weight(), torch::Tensor());
}

torch::Tensor LlamaForCausalLMImpl::output_weight() const {
  return lm_head ? lm_head->weight : model->embed_tokens->weight;
}

torch::Tensor LlamaForCausalLMImpl::last_logits(const torch::Tensor& ids, KvCache* cache) {
  return logits(model->forward(ids, cache).select(1, ids.size(1) - 1));
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
