#pragma once
// Cucumber tag expressions (`@a and not (@b or @c)`), parsed and printed exactly as the
// reference implementations (cucumber/tag-expressions) do, error messages included.
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace troupe::plan {

struct TagExpressionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class TagExpression {
 public:
  struct Node;

  // An empty (or all-blank) expression matches everything. Throws TagExpressionError.
  static TagExpression parse(std::string_view infix);

  // True when the tags (names with '@', as in pickles) satisfy the expression.
  bool evaluate(const std::vector<std::string>& tags) const;
  // The canonical, fully parenthesised form, e.g. "( a and not ( b ) )"; "" for the empty one.
  std::string to_string() const;

 private:
  explicit TagExpression(std::shared_ptr<const Node> root) : root_(std::move(root)) {}
  std::shared_ptr<const Node> root_;  // shared: a parsed expression is immutable and cheap to copy
};

}  // namespace troupe::plan
