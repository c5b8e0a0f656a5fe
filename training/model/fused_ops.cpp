#include "training/model/fused_ops.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "training/model/autocast.h"
#include "training/model/gemm.h"

namespace mucpt {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

// Under autocast the reference composition runs, so that autocast can lower its products.
bool takes_fused_kernel(const at::Tensor& t) {
  return t.device().is_cpu() && t.scalar_type() == at::kFloat && !autocast_enabled(c10::DeviceType::CPU);
}

// For queries at positions past .. past + T - 1 (T = q.size(2)) over keys 0 .. S - 1 of a
// left-padded batch: whether query t of row b sees key s, [B, 1, T, S], and whether it
// is padding, [B, 1, T, 1]. A padding query sees its own key alone, which keeps its
// softmax finite (its output is then zeroed): a NaN there would reach the real rows
// through 0 x NaN in the next layer's products. Made in `mask` unless it holds one.
const PaddedAttentionMask& padded_causal_mask(const at::Tensor& q, int64_t S, int64_t past,
                                              const std::vector<int64_t>& left_padding, PaddedAttentionMask& mask) {
  if (mask.visible.defined()) return mask;
  const auto positions = torch::TensorOptions().dtype(torch::kInt64).device(q.device());
  const int64_t B = q.size(0), T = q.size(2);
  const auto pad = torch::tensor(left_padding, torch::kInt64).to(q.device()).view({B, 1, 1, 1});
  const auto query = torch::arange(past, past + T, positions).view({1, 1, T, 1});
  const auto key = torch::arange(S, positions).view({1, 1, 1, S});
  const auto padding_query = query < pad;
  mask = {(key >= pad).logical_and(key <= query).logical_or(padding_query.logical_and(key == query)), padding_query};
  return mask;
}

// Rows per partial sum of a weight gradient: a fixed split, so the sum is the same for
// any number of threads.
constexpr int64_t kRowsPerPartial = 64;

// x [..., K] times weight [N, K] transposed, with both products of the backward.
struct LinearFunction : torch::autograd::Function<LinearFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, const at::Tensor& weight_in) {
    const int64_t K = input.size(-1), N = weight_in.size(0);
    const auto x = input.reshape({-1, K}).contiguous();
    const auto weight = weight_in.contiguous();
    auto y = at::empty({x.size(0), N}, x.options());
    sgemm(false, true, x.size(0), N, K, 1.0f, x.data_ptr<float>(), K, weight.data_ptr<float>(), K, 0.0f,
          y.data_ptr<float>(), N);
    ctx->save_for_backward({x, weight});
    auto sizes = input.sizes().vec();
    sizes.back() = N;
    ctx->saved_data["sizes"] = input.sizes().vec();
    return y.view(sizes);
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto &x = saved[0], &weight = saved[1];
    const int64_t M = x.size(0), K = x.size(1), N = weight.size(0);
    const auto dy = grads[0].reshape({M, N}).contiguous();
    at::Tensor dx, dw;
    if (ctx->needs_input_grad(0)) {
      dx = at::empty({M, K}, x.options());
      sgemm(false, false, M, K, N, 1.0f, dy.data_ptr<float>(), N, weight.data_ptr<float>(), K, 0.0f,
            dx.data_ptr<float>(), K);
      dx = dx.view(ctx->saved_data["sizes"].toIntVector());
    }
    if (ctx->needs_input_grad(1)) {
      dw = at::empty({N, K}, x.options());
      sgemm(true, false, N, K, M, 1.0f, dy.data_ptr<float>(), N, x.data_ptr<float>(), K, 0.0f,
            dw.data_ptr<float>(), K);
    }
    return {dx, dw};
  }
};

struct RmsNormFunction : torch::autograd::Function<RmsNormFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, const at::Tensor& weight_in, double eps) {
    const auto x = input.contiguous();
    const auto weight = weight_in.contiguous();
    const int64_t C = x.size(-1), rows = x.numel() / C;
    auto y = at::empty_like(x);
    auto inv_rms = at::empty({rows}, x.options());
    const float* xp = x.data_ptr<float>();
    const float* wp = weight.data_ptr<float>();
    float* yp = y.data_ptr<float>();
    float* ip = inv_rms.data_ptr<float>();
    const float e = static_cast<float>(eps);
    at::parallel_for(0, rows, 16, [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        const float* xr = xp + r * C;
        float* yr = yp + r * C;
        float squares = 0;
#pragma omp simd reduction(+ : squares)
        for (int64_t c = 0; c < C; ++c) squares += xr[c] * xr[c];
        const float inv = 1.0f / std::sqrt(squares / static_cast<float>(C) + e);
        ip[r] = inv;
        for (int64_t c = 0; c < C; ++c) yr[c] = wp[c] * (xr[c] * inv);
      }
    });
    ctx->save_for_backward({x, weight, inv_rms});
    return y;
  }

  // With g = dy * w and r = 1 / rms: dx = r g - x r^3 mean(g x); dw = sum over rows of dy x r.
  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto &x = saved[0], &weight = saved[1], &inv_rms = saved[2];
    const auto dy = grads[0].contiguous();
    const int64_t C = x.size(-1), rows = x.numel() / C;
    const int64_t parts = (rows + kRowsPerPartial - 1) / kRowsPerPartial;
    auto dx = at::empty_like(x);
    auto partial_dw = at::zeros({parts, C}, x.options());
    const float *xp = x.data_ptr<float>(), *wp = weight.data_ptr<float>(), *ip = inv_rms.data_ptr<float>();
    const float* gp = dy.data_ptr<float>();
    float *dxp = dx.data_ptr<float>(), *pp = partial_dw.data_ptr<float>();
    at::parallel_for(0, parts, 1, [&](int64_t begin, int64_t end) {
      for (int64_t part = begin; part < end; ++part) {
        float* dw = pp + part * C;
        for (int64_t r = part * kRowsPerPartial; r < std::min(rows, (part + 1) * kRowsPerPartial); ++r) {
          const float *xr = xp + r * C, *gr = gp + r * C;
          float* dxr = dxp + r * C;
          const float inv = ip[r];
          float dot = 0;
#pragma omp simd reduction(+ : dot)
          for (int64_t c = 0; c < C; ++c) dot += gr[c] * wp[c] * xr[c];
          const float k = inv * inv * inv * dot / static_cast<float>(C);
          for (int64_t c = 0; c < C; ++c) {
            dxr[c] = inv * (gr[c] * wp[c]) - xr[c] * k;
            dw[c] += gr[c] * (xr[c] * inv);
          }
        }
      }
    });
    return {dx, partial_dw.sum(0), at::Tensor()};
  }
};

struct RotaryFunction : torch::autograd::Function<RotaryFunction> {
  // y_lo = x_lo cos_lo - x_hi sin_lo, y_hi = x_hi cos_hi + x_lo sin_hi, written heads first.
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, const at::Tensor& cos_in,
                            const at::Tensor& sin_in) {
    const auto x = input.contiguous(), cos = cos_in.contiguous(), sin = sin_in.contiguous();
    const int64_t B = x.size(0), T = x.size(1), H = x.size(2), D = x.size(3), half = D / 2;
    auto y = at::empty({B, H, T, D}, x.options());
    const float *xp = x.data_ptr<float>(), *cp = cos.data_ptr<float>(), *sp = sin.data_ptr<float>();
    float* yp = y.data_ptr<float>();
    const bool per_row = cos.dim() == 3;
    at::parallel_for(0, B * T, 8, [&](int64_t begin, int64_t end) {
      for (int64_t bt = begin; bt < end; ++bt) {
        const int64_t b = bt / T, t = bt % T;
        const float *c = cp + (per_row ? bt : t) * D, *s = sp + (per_row ? bt : t) * D;
        for (int64_t h = 0; h < H; ++h) {
          const float* src = xp + (bt * H + h) * D;
          float* dst = yp + ((b * H + h) * T + t) * D;
          for (int64_t d = 0; d < half; ++d) {
            dst[d] = src[d] * c[d] - src[d + half] * s[d];
            dst[d + half] = src[d + half] * c[d + half] + src[d] * s[d + half];
          }
        }
      }
    });
    ctx->save_for_backward({cos, sin});
    return y;
  }

  // dx_lo = dy_lo cos_lo + dy_hi sin_hi, dx_hi = dy_hi cos_hi - dy_lo sin_lo, back to [B, T, H, D].
  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto dy = grads[0].contiguous();
    const int64_t B = dy.size(0), H = dy.size(1), T = dy.size(2), D = dy.size(3), half = D / 2;
    auto dx = at::empty({B, T, H, D}, dy.options());
    const float *gp = dy.data_ptr<float>(), *cp = saved[0].data_ptr<float>(), *sp = saved[1].data_ptr<float>();
    float* dxp = dx.data_ptr<float>();
    const bool per_row = saved[0].dim() == 3;
    at::parallel_for(0, B * T, 8, [&](int64_t begin, int64_t end) {
      for (int64_t bt = begin; bt < end; ++bt) {
        const int64_t b = bt / T, t = bt % T;
        const float *c = cp + (per_row ? bt : t) * D, *s = sp + (per_row ? bt : t) * D;
        for (int64_t h = 0; h < H; ++h) {
          const float* g = gp + ((b * H + h) * T + t) * D;
          float* dst = dxp + (bt * H + h) * D;
          for (int64_t d = 0; d < half; ++d) {
            dst[d] = g[d] * c[d] + g[d + half] * s[d + half];
            dst[d + half] = g[d + half] * c[d + half] - g[d] * s[d];
          }
        }
      }
    });
    return {dx, at::Tensor(), at::Tensor()};
  }
};

// Attention as one node: the scale rides on the score product, the causal mask is
// written into the scores in place, and the backward reuses the saved probabilities
// (masked entries are 0 there, so their gradient is 0 with no mask pass).
struct CausalAttentionFunction : torch::autograd::Function<CausalAttentionFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                            int64_t past) {
    const int64_t B = q.size(0), H = q.size(1), T = q.size(2), D = q.size(3), S = k.size(2);
    const double scale = 1.0 / std::sqrt(static_cast<double>(D));
    const auto q3 = q.reshape({B * H, T, D}), k3 = k.reshape({B * H, S, D}), v3 = v.reshape({B * H, S, D});
    auto scores = batched_matmul(q3, false, k3, true, static_cast<float>(scale));
    float* sp = scores.data_ptr<float>();
    at::parallel_for(0, B * H * T, 64, [&](int64_t begin, int64_t end) {
      for (int64_t row = begin; row < end; ++row) {
        const int64_t first_hidden = past + row % T + 1;
        std::fill(sp + row * S + std::min(first_hidden, S), sp + (row + 1) * S,
                  -std::numeric_limits<float>::infinity());
      }
    });
    auto probabilities = at::_softmax(scores, -1, false);
    auto out = batched_matmul(probabilities, false, v3, false).view({B, H, T, D});
    ctx->save_for_backward({q3, k3, v3, probabilities});
    ctx->saved_data["scale"] = scale;
    return out;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto &q3 = saved[0], &k3 = saved[1], &v3 = saved[2], &probabilities = saved[3];
    const double scale = ctx->saved_data["scale"].toDouble();
    const int64_t B = grads[0].size(0), H = grads[0].size(1);
    const auto d_out = grads[0].reshape(q3.sizes()).contiguous();
    const auto dv = batched_matmul(probabilities, true, d_out, false);
    const auto d_scores =
        at::_softmax_backward_data(batched_matmul(d_out, false, v3, true), probabilities, -1, at::kFloat);
    const auto dq = batched_matmul(d_scores, false, k3, false, static_cast<float>(scale));
    const auto dk = batched_matmul(d_scores, true, q3, false, static_cast<float>(scale));
    const int64_t T = q3.size(1), S = k3.size(1), D = q3.size(2);
    return {dq.view({B, H, T, D}), dk.view({B, H, S, D}), dv.view({B, H, S, D}), at::Tensor()};
  }
};

struct SwigluFunction : torch::autograd::Function<SwigluFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& gate, const at::Tensor& up) {
    ctx->save_for_backward({gate, up});
    return at::silu(gate) * up;
  }

  // With s = sigmoid(gate): d_gate = dh up s (1 + gate (1 - s)), d_up = dh gate s.
  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto gate = saved[0].contiguous(), up = saved[1].contiguous(), dh = grads[0].contiguous();
    const auto sig = at::sigmoid(gate);
    auto d_gate = at::empty_like(gate), d_up = at::empty_like(up);
    const float *ap = gate.data_ptr<float>(), *bp = up.data_ptr<float>(), *gp = dh.data_ptr<float>();
    const float* sp = sig.data_ptr<float>();
    float *dap = d_gate.data_ptr<float>(), *dbp = d_up.data_ptr<float>();
    at::parallel_for(0, gate.numel(), 1 << 14, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        dap[i] = gp[i] * bp[i] * (sp[i] * (1.0f + ap[i] * (1.0f - sp[i])));
        dbp[i] = gp[i] * (ap[i] * sp[i]);
      }
    });
    return {d_gate, d_up};
  }
};

}  // namespace

at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  if (!takes_fused_kernel(x) || !takes_fused_kernel(weight)) return reference::linear(x, weight, bias);
  auto y = LinearFunction::apply(x, weight);
  return bias.defined() ? y + bias : y;
}

at::Tensor rms_norm(const at::Tensor& x, const at::Tensor& weight, double eps) {
  if (!takes_fused_kernel(x) || !takes_fused_kernel(weight)) return reference::rms_norm(x, weight, eps);
  return RmsNormFunction::apply(x, weight, eps);
}

at::Tensor rotary_heads_first(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin) {
  if (!takes_fused_kernel(x) || !takes_fused_kernel(cos) || x.size(3) % 2 != 0)
    return reference::rotary_heads_first(x, cos, sin);
  return RotaryFunction::apply(x, cos, sin);
}

at::Tensor causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t past) {
  if (takes_fused_kernel(q)) return CausalAttentionFunction::apply(q, k, v, past);
#if TORCH_VERSION_MAJOR >= 2
  // LibTorch's own attention (flash attention on GPUs) never holds the [T, T] scores.
  // Its causal mask is aligned to the first key, so it serves queries that start there;
  // one query after the cached keys (a decoding step) sees them all.
  if (past == 0 && q.size(2) == k.size(2))
    return at::scaled_dot_product_attention(q, k, v, {}, 0.0, /*is_causal=*/true);
  if (q.size(2) == 1 && past + 1 == k.size(2)) return at::scaled_dot_product_attention(q, k, v, {}, 0.0, false);
#endif
  return reference::causal_attention(q, k, v, past);
}

at::Tensor padded_causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t past,
                                   const std::vector<int64_t>& left_padding, PaddedAttentionMask* mask) {
  if (!takes_fused_kernel(q)) {
#if TORCH_VERSION_MAJOR >= 2
    PaddedAttentionMask made;
    const PaddedAttentionMask& m = padded_causal_mask(q, k.size(2), past, left_padding, mask ? *mask : made);
    return at::scaled_dot_product_attention(q, k, v, m.visible, 0.0, false).masked_fill(m.padding_query, 0);
#else
    return reference::padded_causal_attention(q, k, v, past, left_padding, mask);
#endif
  }
  // Row by row on the row's own keys from its first real query.
  const int64_t T = q.size(2);
  auto out = at::zeros_like(q);
  for (int64_t b = 0; b < q.size(0); ++b) {
    const int64_t pad = left_padding[static_cast<size_t>(b)], first = std::max<int64_t>(0, pad - past);
    if (first >= T) continue;
    auto row = causal_attention(q.slice(0, b, b + 1).slice(2, first), k.slice(0, b, b + 1).slice(2, pad),
                                v.slice(0, b, b + 1).slice(2, pad), past + first - pad);
    out.slice(0, b, b + 1).slice(2, first).copy_(row);
  }
  return out;
}

at::Tensor swiglu(const at::Tensor& gate, const at::Tensor& up) {
  if (!takes_fused_kernel(gate) || gate.sizes() != up.sizes()) return reference::swiglu(gate, up);
  return SwigluFunction::apply(gate, up);
}

namespace reference {

at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  return torch::nn::functional::linear(x, weight, bias);
}

at::Tensor rms_norm(const at::Tensor& x, const at::Tensor& weight, double eps) {
  auto x32 = x.to(torch::kFloat32);
  auto normed = x32 * torch::rsqrt(x32.pow(2).mean(-1, true) + eps);
  return weight * normed.to(x.scalar_type());
}

at::Tensor rotary_heads_first(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin) {
  auto heads_first = x.transpose(1, 2);
  auto halves = heads_first.chunk(2, -1);
  auto rotated = torch::cat({-halves[1], halves[0]}, -1);  // HF's rotate_half
  if (cos.dim() == 3) return heads_first * cos.unsqueeze(1) + rotated * sin.unsqueeze(1);  // per row: over heads
  return heads_first * cos + rotated * sin;
}

at::Tensor causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t past) {
  const int64_t T = q.size(2), S = k.size(2);
  auto scores = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(q.size(3)));
  auto future = torch::ones({T, S}, torch::TensorOptions().dtype(torch::kBool).device(q.device())).triu(past + 1);
  scores = scores.masked_fill(future, -std::numeric_limits<float>::infinity());
  auto attention = torch::softmax(scores.to(torch::kFloat32), -1).to(q.scalar_type());
  return torch::matmul(attention, v);
}

at::Tensor padded_causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t past,
                                   const std::vector<int64_t>& left_padding, PaddedAttentionMask* mask) {
  PaddedAttentionMask made;
  const PaddedAttentionMask& m = padded_causal_mask(q, k.size(2), past, left_padding, mask ? *mask : made);
  auto scores = torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(q.size(3)));
  scores = scores.masked_fill(m.visible.logical_not(), -std::numeric_limits<float>::infinity());
  auto attention = torch::softmax(scores.to(torch::kFloat32), -1).to(q.scalar_type());
  return torch::matmul(attention, v).masked_fill(m.padding_query, 0);
}

at::Tensor swiglu(const at::Tensor& gate, const at::Tensor& up) { return torch::silu(gate) * up; }

}  // namespace reference

}  // namespace mucpt
