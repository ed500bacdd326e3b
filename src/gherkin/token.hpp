#pragma once
// A scanned line and what the token matcher recognised in it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gherkin/line.hpp"
#include "gherkin/pickle.hpp"

namespace troupe::gherkin {

enum class TokenType {
  None,
  EndOfFile,
  Empty,
  Comment,
  TagLine,
  FeatureLine,
  RuleLine,
  BackgroundLine,
  ScenarioLine,
  ExamplesLine,
  StepLine,
  DocStringSeparator,
  TableRow,
  Language,
  Other,
};

// The name used in parse error messages, e.g. "#StepLine".
const char* token_type_name(TokenType type);

struct Token {
  bool eof = false;
  GherkinLine line;
  Location location;  // column is set by the matcher
  TokenType matched_type = TokenType::None;
  std::optional<std::string> matched_text;
  std::optional<std::string> matched_keyword;
  std::optional<KeywordType> matched_keyword_type;
  int matched_indent = 0;
  std::vector<LineItem> matched_items;
  std::string_view matched_dialect;  // code of a dialect in the static table
};

// A parse error with the reference's message text, e.g. "(2:1): expected: ...".
struct GherkinError {
  Location location;
  std::string message;
};

// Raised by matchers and the AST builder; the parser records it and goes on.
struct GherkinException {
  GherkinError error;
};

GherkinError make_error(Location location, const std::string& message);

}  // namespace troupe::gherkin
