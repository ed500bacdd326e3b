#include <gtest/gtest.h>

#include "rpc/servo_protocol.hpp"

namespace troupe::rpc {
namespace {

using nlohmann::json;

TEST(StepParameters, ExtractsQuotedValuesInOrder) {
  EXPECT_EQ(step_parameters("creates buffer 'b1' with size '10240'"),
            (json{{"0", "b1"}, {"1", "10240"}}));
  EXPECT_EQ(step_parameters(R"(writes "Hello, World!" and 'x')"),
            (json{{"0", "Hello, World!"}, {"1", "x"}}));
}

TEST(StepParameters, NoQuotesGivesAnEmptyObject) {
  EXPECT_EQ(step_parameters("the buffer is empty"), json::object());
  EXPECT_EQ(step_parameters(""), json::object());
}

TEST(StepParameters, KeepsEmptyAndOtherQuoteCharacters) {
  EXPECT_EQ(step_parameters("writes '' then 'say \"hi\"'"), (json{{"0", ""}, {"1", "say \"hi\""}}));
}

TEST(StepParameters, ApostrophesAreNotQuotes) {
  EXPECT_EQ(step_parameters("the reader doesn't see 'b1'"), (json{{"0", "b1"}}));
  EXPECT_EQ(step_parameters("reads 'it's fine' now"), (json{{"0", "it's fine"}}));
}

TEST(StepParameters, UnterminatedQuoteIsIgnored) {
  EXPECT_EQ(step_parameters("writes 'abc"), json::object());
}

}  // namespace
}  // namespace troupe::rpc
