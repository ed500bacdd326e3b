#pragma once
// Splits a Cucumber Expression into tokens, resolving backslash escapes.
#include <string>
#include <string_view>
#include <vector>

#include "troupe/cucumber_expressions/ast.hpp"
#include "troupe/cucumber_expressions/code_points.hpp"
#include "troupe/cucumber_expressions/expression_error.hpp"

namespace troupe::cucumber_expressions {

namespace tokenizer_detail {

inline bool is_white_space(std::string_view code_point) {
  return code_point.size() == 1 &&
         (code_point[0] == ' ' || code_point[0] == '\t' || code_point[0] == '\n' ||
          code_point[0] == '\r' || code_point[0] == '\f' || code_point[0] == '\v');
}

inline bool can_escape(std::string_view code_point) {
  if (is_white_space(code_point)) return true;
  return code_point == "\\" || code_point == "/" || code_point == "{" || code_point == "}" ||
         code_point == "(" || code_point == ")";
}

inline TokenType type_of(std::string_view code_point) {
  if (is_white_space(code_point)) return TokenType::WhiteSpace;
  if (code_point == "/") return TokenType::Alternation;
  if (code_point == "{") return TokenType::BeginParameter;
  if (code_point == "}") return TokenType::EndParameter;
  if (code_point == "(") return TokenType::BeginOptional;
  if (code_point == ")") return TokenType::EndOptional;
  return TokenType::Text;
}

// Runs of text and of white space merge into one token; every other token is one character.
inline bool should_create_new_token(TokenType previous, TokenType current) {
  if (current != previous) return true;
  return current != TokenType::WhiteSpace && current != TokenType::Text;
}

}  // namespace tokenizer_detail

inline std::vector<Token> tokenize(std::string_view expression) {
  using namespace tokenizer_detail;
  const auto code_points = split_code_points(expression);
  std::vector<Token> tokens;
  std::string buffer;
  std::size_t buffer_length = 0;  // in code points
  TokenType previous_type = TokenType::StartOfLine;
  bool treat_as_text = false;
  std::size_t escaped = 0;
  std::size_t buffer_start = 0;

  // Escape characters belong to the text token they escape, so they widen its span.
  auto convert_buffer_to_token = [&](TokenType type) {
    std::size_t escape_tokens = 0;
    if (type == TokenType::Text) {
      escape_tokens = escaped;
      escaped = 0;
    }
    const std::size_t consumed = buffer_start + buffer_length + escape_tokens;
    Token token{type, buffer, buffer_start, consumed};
    buffer.clear();
    buffer_length = 0;
    buffer_start = consumed;
    return token;
  };

  if (code_points.empty()) tokens.push_back(Token{TokenType::StartOfLine, "", 0, 0});

  for (const auto code_point : code_points) {
    if (!treat_as_text && code_point == "\\") {
      ++escaped;
      treat_as_text = true;
      continue;
    }
    TokenType current_type;
    if (!treat_as_text) {
      current_type = type_of(code_point);
    } else if (can_escape(code_point)) {
      current_type = TokenType::Text;
    } else {
      throw errors::cant_escape(expression, buffer_start + buffer_length + escaped);
    }
    treat_as_text = false;
    if (should_create_new_token(previous_type, current_type)) {
      tokens.push_back(convert_buffer_to_token(previous_type));
    }
    previous_type = current_type;
    buffer += code_point;
    ++buffer_length;
  }
  if (buffer_length > 0) tokens.push_back(convert_buffer_to_token(previous_type));
  if (treat_as_text) throw errors::end_of_line_can_not_be_escaped(expression);
  tokens.push_back(Token{TokenType::EndOfLine, "", code_points.size(), code_points.size()});
  return tokens;
}

}  // namespace troupe::cucumber_expressions
