#pragma once
// Token matcher for plain .feature files (media type text/x.cucumber.gherkin+plain).
#include <string>

#include "gherkin/dialect.hpp"
#include "gherkin/token_matcher.hpp"

namespace troupe::gherkin {

class ClassicTokenMatcher final : public TokenMatcher {
 public:
  ClassicTokenMatcher();
  bool match_eof(Token& token) override;
  bool match_empty(Token& token) override;
  bool match_comment(Token& token) override;
  bool match_tag_line(Token& token) override;
  bool match_feature_line(Token& token) override;
  bool match_rule_line(Token& token) override;
  bool match_background_line(Token& token) override;
  bool match_scenario_line(Token& token) override;
  bool match_examples_line(Token& token) override;
  bool match_step_line(Token& token) override;
  bool match_doc_string_separator(Token& token) override;
  bool match_table_row(Token& token) override;
  bool match_language(Token& token) override;
  bool match_other(Token& token) override;

 private:
  bool may_start_keyword(const Token& token) const;
  bool match_title_line(Token& token, TokenType type, const std::vector<std::string>& keywords);
  bool match_separator(Token& token, const char* separator, bool open);
  void set_matched(Token& token, TokenType type, std::optional<std::string> text = std::nullopt,
                   std::optional<std::string> keyword = std::nullopt, int indent = -1);

  const Dialect* dialect_;
  const char* active_separator_ = nullptr;  // of the open doc string
  int indent_to_remove_ = 0;
};

}  // namespace troupe::gherkin
