// Binary cross-entropy of a sigmoid output, from the logits, 4 points per vector: the loss and
// the gradient of the network's 1-output classifier (network.cc).
#pragma once

#include <cstddef>

namespace elu::nn {

// For the m logits z and labels y (0 or 1): returns the sum over the points of
//   max(z, 0) - z y + log1p(exp(-|z|))
// (each term in float, summed in double in point order), and writes dz[i] = (p_i - y_i) * scale
// with p = sigmoid(z), for i < m, and 0 to dz[m .. stride), stride = m rounded up to a multiple
// of 4. z is read up to stride (whole vectors), y up to m only.
// exp(-|z|) is the ELU kernels' exp (elu_math.h, <= 2 ULP, 0 below ln(2^-126)); log1p is a
// series in s = e / (2 + e); p = (z >= 0 ? 1 : e) / (1 + e). Each point's loss is within 3 ULP
// of the exact value (measured 2.7 over z in [-100, 100] in steps of 1e-4) wherever that is
// above 1e-37.
double bce_with_logits(size_t m, const float* z, const float* y, float scale, float* dz);

}  // namespace elu::nn
