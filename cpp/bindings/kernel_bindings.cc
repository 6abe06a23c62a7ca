// Embind entry points for the kernels: raw pointers into wasm memory, no logic. Pointers are byte
// offsets into the module's heap, prepared by web/src/heap.js after web/src/ checked every argument.
#include <emscripten/bind.h>

#include <cstdint>
#include <iterator>
#include <string>

#include "kernels/activations.h"
#include "kernels/elu.h"

namespace {

float* f32(uintptr_t p) { return reinterpret_cast<float*>(p); }

void elu_forward(uintptr_t x, uintptr_t y, uint32_t n, float alpha) {
  elu::kernels::elu_forward(n, f32(x), f32(y), alpha);
}
void elu_backward(uintptr_t x, uintptr_t dy, uintptr_t dx, uint32_t n, float alpha) {
  elu::kernels::elu_backward(n, f32(x), f32(dy), f32(dx), alpha);
}
void elu_backward_from_output(uintptr_t y, uintptr_t dy, uintptr_t dx, uint32_t n, float alpha) {
  elu::kernels::elu_backward_from_output(n, f32(y), f32(dy), f32(dx), alpha);
}
bool simd() { return ELU_KERNELS_SIMD; }

// Activations by enum index (web/src/kernels.js lists the names, activation_name(0), (1), ... up to
// "unknown").
std::string activation_name(int id) {
  return elu::kernels::activation_name(static_cast<elu::kernels::Activation>(id));
}
void activation_forward(int id, float alpha, uintptr_t x, uintptr_t y, uint32_t n) {
  elu::kernels::activation_forward(static_cast<elu::kernels::Activation>(id), {alpha}, n, f32(x),
                                   f32(y));
}
void activation_backward(int id, float alpha, uintptr_t x, uintptr_t dy, uintptr_t dx, uint32_t n) {
  elu::kernels::activation_backward(static_cast<elu::kernels::Activation>(id), {alpha}, n, f32(x),
                                    f32(dy), f32(dx));
}

#ifdef ELU_BIND_VARIANTS
// Every variant of kernels/elu.inc by index, for the wasm benchmark (tests/bench; the module
// elu_bench_simd only: the shipped modules leave the variants out).
size_t variant_count() { return std::size(elu::kernels::kEluVariants); }
std::string variant_name(size_t i) { return elu::kernels::kEluVariants[i % variant_count()].name; }
std::string variant_op(size_t i) { return elu::kernels::kEluVariants[i % variant_count()].op; }
void run_variant(size_t i, uintptr_t a, uintptr_t b, uintptr_t out, uint32_t n, float alpha) {
  const auto& v = elu::kernels::kEluVariants[i % variant_count()];
  if (v.op[0] == 'f') {
    reinterpret_cast<elu::kernels::EluFwdFn>(v.fn)(n, f32(a), f32(out), alpha);
  } else if (v.op[3] == 'y') {
    reinterpret_cast<elu::kernels::EluBwdyFn>(v.fn)(n, f32(a), f32(b), f32(out), alpha);
  } else {
    reinterpret_cast<elu::kernels::EluBwdFn>(v.fn)(n, f32(a), f32(b), f32(out), alpha);
  }
}
#endif

}  // namespace

EMSCRIPTEN_BINDINGS(elu_kernels) {
  emscripten::function("simd", &simd);
  emscripten::function("eluForward", &elu_forward);
  emscripten::function("eluBackward", &elu_backward);
  emscripten::function("eluBackwardFromOutput", &elu_backward_from_output);
  emscripten::function("activationName", &activation_name);
  emscripten::function("activationForward", &activation_forward);
  emscripten::function("activationBackward", &activation_backward);
#ifdef ELU_BIND_VARIANTS
  emscripten::function("variantCount", &variant_count);
  emscripten::function("variantName", &variant_name);
  emscripten::function("variantOp", &variant_op);
  emscripten::function("runVariant", &run_variant);
#endif
}
