#include "nn/text.h"

#include <cmath>
#include <cstdint>

namespace elu::nn {
namespace {

// v * 10^k: exact while |k| <= 22 (10^k is exact in double) and the result is exact.
double scale10(double v, int k) {
  for (; k > 22; k -= 22) v *= 1e22;
  for (; k < -22; k += 22) v /= 1e22;
  double p = 1.0;
  for (int i = 0; i < (k < 0 ? -k : k); ++i) p *= 10.0;
  return k < 0 ? v / p : v * p;
}

// Writes the decimal digits of n at p (n < 10^6), returns the end.
char* put_digits(char* p, uint32_t n) {
  char tmp[8];
  int len = 0;
  do {
    tmp[len++] = char('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (len > 0) *p++ = tmp[--len];
  return p;
}

}  // namespace

std::string number(double v) {
  char buf[32];
  char* p = buf;
  if (std::signbit(v)) *p++ = '-';
  v = std::fabs(v);
  if (std::isnan(v) || std::isinf(v)) return std::string(buf, p) + (std::isnan(v) ? "nan" : "inf");
  if (v == 0.0) return std::string(buf, p) + "0";
  // Decimal exponent e with 10^e <= v < 10^(e+1), and the 6 leading digits rounded half to even
  // (the default rounding mode of nearbyint); log10 may be off by one near a power of ten.
  int e = int(std::floor(std::log10(v)));
  double m = std::nearbyint(scale10(v, 5 - e));
  if (m < 1e5) m = std::nearbyint(scale10(v, 5 - --e));
  if (m >= 1e6) m = std::nearbyint(scale10(v, 5 - ++e));
  if (m >= 1e6) m /= 10, ++e;  // 999999.5 -> 1000000
  char d[8];
  int nd = int(put_digits(d, uint32_t(m)) - d);  // 6 digits
  while (nd > 1 && d[nd - 1] == '0') --nd;
  if (e < -4 || e >= 6) {  // d.ddddde+XX
    *p++ = d[0];
    if (nd > 1) *p++ = '.';
    for (int i = 1; i < nd; ++i) *p++ = d[i];
    *p++ = 'e';
    *p++ = e < 0 ? '-' : '+';
    if (e > -10 && e < 10) *p++ = '0';
    p = put_digits(p, uint32_t(e < 0 ? -e : e));
  } else if (e < 0) {  // 0.000ddd
    *p++ = '0';
    *p++ = '.';
    for (int i = -1; i > e; --i) *p++ = '0';
    for (int i = 0; i < nd; ++i) *p++ = d[i];
  } else {  // ddd.ddd or ddd000
    for (int i = 0; i <= e || i < nd; ++i) {
      if (i == e + 1) *p++ = '.';
      *p++ = i < nd ? d[i] : '0';
    }
  }
  return std::string(buf, p);
}

}  // namespace elu::nn
