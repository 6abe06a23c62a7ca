// nn/text.h: number() spells a double exactly as printf's "%g" does (the error messages of
// validate() use it instead of snprintf, which would add ~8 KB of formatting code to the module).
#include "nn/text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

namespace {

using elu::nn::number;

std::string printf_g(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

TEST(Text, NumberSpellsLikePrintfG) {
  EXPECT_EQ(number(0.0), "0");
  EXPECT_EQ(number(-0.0), "-0");
  EXPECT_EQ(number(64), "64");
  EXPECT_EQ(number(0.1f), "0.1");
  EXPECT_EQ(number(-0.5), "-0.5");
  EXPECT_EQ(number(1234565.0), "1.23456e+06");  // a tie, rounded to even as printf does
  EXPECT_EQ(number(999999.5), "1e+06");
  EXPECT_EQ(number(0.0001), "0.0001");
  EXPECT_EQ(number(0.00001), "1e-05");
  EXPECT_EQ(number(3.4028234663852886e38), "3.40282e+38");
  EXPECT_EQ(number(INFINITY), "inf");
  EXPECT_EQ(number(-INFINITY), "-inf");
  EXPECT_EQ(number(NAN), printf_g(NAN));
  for (double v : {1e-30, 4.9e-324, 2.2250738585072014e-308, 1e300, 123456.0, 100000.0, 12.5}) {
    EXPECT_EQ(number(v), printf_g(v)) << std::hexfloat << v;
  }
}

TEST(Text, NumberMatchesPrintfOnRandomFloatsDoublesAndIntegers) {
  std::mt19937 rng(7);
  int mismatches = 0;
  auto check = [&](double v) {
    if (std::isnan(v)) return;
    const std::string want = printf_g(v);
    if (number(v) != want && ++mismatches <= 5) {
      ADD_FAILURE() << std::hexfloat << v << ": " << number(v) << " vs " << want;
    }
  };
  for (int i = 0; i < 100000; ++i) {
    const uint32_t bits = rng();
    float f;
    std::memcpy(&f, &bits, sizeof f);
    check(f);
    const uint64_t bits64 = (uint64_t(rng()) << 32) | rng();
    double d;
    std::memcpy(&d, &bits64, sizeof d);
    check(d);
    check(double(int32_t(rng() % 4000001) - 2000000));
  }
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
