// Fuzz target: tag expressions. Input: the expression on the first line, then tags (one line of
// whitespace-separated names per evaluation). Only TagExpressionError may be thrown; an accepted
// expression's canonical form must parse again to the same form and the same results.
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "plan/tag_expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using troupe::plan::TagExpression;
  using troupe::plan::TagExpressionError;
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::istringstream lines(input);
  std::string expression_text;
  std::getline(lines, expression_text);

  std::optional<TagExpression> expression;
  try {
    expression = TagExpression::parse(expression_text);
  } catch (const TagExpressionError& error) {
    (void)error.what();
    return 0;
  }
  const std::string canonical = expression->to_string();
  const TagExpression reparsed = TagExpression::parse(canonical);  // must not throw
  if (reparsed.to_string() != canonical) __builtin_trap();

  for (std::string line; std::getline(lines, line);) {
    std::istringstream names(line);
    std::vector<std::string> tags;
    for (std::string name; names >> name;) tags.push_back(name);
    if (expression->evaluate(tags) != reparsed.evaluate(tags)) __builtin_trap();
  }
  return 0;
}
