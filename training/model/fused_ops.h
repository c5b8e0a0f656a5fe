#pragma once
// The Llama block's small operations as single autograd nodes: each forward and each
// backward reads and writes its tensors once, where the composition of torch ops makes a
// pass (and often a temporary) per arithmetic step. Float32 CPU tensors take the fused
// kernels; any other dtype or device takes the reference composition, which is also what
// the tests hold the kernels to.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace mucpt {

// x weight^T + bias (bias may be undefined), as torch::nn::functional::linear.
at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

// weight * x / sqrt(mean(x^2) + eps) over the last dimension (HF's LlamaRMSNorm).
at::Tensor rms_norm(const at::Tensor& x, const at::Tensor& weight, double eps);

// Rotary position embedding, rotate-half layout (HF's apply_rotary_pos_emb), of
// x [B, T, H, D] with cos, sin [T, D] (or [B, T, D]: each row its own positions);
// returned as heads first, [B, H, T, D].
at::Tensor rotary_heads_first(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);

// softmax(q k^T / sqrt(D), causal) v for q [B, H, T, D] and k, v [B, H, past + T, D]:
// query i, at position past + i, sees keys 0 .. past + i.
at::Tensor causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t past);

// causal_attention of a left-padded batch: row b's first left_padding[b] positions are
// padding, which its queries never see; its padding queries give zeros. Each row attends
// as it would alone: float32 CPU rows one by one through the fused kernel (the very
// products of the row alone), other devices and dtypes in one masked pass (on a GPU, one
// kernel for the batch instead of a handful per row; equal up to rounding).
// The masked pass's mask is the same for every layer of one forward pass: given `mask`,
// the first layer makes it there and the others reuse it (building it copies the padding
// to the device, which waits for the device's queue: once a pass, not once a layer).
struct PaddedAttentionMask {
  at::Tensor visible, padding_query;
};
at::Tensor padded_causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t past,
                                   const std::vector<int64_t>& left_padding, PaddedAttentionMask* mask = nullptr);

// silu(gate) * up (the SwiGLU MLP's inner activation).
at::Tensor swiglu(const at::Tensor& gate, const at::Tensor& up);

namespace reference {
at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);
at::Tensor rms_norm(const at::Tensor& x, const at::Tensor& weight, double eps);
at::Tensor rotary_heads_first(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);
at::Tensor causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t past);
at::Tensor padded_causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t past,
                                   const std::vector<int64_t>& left_padding, PaddedAttentionMask* mask = nullptr);
at::Tensor swiglu(const at::Tensor& gate, const at::Tensor& up);
}  // namespace reference

}  // namespace mucpt
