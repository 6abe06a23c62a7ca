// The output layer's probabilities and losses, on the row layout of dense.h: z, p and dz are
// (k, S) with S = padded(m), one row per output; y holds the m labels (0/1, class indices 0..k-1
// as floats, or regression values).
//   classification, 1 output : sigmoid + binary cross-entropy, from the logits (bce_with_logits)
//   classification, k outputs: softmax + cross-entropy
//   regression (1 output)    : linear + mean squared error, 1/2 (p - y)^2 per point
#pragma once

#include <cstddef>

#include "nn/network.h"

namespace elu::nn {

// The index j of the largest of the n values v[j * stride] (the first on ties).
inline size_t argmax(const float* v, size_t n, size_t stride) {
  size_t best = 0;
  for (size_t j = 1; j < n; ++j) {
    if (v[j * stride] > v[best * stride]) best = j;
  }
  return best;
}

// A class label as an index in [0, k): labels are valid by precondition; the clamp only keeps a
// bad label from reading out of bounds.
inline size_t class_index(float label, size_t k) {
  if (!(label > 0.0f)) return 0;  // NaN too
  if (label >= float(k)) return k - 1;
  return static_cast<size_t>(label);
}

// p = softmax(z) over the k rows, for the m points (not the padding), stable: exp(z - max z) <= 1.
void softmax(float* p, const float* z, size_t k, size_t m);

// For the m logits z and labels y (0 or 1): returns the sum over the points of
//   max(z, 0) - z y + log1p(exp(-|z|))
// (each term in float, summed in double in point order), and writes dz[i] = (p_i - y_i) * scale
// with p = sigmoid(z), for i < m, and 0 to dz[m .. S). z is read up to S (whole vectors), y up to
// m only.
// exp(-|z|) is the ELU kernels' exp (elu_math.h, <= 2 ULP, 0 below ln(2^-126)); log1p is a
// series in s = e / (2 + e); p = (z >= 0 ? 1 : e) / (1 + e). Each point's loss is within 3 ULP
// of the exact value (measured 2.7 over z in [-100, 100] in steps of 1e-4) wherever that is
// above 1e-37.
double bce_with_logits(size_t m, const float* z, const float* y, float scale, float* dz);

// The loss of the task summed over the m points (a double; each point's loss a float), and dz =
// dL/dz times `scale` (1 / points in the mean), 0 in the padding columns. z: the logits; p: the
// probabilities or values as forward computed them (unused for 1-output classification, whose
// sigmoid is computed here from z with the loss, sharing its exp).
double output_loss(float* dz, const float* z, const float* p, const float* y, Task task, size_t k,
                   size_t m, float scale);

}  // namespace elu::nn
