// The only Embind file: raw entry points over wasm memory, no logic. Pointers are byte offsets into
// the module's heap (allocated with _malloc by web/src/api.js, which checks every argument).
#include <emscripten/bind.h>

#include <cstdint>

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
void elu_forward_scalar(uintptr_t x, uintptr_t y, uint32_t n, float alpha) {
  elu::kernels::f32_elu_fwd__scalar_u1(n, f32(x), f32(y), alpha);
}
bool simd() { return ELU_KERNELS_SIMD; }

}  // namespace

EMSCRIPTEN_BINDINGS(elu_kernels) {
  emscripten::function("simd", &simd);
  emscripten::function("eluForward", &elu_forward);
  emscripten::function("eluBackward", &elu_backward);
  emscripten::function("eluBackwardFromOutput", &elu_backward_from_output);
  emscripten::function("eluForwardScalar", &elu_forward_scalar);
}
