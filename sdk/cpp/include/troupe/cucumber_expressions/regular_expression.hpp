#pragma once
// A step pattern written as a regular expression; its top-level capture groups are the arguments.
#include <optional>
#include <string>
#include <vector>

#include "troupe/cucumber_expressions/argument.hpp"
#include "troupe/cucumber_expressions/expression_error.hpp"
#include "troupe/cucumber_expressions/group.hpp"
#include "troupe/cucumber_expressions/std_regex.hpp"

namespace troupe::cucumber_expressions {

class RegularExpression {
 public:
  explicit RegularExpression(std::string source)
      : source_(std::move(source)), regex_(compile(source_)), shape_(source_) {}

  const std::string& source() const { return source_; }
  std::size_t parameter_count() const { return shape_.top_level_count(); }

  std::optional<std::vector<Argument>> match(const std::string& text) const {
    std::smatch match;
    if (!std::regex_search(text, match, regex_)) return std::nullopt;
    Group root = shape_.build(match);
    std::vector<Argument> arguments;
    for (auto& child : root.children) arguments.push_back(Argument{std::move(child), nullptr});
    return arguments;
  }

 private:
  static std::regex compile(const std::string& source) {
    try {
      return std::regex(source, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      throw CucumberExpressionError("the regular expression " + source +
                                    " does not compile: " + error.what());
    }
  }

  std::string source_;
  std::regex regex_;
  GroupShape shape_;
};

}  // namespace troupe::cucumber_expressions
