// nn/names.h: every name parses to the value that prints it back, the lists are in their documented
// order, and unknown names are refused without touching the output.
#include "nn/names.h"

#include <gtest/gtest.h>

namespace elu::nn {
namespace {

TEST(Names, EveryNameRoundTrips) {
  for (const auto& name : enum_names("task")) {
    Task t;
    ASSERT_TRUE(parse_task(name, &t)) << name;
    EXPECT_EQ(task_name(t), name);
  }
  for (const auto& name : enum_names("optimizer")) {
    Optimizer o;
    ASSERT_TRUE(parse_optimizer(name, &o)) << name;
    EXPECT_EQ(optimizer_name(o), name);
  }
  for (const auto& name : enum_names("regularization")) {
    Regularization r;
    ASSERT_TRUE(parse_regularization(name, &r)) << name;
    EXPECT_EQ(regularization_name(r), name);
  }
  for (const auto& name : enum_names("feature")) {
    Feature f;
    ASSERT_TRUE(parse_feature(name, &f)) << name;
    EXPECT_EQ(feature_name(f), name);
  }
}

TEST(Names, DocumentedValuesAndOrder) {
  using V = std::vector<std::string>;
  EXPECT_EQ(enum_names("task"), (V{"classification", "regression"}));
  EXPECT_EQ(enum_names("optimizer"), (V{"sgd", "momentum", "adam"}));
  EXPECT_EQ(enum_names("regularization"), (V{"none", "l1", "l2"}));
  // The order the network derives its input columns in (see Network's features).
  EXPECT_EQ(enum_names("feature"), (V{"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"}));
  EXPECT_TRUE(enum_names("activation").empty());
  Optimizer o;
  ASSERT_TRUE(parse_optimizer("momentum", &o));
  EXPECT_EQ(o, Optimizer::kMomentum);
  Feature f;
  ASSERT_TRUE(parse_feature("x1*x2", &f));
  EXPECT_EQ(f, kX1TimesX2);
  Regularization r;
  ASSERT_TRUE(parse_regularization("l1", &r));
  EXPECT_EQ(r, Regularization::kL1);
  Task t;
  ASSERT_TRUE(parse_task("regression", &t));
  EXPECT_EQ(t, Task::kRegression);
}

TEST(Names, UnknownNamesAreRefused) {
  Optimizer o = Optimizer::kAdam;
  EXPECT_FALSE(parse_optimizer("Adam", &o));
  EXPECT_FALSE(parse_optimizer("", &o));
  EXPECT_EQ(o, Optimizer::kAdam);
  Feature f = kSinX2;
  EXPECT_FALSE(parse_feature("x3", &f));
  EXPECT_EQ(f, kSinX2);
  EXPECT_STREQ(optimizer_name(static_cast<Optimizer>(-1)), "unknown");
  EXPECT_STREQ(feature_name(static_cast<Feature>(1u << 9)), "unknown");
}

}  // namespace
}  // namespace elu::nn
