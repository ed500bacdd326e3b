#pragma once
// The error a malformed Cucumber Expression raises, worded exactly as the reference implementation.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "troupe/cucumber_expressions/ast.hpp"
#include "troupe/cucumber_expressions/code_points.hpp"

namespace troupe::cucumber_expressions {

class CucumberExpressionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UndefinedParameterTypeError : public CucumberExpressionError {
 public:
  UndefinedParameterTypeError(std::string name, const std::string& message)
      : CucumberExpressionError(message), undefined_parameter_type_name(std::move(name)) {}
  std::string undefined_parameter_type_name;
};

namespace errors {

inline std::string point_at(std::size_t index) {
  return std::string(index, ' ') + "^";
}

inline std::string point_at_span(std::size_t start, std::size_t end) {
  std::string pointer = point_at(start);
  if (start + 1 < end) {
    pointer += std::string(end - start - 2, '-');
    pointer += '^';
  }
  return pointer;
}

inline std::string message(std::size_t index, std::string_view expression, std::string_view pointer,
                           std::string_view problem, std::string_view solution) {
  std::string text = "This Cucumber Expression has a problem at column ";
  text += std::to_string(index + 1);
  text += ":\n\n";
  text += expression;
  text += '\n';
  text += pointer;
  text += '\n';
  text += problem;
  text += ".\n";
  text += solution;
  return text;
}

inline CucumberExpressionError located(std::size_t start, std::size_t end,
                                       std::string_view expression, std::string_view problem,
                                       std::string_view solution) {
  return CucumberExpressionError(
      message(start, expression, point_at_span(start, end), problem, solution));
}

inline CucumberExpressionError alternative_may_not_exclusively_contain_optionals(
    const Node& node, std::string_view expression) {
  return located(node.start, node.end, expression,
                 "An alternative may not exclusively contain optionals",
                 "If you did not mean to use an optional you can use '\\(' to escape the '('");
}

inline CucumberExpressionError alternative_may_not_be_empty(const Node& node,
                                                            std::string_view expression) {
  return located(node.start, node.end, expression, "Alternative may not be empty",
                 "If you did not mean to use an alternative you can use '\\/' to escape the '/'");
}

inline CucumberExpressionError optional_may_not_be_empty(const Node& node,
                                                         std::string_view expression) {
  return located(node.start, node.end, expression, "An optional must contain some text",
                 "If you did not mean to use an optional you can use '\\(' to escape the '('");
}

inline CucumberExpressionError parameter_is_not_allowed_in_optional(const Node& node,
                                                                    std::string_view expression) {
  return located(
      node.start, node.end, expression, "An optional may not contain a parameter type",
      "If you did not mean to use an parameter type you can use '\\{' to escape the '{'");
}

inline CucumberExpressionError optional_is_not_allowed_in_optional(const Node& node,
                                                                   std::string_view expression) {
  return located(node.start, node.end, expression, "An optional may not contain an other optional",
                 "If you did not mean to use an optional type you can use '\\(' to escape the '('. "
                 "For more complicated expressions consider using a regular expression instead.");
}

inline CucumberExpressionError end_of_line_can_not_be_escaped(std::string_view expression) {
  const std::size_t index = count_code_points(expression) - 1;
  return CucumberExpressionError(message(index, expression, point_at(index),
                                         "The end of line can not be escaped",
                                         "You can use '\\\\' to escape the '\\'"));
}

inline CucumberExpressionError missing_end_token(std::string_view expression, TokenType begin,
                                                 TokenType end, const Token& current) {
  const std::string begin_symbol(token_symbol(begin));
  const std::string purpose(token_purpose(begin));
  return located(current.start, current.end, expression,
                 "The '" + begin_symbol + "' does not have a matching '" +
                     std::string(token_symbol(end)) + "'",
                 "If you did not intend to use " + purpose + " you can use '\\" + begin_symbol +
                     "' to escape the " + purpose);
}

inline CucumberExpressionError alternation_not_allowed_in_optional(std::string_view expression,
                                                                   const Token& current) {
  return located(current.start, current.end, expression,
                 "An alternation can not be used inside an optional",
                 "If you did not mean to use an alternation you can use '\\/' to escape the '/'. "
                 "Otherwise rephrase your expression or consider using a regular expression "
                 "instead.");
}

inline CucumberExpressionError cant_escape(std::string_view expression, std::size_t index) {
  return CucumberExpressionError(
      message(index, expression, point_at(index),
              "Only the characters '{', '}', '(', ')', '\\', '/' and whitespace can be escaped",
              "If you did mean to use an '\\' you can use '\\\\' to escape it"));
}

inline CucumberExpressionError invalid_parameter_type_name_in_node(const Token& token,
                                                                   std::string_view expression) {
  return located(token.start, token.end, expression,
                 "Parameter names may not contain '{', '}', '(', ')', '\\' or '/'",
                 "Did you mean to use a regular expression?");
}

inline UndefinedParameterTypeError undefined_parameter_type(const Node& node,
                                                            std::string_view expression,
                                                            const std::string& name) {
  return UndefinedParameterTypeError(
      name, message(node.start, expression, point_at_span(node.start, node.end),
                    "Undefined parameter type '" + name + "'",
                    "Please register a ParameterType for '" + name + "'"));
}

}  // namespace errors
}  // namespace troupe::cucumber_expressions
