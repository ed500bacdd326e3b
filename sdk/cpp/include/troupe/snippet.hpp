#pragma once
// Suggests a C++ step definition for an undefined step, with {int}, {float} and {string} guessed.
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

namespace snippet_detail {

inline bool is_boundary(std::string_view text, std::size_t index) {
  if (index >= text.size()) return true;
  const auto c = static_cast<unsigned char>(text[index]);
  return std::isspace(c) || (std::ispunct(c) && c != '_' && c != '-' && c != '.');
}

inline bool starts_word(std::string_view text, std::size_t index) {
  if (index == 0) return true;
  const auto c = static_cast<unsigned char>(text[index - 1]);
  return std::isspace(c) || (std::ispunct(c) && c != '_' && c != '-' && c != '.');
}

// Length of a quoted string starting at `index`, or 0.
inline std::size_t quoted_length(std::string_view text, std::size_t index) {
  const char quote = text[index];
  if (quote != '"' && quote != '\'') return 0;
  for (std::size_t i = index + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      return i + 1 - index;
    }
  }
  return 0;
}

// Length of an integer or decimal number at `index` (and whether it has a fraction), or 0.
inline std::size_t number_length(std::string_view text, std::size_t index, bool& is_float) {
  std::size_t i = index;
  if (i < text.size() && text[i] == '-') ++i;
  const std::size_t digits_start = i;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  is_float = false;
  if (i + 1 < text.size() && text[i] == '.' &&
      std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
    is_float = true;
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  }
  if (i == digits_start || !is_boundary(text, i)) return 0;
  return i - index;
}

inline std::string cpp_string_literal(std::string_view text) {
  std::string literal = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') literal += '\\';
    literal += c;
  }
  return literal + '"';
}

}  // namespace snippet_detail

struct GeneratedExpression {
  std::string expression;
  std::vector<std::string> parameter_types;  // int, float or string, in order
};

inline GeneratedExpression generate_expression(std::string_view text) {
  using namespace snippet_detail;
  GeneratedExpression generated;
  std::size_t i = 0;
  while (i < text.size()) {
    if (starts_word(text, i)) {
      if (const auto length = quoted_length(text, i); length > 0) {
        generated.expression += "{string}";
        generated.parameter_types.push_back("string");
        i += length;
        continue;
      }
      bool is_float = false;
      if (const auto length = number_length(text, i, is_float); length > 0) {
        generated.expression += is_float ? "{float}" : "{int}";
        generated.parameter_types.push_back(is_float ? "float" : "int");
        i += length;
        continue;
      }
    }
    const char c = text[i];
    if (c == '(' || c == ')' || c == '{' || c == '}' || c == '/' || c == '\\') {
      generated.expression += '\\';
    }
    generated.expression += c;
    ++i;
  }
  return generated;
}

// `step_type` is given, when or then.
inline std::string cpp_snippet(std::string_view step_type, std::string_view text) {
  const auto generated = generate_expression(text);
  std::string parameters = "troupe::Step& step";
  int ints = 0, floats = 0, strings = 0;
  for (const auto& type : generated.parameter_types) {
    if (type == "int") parameters += ", int int" + std::to_string(++ints);
    if (type == "float") parameters += ", double float" + std::to_string(++floats);
    if (type == "string") parameters += ", std::string string" + std::to_string(++strings);
  }
  const std::string method = step_type.empty() ? std::string("given") : std::string(step_type);
  return "servo." + method + "(" + snippet_detail::cpp_string_literal(generated.expression) +
         ", [](" + parameters +
         ") {\n  throw troupe::PendingError(\"TODO: implement this step\");\n});";
}

}  // namespace troupe
