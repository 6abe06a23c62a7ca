// libFuzzer target: the ELU kernels (every variant of kEluVariants) and the activations of
// activations.h, on random lengths, alphas (NaN, infinities, negative, huge included), bit
// patterns, unaligned and aliased buffers of exactly n elements.
// Checks, per element:
//   * every ELU variant equals the scalar variant of its op (f32_elu_*__scalar_u1) run on that
//     element alone, bit for bit: the SIMD tails and tiles compute what the scalar loop computes;
//   * the scalar variants meet the contract of elu_math.h against the double reference: forward
//     <= 1 ULP at alpha = 1 and <= 1.5 at alpha in {0.1, 0.5, 2, 3}; backward <= 2 ULP where
//     exp(x) is normal (and dy * alpha * 0 below) for any finite alpha whose float product
//     dy * alpha is finite; from the output, exactly dy * (y + alpha) where y <= 0;
//   * each activation, forward and backward, equals the same activation on the element alone (no
//     dependence on the chunking, the length or the aliasing), and (alpha valid for it) the
//     forward is NaN exactly where x is, f' (dy = 1) too but for linear (activations.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "elu_reference.h"
#include "fuzz_input.h"
#include "kernels/activations.h"
#include "kernels/elu.h"
#include "kernels/elu_math.h"

namespace {

using namespace elu::kernels;
using elu::fuzz::Exact;
using elu::fuzz::Same;
using elu::fuzz::Values;

constexpr size_t kMaxLength = 700;  // past two chunks of activations.cc (256) and every tile

enum class Op { kFwd, kBwd, kBwdy };

Op OpOf(const EluVariant& v) {
  const std::string op = v.op;
  return op == "fwd" ? Op::kFwd : op == "bwd" ? Op::kBwd : Op::kBwdy;
}

// The inputs of one call: a (x or y), b (dy; unused by forward), and where the output goes.
struct Case {
  size_t n;
  float alpha;
  std::vector<float> a, b;
  int alias;  // 0: separate output, 1: output over a, 2: output over b (two-input ops)
  size_t offset;
};

Case MakeCase(Values& v, bool two_inputs) {
  Case c;
  c.n = size_t(v.Int(0, kMaxLength));
  c.alpha = v.Float();
  c.alias = v.Int(0, two_inputs ? 2 : 1);
  c.offset = size_t(v.Int(0, 3));
  for (size_t i = 0; i < c.n; ++i) c.a.push_back(v.Float());
  if (two_inputs) {
    for (size_t i = 0; i < c.n; ++i) c.b.push_back(v.Float());
  }
  return c;
}

// Runs `call(a, b, out)` on exact-size copies of the case's inputs, aliased as the case says, and
// returns the output.
template <class Call>
std::vector<float> Run(const Case& c, Call call) {
  Exact<float> a(c.n, c.offset), b(c.n, (c.offset + 1) % 4), out(c.n, (c.offset + 2) % 4);
  for (size_t i = 0; i < c.n; ++i) a[i] = c.a[i];
  for (size_t i = 0; i < c.b.size(); ++i) b[i] = c.b[i];
  float* dst = c.alias == 1 ? a.data() : c.alias == 2 ? b.data() : out.data();
  call(a.data(), b.data(), dst);
  return std::vector<float>(dst, dst + c.n);
}

bool Documented(float alpha) {
  return alpha == 1.0f || alpha == 0.1f || alpha == 0.5f || alpha == 2.0f || alpha == 3.0f;
}

// The scalar variant against the double reference (elu_math.h's contract), one element.
void CheckContract(Op op, float alpha, float a, float b, float got) {
  using elu::testing::ulp_error;
  if (op == Op::kFwd) {
    if (!Documented(alpha)) return;
    const double limit = alpha == 1.0f ? 1.0 : 1.5;
    const double want = elu::testing::elu_ref(a, alpha);
    const double err = ulp_error(got, want);
    FUZZ_CHECK(err <= limit, "forward x=%a alpha=%a got %a: %g ULP", a, alpha, got, err);
    if (want == 0.0) FUZZ_CHECK(std::signbit(got) == std::signbit(want), "sign of 0, x=%a", a);
  } else if (op == Op::kBwd) {
    if (!std::isfinite(alpha) || !(std::fabs(double(b) * alpha) <= FLT_MAX)) return;
    const double want = a < math::c::kExpCutoff ? double(b * alpha) * 0.0
                                                : elu::testing::elu_backward_ref(a, b, alpha);
    const double err = ulp_error(got, want);
    FUZZ_CHECK(err <= 2.0, "backward x=%a dy=%a alpha=%a got %a want %a: %g ULP", a, b, alpha, got,
               want, err);
    if (want == 0.0) FUZZ_CHECK(std::signbit(got) == std::signbit(want), "sign of 0, x=%a", a);
  } else {  // from the output: exactly dy * (y > 0 ? 1 : y + alpha) in float
    const float want = a > 0.0f ? b : b * (a + alpha);
    FUZZ_CHECK(Same(got, want), "backward from y=%a dy=%a alpha=%a got %a", a, b, alpha, got);
  }
}

void FuzzEluVariant(Values& v) {
  const EluVariant& var = v.provider().PickValueInArray(kEluVariants);
  const Op op = OpOf(var);
  const Case c = MakeCase(v, op != Op::kFwd);
  const std::vector<float> got = Run(c, [&](float* a, float* b, float* out) {
    switch (op) {
      case Op::kFwd: return reinterpret_cast<EluFwdFn>(var.fn)(c.n, a, out, c.alpha);
      case Op::kBwd: return reinterpret_cast<EluBwdFn>(var.fn)(c.n, a, b, out, c.alpha);
      case Op::kBwdy: return reinterpret_cast<EluBwdyFn>(var.fn)(c.n, a, b, out, c.alpha);
    }
  });
  for (size_t i = 0; i < c.n; ++i) {
    const float a = c.a[i], b = op == Op::kFwd ? 0.0f : c.b[i];
    float want;
    switch (op) {
      case Op::kFwd: f32_elu_fwd__scalar_u1(1, &a, &want, c.alpha); break;
      case Op::kBwd: f32_elu_bwd__scalar_u1(1, &a, &b, &want, c.alpha); break;
      case Op::kBwdy: f32_elu_bwdy__scalar_u1(1, &a, &b, &want, c.alpha); break;
    }
    FUZZ_CHECK(Same(got[i], want), "%s n=%zu i=%zu a=%a b=%a alpha=%a alias=%d: got %a, scalar %a",
               var.name, c.n, i, a, b, c.alpha, c.alias, got[i], want);
    CheckContract(op, c.alpha, a, b, want);
  }
}

constexpr Activation kActivations[] = {
    Activation::kRelu,  Activation::kLeakyRelu, Activation::kElu,      Activation::kCelu,
    Activation::kSelu,  Activation::kGelu,      Activation::kSilu,     Activation::kSoftplus,
    Activation::kTanh,  Activation::kSigmoid,   Activation::kLinear,
};

// The alphas activations.h accepts: finite, and nonzero for celu.
bool ValidAlpha(Activation act, float alpha) {
  return std::isfinite(alpha) && !(act == Activation::kCelu && alpha == 0.0f);
}

void FuzzActivation(Values& v) {
  const Activation act = v.provider().PickValueInArray(kActivations);
  const bool backward = v.provider().ConsumeBool();
  const Case c = MakeCase(v, backward);
  const ActivationParams p{c.alpha};
  const char* name = activation_name(act);
  const std::vector<float> got = Run(c, [&](float* a, float* b, float* out) {
    if (backward) {
      activation_backward(act, p, c.n, a, b, out);
    } else {
      activation_forward(act, p, c.n, a, out);
    }
  });
  // f' alone (dy = 1), for the NaN rule.
  std::vector<float> ones(c.n, 1.0f), slope(c.n);
  if (backward) activation_backward(act, p, c.n, c.a.data(), ones.data(), slope.data());
  for (size_t i = 0; i < c.n; ++i) {
    const float a = c.a[i];
    float want;
    if (backward) {
      activation_backward(act, p, 1, &a, &c.b[i], &want);
    } else {
      activation_forward(act, p, 1, &a, &want);
    }
    FUZZ_CHECK(Same(got[i], want), "%s %s n=%zu i=%zu x=%a alpha=%a alias=%d: got %a, alone %a",
               name, backward ? "backward" : "forward", c.n, i, a, c.alpha, c.alias, got[i], want);
    if (!ValidAlpha(act, c.alpha)) continue;
    if (backward) {
      const bool nan_expected = std::isnan(a) && act != Activation::kLinear;
      FUZZ_CHECK(std::isnan(slope[i]) == nan_expected, "%s' x=%a alpha=%a gives %a", name, a,
                 c.alpha, slope[i]);
    } else {
      FUZZ_CHECK(std::isnan(got[i]) == std::isnan(a), "%s x=%a alpha=%a gives %a", name, a,
                 c.alpha, got[i]);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider provider(data, size);
  Values values(provider);
  if (provider.ConsumeBool()) {
    FuzzEluVariant(values);
  } else {
    FuzzActivation(values);
  }
  return 0;
}
