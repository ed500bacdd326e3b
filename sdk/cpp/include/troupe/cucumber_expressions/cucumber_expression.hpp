#pragma once
// A compiled Cucumber Expression: its syntax tree, its regex and the arguments of a match.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "troupe/cucumber_expressions/argument.hpp"
#include "troupe/cucumber_expressions/expression_error.hpp"
#include "troupe/cucumber_expressions/group.hpp"
#include "troupe/cucumber_expressions/parameter_type.hpp"
#include "troupe/cucumber_expressions/parser.hpp"
#include "troupe/cucumber_expressions/std_regex.hpp"

namespace troupe::cucumber_expressions {

class CucumberExpression {
 public:
  CucumberExpression(std::string expression, const ParameterTypeRegistry& registry)
      : expression_(std::move(expression)),
        ast_(parse_expression(expression_)),
        regex_source_(rewrite(ast_, registry)),
        regex_(compile(regex_source_)),
        shape_(regex_source_) {}

  const std::string& source() const { return expression_; }
  const Node& ast() const { return ast_; }
  const std::string& regex_source() const { return regex_source_; }
  std::size_t parameter_count() const { return parameter_types_.size(); }
  const std::vector<std::shared_ptr<const ParameterType>>& parameter_types() const {
    return parameter_types_;
  }

  // The arguments when the whole text matches, otherwise nothing.
  std::optional<std::vector<Argument>> match(const std::string& text) const {
    std::smatch match;
    if (!std::regex_search(text, match, regex_)) return std::nullopt;
    Group root = shape_.build(match);
    std::vector<Argument> arguments;
    for (std::size_t i = 0; i < root.children.size() && i < parameter_types_.size(); ++i) {
      arguments.push_back(Argument{std::move(root.children[i]), parameter_types_[i]});
    }
    return arguments;
  }

 private:
  static std::regex compile(const std::string& source) {
    try {
      return std::regex(source, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      throw CucumberExpressionError("the regex " + source + " does not compile: " + error.what());
    }
  }

  static std::string escape_regex(const std::string& text) {
    static const std::string special = "\\^[({$.|?*+})]";
    std::string escaped;
    for (const char c : text) {
      if (special.find(c) != std::string::npos) escaped += '\\';
      escaped += c;
    }
    return escaped;
  }

  // Mirrors the reference: checks each construct while turning it into regex syntax.
  std::string rewrite(const Node& node, const ParameterTypeRegistry& registry) {
    auto join = [&](const std::vector<Node>& nodes, const std::string& separator) {
      std::string joined;
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (i > 0) joined += separator;
        joined += rewrite(nodes[i], registry);
      }
      return joined;
    };
    auto count = [](const Node& parent, NodeType type) {
      std::size_t n = 0;
      const Node* first = nullptr;
      for (const auto& child : parent.nodes) {
        if (child.type == type) {
          if (!first) first = &child;
          ++n;
        }
      }
      return std::pair{n, first};
    };
    switch (node.type) {
      case NodeType::Text:
        return escape_regex(node.text());
      case NodeType::Optional: {
        if (auto [n, first] = count(node, NodeType::Parameter); n > 0) {
          throw errors::parameter_is_not_allowed_in_optional(*first, expression_);
        }
        if (auto [n, first] = count(node, NodeType::Optional); n > 0) {
          throw errors::optional_is_not_allowed_in_optional(*first, expression_);
        }
        if (count(node, NodeType::Text).first == 0) {
          throw errors::optional_may_not_be_empty(node, expression_);
        }
        return "(?:" + join(node.nodes, "") + ")?";
      }
      case NodeType::Alternation: {
        for (const auto& alternative : node.nodes) {
          if (alternative.nodes.empty()) {
            throw errors::alternative_may_not_be_empty(alternative, expression_);
          }
          if (count(alternative, NodeType::Text).first == 0) {
            throw errors::alternative_may_not_exclusively_contain_optionals(alternative,
                                                                            expression_);
          }
        }
        return "(?:" + join(node.nodes, "|") + ")";
      }
      case NodeType::Alternative:
        return join(node.nodes, "");
      case NodeType::Parameter: {
        const std::string name = node.text();
        auto type = registry.lookup(name);
        if (!type) throw errors::undefined_parameter_type(node, expression_, name);
        parameter_types_.push_back(type);
        if (type->regexps.size() == 1) return "(" + type->regexps.front() + ")";
        std::string alternatives;
        for (std::size_t i = 0; i < type->regexps.size(); ++i) {
          if (i > 0) alternatives += ")|(?:";
          alternatives += type->regexps[i];
        }
        return "((?:" + alternatives + "))";
      }
      case NodeType::Expression:
        return "^" + join(node.nodes, "") + "$";
    }
    return "";
  }

  std::string expression_;
  std::vector<std::shared_ptr<const ParameterType>> parameter_types_;
  Node ast_;
  std::string regex_source_;
  std::regex regex_;
  GroupShape shape_;
};

}  // namespace troupe::cucumber_expressions
