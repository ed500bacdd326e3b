#pragma once
// Token matcher for Markdown with Gherkin (.feature.md, media type
// text/x.cucumber.gherkin+markdown): headers hold keywords, bullets hold steps,
// tags sit in backticks and any other line is neutral.
#include <string>

#include "gherkin/dialect.hpp"
#include "gherkin/token_matcher.hpp"

namespace troupe::gherkin {

class MarkdownTokenMatcher final : public TokenMatcher {
 public:
  MarkdownTokenMatcher();
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
  enum class Prefix { Header, Bullet };
  bool match_title_line(Prefix prefix, const std::vector<std::string>& keywords, bool colon,
                        Token& token, TokenType type);
  bool set_matched(Token& token, int indent, bool matched);

  const Dialect* dialect_;
  std::vector<std::string> step_keywords_;  // without "* ", deduplicated, longest first
  std::string active_separator_;            // empty: no doc string open
  int indent_to_remove_ = 0;
  bool matched_feature_line_ = false;
};

}  // namespace troupe::gherkin
