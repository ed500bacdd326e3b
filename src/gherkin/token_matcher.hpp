#pragma once
// Decides which token type a line is. The parser asks in the order its state
// dictates; a match fills the token. Errors are thrown as GherkinException.
#include "gherkin/token.hpp"

namespace troupe::gherkin {

class TokenMatcher {
 public:
  virtual ~TokenMatcher() = default;
  virtual bool match_eof(Token& token) = 0;
  virtual bool match_empty(Token& token) = 0;
  virtual bool match_comment(Token& token) = 0;
  virtual bool match_tag_line(Token& token) = 0;
  virtual bool match_feature_line(Token& token) = 0;
  virtual bool match_rule_line(Token& token) = 0;
  virtual bool match_background_line(Token& token) = 0;
  virtual bool match_scenario_line(Token& token) = 0;
  virtual bool match_examples_line(Token& token) = 0;
  virtual bool match_step_line(Token& token) = 0;
  virtual bool match_doc_string_separator(Token& token) = 0;
  virtual bool match_table_row(Token& token) = 0;
  virtual bool match_language(Token& token) = 0;
  virtual bool match_other(Token& token) = 0;
};

}  // namespace troupe::gherkin
