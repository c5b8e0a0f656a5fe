#pragma once
// A decoder-only Llama in LibTorch whose parameter names are Hugging Face's
// (model.layers.N.self_attn.q_proj.weight ...), so a checkpoint loads and saves by
// name: RMSNorm, rotary position embeddings (rotate-half, as HF), grouped-query
// attention, SwiGLU MLP, optionally tied input and output embeddings.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "training/model/fused_ops.h"
#include "training/model/llama_config.h"

namespace mucpt {

// Keys and values of the positions already seen, per layer, so that generation feeds
// one new token at a time instead of the whole sequence again.
struct KvCache {
  std::vector<torch::Tensor> keys, values;  // per layer: [B, kv_heads, length, head_dim]
  int64_t length = 0;
  // Prompts of different lengths in one batch are padded on the left (empty: no padding).
  // Row b's first left_padding[b] positions are padding: its positions count from its
  // first real token and its queries see only its own keys, as for the row alone.
  std::vector<int64_t> left_padding;
  // The attention mask of the pass under way, made by its first layer for all of them.
  PaddedAttentionMask pass_mask;
};

struct RMSNormImpl : torch::nn::Module {
  RMSNormImpl(int64_t dim, double eps);
  torch::Tensor forward(const torch::Tensor& x);
  torch::Tensor weight;
  double eps;
};
TORCH_MODULE(RMSNorm);

struct LlamaAttentionImpl : torch::nn::Module {
  explicit LlamaAttentionImpl(const LlamaConfig& c);
  // x [B, T, hidden]; cos, sin [T, head_dim], or [B, T, head_dim] for a padded batch. With
  // a cache, x holds the positions after the cached ones, whose keys and values join it.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                        KvCache* cache = nullptr, size_t layer = 0);
  torch::nn::Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};
  int64_t heads, kv_heads, head_dim;
};
TORCH_MODULE(LlamaAttention);

struct LlamaMLPImpl : torch::nn::Module {
  explicit LlamaMLPImpl(const LlamaConfig& c);
  torch::Tensor forward(const torch::Tensor& x);
  torch::nn::Linear gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
};
TORCH_MODULE(LlamaMLP);

struct LlamaDecoderLayerImpl : torch::nn::Module {
  explicit LlamaDecoderLayerImpl(const LlamaConfig& c);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                        KvCache* cache = nullptr, size_t layer = 0);
  LlamaAttention self_attn{nullptr};
  LlamaMLP mlp{nullptr};
  RMSNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
};
TORCH_MODULE(LlamaDecoderLayer);

struct LlamaModelImpl : torch::nn::Module {
  explicit LlamaModelImpl(const LlamaConfig& c);
  // Hidden states after the final norm; with a cache, ids continue the cached positions.
  torch::Tensor forward(const torch::Tensor& ids, KvCache* cache = nullptr);
  torch::nn::Embedding embed_tokens{nullptr};
  torch::nn::ModuleList layers;
  RMSNorm norm{nullptr};
  torch::Tensor inv_freq;  // rotary frequencies (a buffer, not a parameter)
  // Activation checkpointing: keep only each layer's input for the backward, which runs
  // the layer again (one more forward pass for memory that no longer grows with depth).
  bool checkpoint_layers = false;
};
TORCH_MODULE(LlamaModel);

struct LlamaForCausalLMImpl : torch::nn::Module {
  explicit LlamaForCausalLMImpl(const LlamaConfig& c);
  // ids [B, T] (int64) -> logits [B, T, vocab]
  torch::Tensor forward(const torch::Tensor& ids, KvCache* cache = nullptr);
  // The output head alone: hidden states [..., hidden] (model's) -> logits [..., vocab],
  // for the few positions a caller scores out of many.
  torch::Tensor logits(const torch::Tensor& hidden);
  // The output head's weight [vocab, hidden]: lm_head's, or the embedding's when tied.
  torch::Tensor output_weight() const;
  // The logits of each row's last position alone, [B, vocab]: in decoding the output head
  // skips the prompt's other positions (Hugging Face's logits_to_keep=1), a vocabulary-wide
  // product per position.
  torch::Tensor last_logits(const torch::Tensor& ids, KvCache* cache = nullptr);
  LlamaConfig config;
  LlamaModel model{nullptr};
  torch::nn::Linear lm_head{nullptr};  // null when tied to model.embed_tokens
};
TORCH_MODULE(LlamaForCausalLM);

// Fresh weights as Hugging Face initialises a Llama: every matrix and the embeddings
// normal(0, std), biases 0, norm weights 1; the same for a given seed.
void initialize_llama_weights(LlamaForCausalLM& model, uint64_t seed, double std = 0.02);

// The rotary inverse frequencies of each pair of head dimensions, with the config's
// rope_scaling applied.
torch::Tensor rotary_frequencies(const LlamaConfig& c);

}  // namespace mucpt
