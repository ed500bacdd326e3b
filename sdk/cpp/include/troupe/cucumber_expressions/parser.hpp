#pragma once
// Parses Cucumber Expression tokens into a syntax tree (the grammar of the reference
// implementation).
#include <functional>
#include <string_view>
#include <vector>

#include "troupe/cucumber_expressions/ast.hpp"
#include "troupe/cucumber_expressions/expression_error.hpp"
#include "troupe/cucumber_expressions/tokenizer.hpp"

namespace troupe::cucumber_expressions {

namespace parser_detail {

struct ParseResult {
  std::size_t consumed = 0;
  std::vector<Node> ast;
};

using Tokens = std::vector<Token>;
using SubParser = ParseResult (*)(std::string_view, const Tokens&, std::size_t);

inline bool looking_at(const Tokens& tokens, std::ptrdiff_t at, TokenType type) {
  if (at < 0) return type == TokenType::StartOfLine;
  if (static_cast<std::size_t>(at) >= tokens.size()) return type == TokenType::EndOfLine;
  return tokens[static_cast<std::size_t>(at)].type == type;
}

inline bool looking_at_any(const Tokens& tokens, std::ptrdiff_t at,
                           std::initializer_list<TokenType> types) {
  for (auto type : types) {
    if (looking_at(tokens, at, type)) return true;
  }
  return false;
}

inline Node text_node(const Token& token) {
  return Node{NodeType::Text, {}, token.text, token.start, token.end};
}

inline ParseResult parse_token(std::string_view expression, const std::vector<SubParser>& parsers,
                               const Tokens& tokens, std::size_t at) {
  for (auto parse : parsers) {
    auto result = parse(expression, tokens, at);
    if (result.consumed != 0) return result;
  }
  throw CucumberExpressionError("No eligible parsers for token at " + std::to_string(at));
}

inline ParseResult parse_tokens_until(std::string_view expression,
                                      const std::vector<SubParser>& parsers, const Tokens& tokens,
                                      std::size_t start_at, std::initializer_list<TokenType> ends) {
  std::size_t current = start_at;
  std::vector<Node> ast;
  while (current < tokens.size()) {
    if (looking_at_any(tokens, static_cast<std::ptrdiff_t>(current), ends)) break;
    auto result = parse_token(expression, parsers, tokens, current);
    current += result.consumed;
    for (auto& node : result.ast) ast.push_back(std::move(node));
  }
  return ParseResult{current - start_at, std::move(ast)};
}

inline ParseResult parse_between(NodeType type, TokenType begin, TokenType end,
                                 const std::vector<SubParser>& parsers, std::string_view expression,
                                 const Tokens& tokens, std::size_t current) {
  if (!looking_at(tokens, static_cast<std::ptrdiff_t>(current), begin)) return {};
  std::size_t sub_current = current + 1;
  auto result =
      parse_tokens_until(expression, parsers, tokens, sub_current, {end, TokenType::EndOfLine});
  sub_current += result.consumed;
  if (!looking_at(tokens, static_cast<std::ptrdiff_t>(sub_current), end)) {
    throw errors::missing_end_token(expression, begin, end, tokens[current]);
  }
  Node node{type, std::move(result.ast), "", tokens[current].start, tokens[sub_current].end};
  ParseResult between;
  between.consumed = sub_current + 1 - current;
  between.ast.push_back(std::move(node));
  return between;
}

// text := whitespace | ')' | '}' | .
inline ParseResult parse_text(std::string_view expression, const Tokens& tokens, std::size_t at) {
  const Token& token = tokens[at];
  switch (token.type) {
    case TokenType::WhiteSpace:
    case TokenType::Text:
    case TokenType::EndParameter:
    case TokenType::EndOptional:
      return ParseResult{1, {text_node(token)}};
    case TokenType::Alternation:
      throw errors::alternation_not_allowed_in_optional(expression, token);
    default:
      return {};
  }
}

// name := whitespace | .
inline ParseResult parse_name(std::string_view expression, const Tokens& tokens, std::size_t at) {
  const Token& token = tokens[at];
  switch (token.type) {
    case TokenType::WhiteSpace:
    case TokenType::Text:
      return ParseResult{1, {text_node(token)}};
    case TokenType::BeginOptional:
    case TokenType::EndOptional:
    case TokenType::BeginParameter:
    case TokenType::EndParameter:
    case TokenType::Alternation:
      throw errors::invalid_parameter_type_name_in_node(token, expression);
    default:
      return {};
  }
}

// parameter := '{' + name* + '}'
inline ParseResult parse_parameter(std::string_view expression, const Tokens& tokens,
                                   std::size_t at) {
  static const std::vector<SubParser> parsers{parse_name};
  return parse_between(NodeType::Parameter, TokenType::BeginParameter, TokenType::EndParameter,
                       parsers, expression, tokens, at);
}

// optional := '(' + option* + ')' ; option := optional | parameter | text
inline ParseResult parse_optional(std::string_view expression, const Tokens& tokens,
                                  std::size_t at) {
  static const std::vector<SubParser> parsers{parse_optional, parse_parameter, parse_text};
  return parse_between(NodeType::Optional, TokenType::BeginOptional, TokenType::EndOptional,
                       parsers, expression, tokens, at);
}

inline ParseResult parse_alternative_separator(std::string_view, const Tokens& tokens,
                                               std::size_t at) {
  if (!looking_at(tokens, static_cast<std::ptrdiff_t>(at), TokenType::Alternation)) return {};
  const Token& token = tokens[at];
  return ParseResult{1, {Node{NodeType::Alternative, {}, token.text, token.start, token.end}}};
}

inline std::vector<Node> split_alternatives(std::size_t start, std::size_t end,
                                            std::vector<Node> alternation) {
  std::vector<Node> separators;
  std::vector<std::vector<Node>> alternatives(1);
  for (auto& node : alternation) {
    if (node.type == NodeType::Alternative) {
      separators.push_back(std::move(node));
      alternatives.emplace_back();
    } else {
      alternatives.back().push_back(std::move(node));
    }
  }
  std::vector<Node> nodes;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    const std::size_t left = i == 0 ? start : separators[i - 1].end;
    const std::size_t right = i == alternatives.size() - 1 ? end : separators[i].start;
    nodes.push_back(Node{NodeType::Alternative, std::move(alternatives[i]), "", left, right});
  }
  return nodes;
}

// alternation := (?<=left-boundary) + alternative* + ( '/' + alternative* )+ + (?=right-boundary)
inline ParseResult parse_alternation(std::string_view expression, const Tokens& tokens,
                                     std::size_t at) {
  static const std::vector<SubParser> parsers{parse_alternative_separator, parse_optional,
                                              parse_parameter, parse_text};
  const auto previous = static_cast<std::ptrdiff_t>(at) - 1;
  if (!looking_at_any(tokens, previous,
                      {TokenType::StartOfLine, TokenType::WhiteSpace, TokenType::EndParameter})) {
    return {};
  }
  auto result =
      parse_tokens_until(expression, parsers, tokens, at,
                         {TokenType::WhiteSpace, TokenType::EndOfLine, TokenType::BeginParameter});
  const std::size_t sub_current = at + result.consumed;
  bool has_separator = false;
  for (const auto& node : result.ast) has_separator |= node.type == NodeType::Alternative;
  if (!has_separator) return {};
  const std::size_t start = tokens[at].start;
  const std::size_t end = tokens[sub_current].start;
  // The right hand boundary token is not consumed.
  ParseResult alternation;
  alternation.consumed = result.consumed;
  alternation.ast.push_back(Node{NodeType::Alternation,
                                 split_alternatives(start, end, std::move(result.ast)), "", start,
                                 end});
  return alternation;
}

}  // namespace parser_detail

// cucumber-expression := ( alternation | optional | parameter | text )*
inline Node parse_expression(std::string_view expression) {
  using namespace parser_detail;
  const auto tokens = tokenize(expression);
  static const std::vector<SubParser> parsers{parse_alternation, parse_optional, parse_parameter,
                                              parse_text};
  auto result = parse_between(NodeType::Expression, TokenType::StartOfLine, TokenType::EndOfLine,
                              parsers, expression, tokens, 0);
  return std::move(result.ast.front());
}

}  // namespace troupe::cucumber_expressions
