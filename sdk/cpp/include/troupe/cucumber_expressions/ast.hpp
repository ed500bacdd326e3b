#pragma once
// Tokens and syntax tree of a Cucumber Expression, with positions in code points.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace troupe::cucumber_expressions {

enum class TokenType {
  StartOfLine,
  EndOfLine,
  WhiteSpace,
  BeginOptional,
  EndOptional,
  BeginParameter,
  EndParameter,
  Alternation,
  Text,
};

inline std::string_view token_type_name(TokenType type) {
  switch (type) {
    case TokenType::StartOfLine:
      return "START_OF_LINE";
    case TokenType::EndOfLine:
      return "END_OF_LINE";
    case TokenType::WhiteSpace:
      return "WHITE_SPACE";
    case TokenType::BeginOptional:
      return "BEGIN_OPTIONAL";
    case TokenType::EndOptional:
      return "END_OPTIONAL";
    case TokenType::BeginParameter:
      return "BEGIN_PARAMETER";
    case TokenType::EndParameter:
      return "END_PARAMETER";
    case TokenType::Alternation:
      return "ALTERNATION";
    case TokenType::Text:
      return "TEXT";
  }
  return "";
}

// The character that opens or closes a token type, for error messages.
inline std::string_view token_symbol(TokenType type) {
  switch (type) {
    case TokenType::BeginOptional:
      return "(";
    case TokenType::EndOptional:
      return ")";
    case TokenType::BeginParameter:
      return "{";
    case TokenType::EndParameter:
      return "}";
    case TokenType::Alternation:
      return "/";
    default:
      return "";
  }
}

// What a token type is for, for error messages.
inline std::string_view token_purpose(TokenType type) {
  switch (type) {
    case TokenType::BeginOptional:
    case TokenType::EndOptional:
      return "optional text";
    case TokenType::BeginParameter:
    case TokenType::EndParameter:
      return "a parameter";
    case TokenType::Alternation:
      return "alternation";
    default:
      return "";
  }
}

struct Token {
  TokenType type;
  std::string text;
  std::size_t start;
  std::size_t end;
};

enum class NodeType {
  Text,
  Optional,
  Alternation,
  Alternative,
  Parameter,
  Expression,
};

inline std::string_view node_type_name(NodeType type) {
  switch (type) {
    case NodeType::Text:
      return "TEXT_NODE";
    case NodeType::Optional:
      return "OPTIONAL_NODE";
    case NodeType::Alternation:
      return "ALTERNATION_NODE";
    case NodeType::Alternative:
      return "ALTERNATIVE_NODE";
    case NodeType::Parameter:
      return "PARAMETER_NODE";
    case NodeType::Expression:
      return "EXPRESSION_NODE";
  }
  return "";
}

// A text node carries a token; every other node carries child nodes.
struct Node {
  NodeType type;
  std::vector<Node> nodes;
  std::string token;
  std::size_t start;
  std::size_t end;

  bool is_leaf() const { return type == NodeType::Text; }

  std::string text() const {
    if (nodes.empty()) return token;
    std::string joined;
    for (const auto& node : nodes) joined += node.text();
    return joined;
  }
};

}  // namespace troupe::cucumber_expressions
