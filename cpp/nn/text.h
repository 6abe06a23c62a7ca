// Numbers as text for error messages, without printf (which would add ~8 KB to the wasm module).
#pragma once

#include <string>

namespace elu::nn {

// v as printf's "%g" writes it: 6 significant digits, rounded half to even, trailing zeros dropped,
// exponent form below 1e-4 and from 1e6; "nan", "inf", "-inf", "-0" as printf spells them.
std::string number(double v);

}  // namespace elu::nn
