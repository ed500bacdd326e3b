#include "plan/tag_expression.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using troupe::plan::TagExpression;
using troupe::plan::TagExpressionError;

TEST(TagExpression, EmptyMatchesEverything) {
  const auto expression = TagExpression::parse("   ");
  EXPECT_TRUE(expression.evaluate({}));
  EXPECT_TRUE(expression.evaluate({"@a"}));
  EXPECT_EQ(expression.to_string(), "");
}

TEST(TagExpression, AndBindsTighterThanOrAndNotTighterStill) {
  const auto expression = TagExpression::parse("@a or @b and not @c");
  EXPECT_EQ(expression.to_string(), "( @a or ( @b and not ( @c ) ) )");
  EXPECT_TRUE(expression.evaluate({"@a", "@c"}));
  EXPECT_TRUE(expression.evaluate({"@b"}));
  EXPECT_FALSE(expression.evaluate({"@b", "@c"}));
  EXPECT_FALSE(expression.evaluate({}));
}

TEST(TagExpression, ParenthesesOverridePrecedence) {
  const auto expression = TagExpression::parse("(@a or @b) and @c");
  EXPECT_EQ(expression.to_string(), "( ( @a or @b ) and @c )");
  EXPECT_FALSE(expression.evaluate({"@a"}));
  EXPECT_TRUE(expression.evaluate({"@b", "@c"}));
}

TEST(TagExpression, EscapedCharactersBelongToTheTag) {
  const auto expression = TagExpression::parse(R"(@a\ b or @c\(1\))");
  EXPECT_TRUE(expression.evaluate({"@a b"}));
  EXPECT_TRUE(expression.evaluate({"@c(1)"}));
  EXPECT_FALSE(expression.evaluate({"@a"}));
  EXPECT_EQ(expression.to_string(), R"(( @a\ b or @c\(1\) ))");
}

TEST(TagExpression, IllegalEscapeNamesTheWholeUtf8Character) {
  try {
    TagExpression::parse("@a or \\\xC3\xA9");
    FAIL() << "expected an error";
  } catch (const TagExpressionError& error) {
    EXPECT_EQ(std::string(error.what()),
              "Tag expression \"@a or \\\xC3\xA9\" could not be parsed because of syntax error: "
              "Illegal escape before \"\xC3\xA9\".");
  }
}

TEST(TagExpression, ErrorsUseTheReferenceMessages) {
  EXPECT_THROW(TagExpression::parse("@a and"), TagExpressionError);
  try {
    TagExpression::parse("(@a");
    FAIL() << "expected an error";
  } catch (const TagExpressionError& error) {
    EXPECT_EQ(std::string(error.what()),
              "Tag expression \"(@a\" could not be parsed because of syntax error: Unmatched (.");
  }
}

TEST(TagExpression, DeepNestingIsAnErrorNotACrash) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "not ";
  deep += "@a";
  EXPECT_THROW(TagExpression::parse(deep), TagExpressionError);
  std::string long_chain = "@a";
  for (int i = 0; i < 5000; ++i) long_chain += " and @a";
  EXPECT_THROW(TagExpression::parse(long_chain), TagExpressionError);
  std::string acceptable = "@a";
  for (int i = 0; i < 500; ++i) acceptable += " or @b";
  EXPECT_TRUE(TagExpression::parse(acceptable).evaluate({"@b"}));
}

TEST(TagExpression, CopiesEvaluateLikeTheOriginal) {
  const auto original = TagExpression::parse("not @slow");
  const TagExpression copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_FALSE(copy.evaluate({"@slow"}));
  EXPECT_TRUE(copy.evaluate({"@fast"}));
}

}  // namespace
