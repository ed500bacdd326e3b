#include "plan/combinations.hpp"

#include <gtest/gtest.h>

#include "plan/test_case_naming.hpp"

namespace {

using troupe::plan::count_combinations;
using troupe::plan::expand_combinations;
using troupe::plan::platforms_label;
using troupe::plan::RoleChoices;

TEST(Combinations, FullProductLastRoleFastest) {
  const std::vector<RoleChoices> roles{{"reader", {"cpp", "python", "rust"}},
                                       {"writer", {"cpp", "python", "rust"}}};
  const auto combinations = expand_combinations(roles);
  ASSERT_EQ(combinations.size(), 9u);
  EXPECT_EQ(platforms_label(combinations[0]), "cpp/cpp");
  EXPECT_EQ(platforms_label(combinations[1]), "cpp/python");
  EXPECT_EQ(platforms_label(combinations[3]), "python/cpp");
  EXPECT_EQ(platforms_label(combinations[8]), "rust/rust");
  EXPECT_EQ(combinations[5][0].role, "reader");
  EXPECT_EQ(combinations[5][1].role, "writer");
  EXPECT_EQ(count_combinations(roles, 100), 9u);
}

TEST(Combinations, NoRolesIsOneEmptyCombination) {
  const auto combinations = expand_combinations({});
  ASSERT_EQ(combinations.size(), 1u);
  EXPECT_TRUE(combinations[0].empty());
}

TEST(Combinations, ARoleWithoutPlatformsLeavesNone) {
  EXPECT_TRUE(expand_combinations({{"a", {"cpp"}}, {"b", {}}}).empty());
  EXPECT_EQ(count_combinations({{"a", {"cpp"}}, {"b", {}}}, 10), 0u);
}

TEST(Combinations, CountSaturatesInsteadOfOverflowing) {
  std::vector<RoleChoices> roles;
  for (int i = 0; i < 64; ++i) roles.push_back({"r" + std::to_string(i), {"a", "b", "c", "d"}});
  EXPECT_EQ(count_combinations(roles, 10000), 10001u);
}

}  // namespace
