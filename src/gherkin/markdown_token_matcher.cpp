#include "gherkin/markdown_token_matcher.hpp"

#include <algorithm>

#include "gherkin/text.hpp"

namespace troupe::gherkin {
namespace {

// /^:?-+:?$/ : a cell of a GitHub table's separator row.
bool is_separator_cell(std::string_view s) {
  if (s.starts_with(':')) s.remove_prefix(1);
  if (s.ends_with(':')) s.remove_suffix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c == '-'; });
}

bool is_gfm_table_separator(const std::vector<LineItem>& cells) {
  return std::any_of(cells.begin(), cells.end(),
                     [](const LineItem& cell) { return is_separator_cell(cell.value); });
}

}  // namespace

MarkdownTokenMatcher::MarkdownTokenMatcher() : dialect_(find_dialect("en")) {
  for (const auto* list :
       {&dialect_->given, &dialect_->when, &dialect_->then, &dialect_->and_, &dialect_->but})
    for (const auto& keyword : *list)
      if (keyword != "* " &&
          std::find(step_keywords_.begin(), step_keywords_.end(), keyword) == step_keywords_.end())
        step_keywords_.push_back(keyword);
  std::stable_sort(step_keywords_.begin(), step_keywords_.end(),
                   [](const std::string& a, const std::string& b) {
                     return text::count_utf16_units(a) > text::count_utf16_units(b);
                   });
}

bool MarkdownTokenMatcher::set_matched(Token& token, int indent, bool matched) {
  token.matched_dialect = dialect_->code;
  token.matched_indent = indent >= 0 ? indent : (token.eof ? 0 : token.line.indent());
  token.location.column = token.matched_indent + 1;
  return matched;
}

bool MarkdownTokenMatcher::match_language(Token&) {
  return false;  // Markdown files take their language from the caller, not from a header
}

bool MarkdownTokenMatcher::match_empty(Token& token) {
  bool result = !token.eof && token.line.empty();
  // Any line that is nothing else is neutral Markdown text.
  if (!match_tag_line(token) && !match_feature_line(token) && !match_scenario_line(token) &&
      !match_background_line(token) && !match_examples_line(token) && !match_rule_line(token) &&
      !match_table_row(token) && !match_comment(token) && !match_language(token) &&
      !match_doc_string_separator(token) && !match_eof(token) && !match_step_line(token))
    result = true;
  if (result) token.matched_type = TokenType::Empty;
  return set_matched(token, -1, result);
}

bool MarkdownTokenMatcher::match_other(Token& token) {
  token.matched_type = TokenType::Other;
  token.matched_text = std::string(token.line.line_text(indent_to_remove_));
  token.matched_indent = 0;
  return set_matched(token, -1, true);
}

bool MarkdownTokenMatcher::match_comment(Token& token) {
  bool result = false;
  if (!token.eof && token.line.starts_with("|") && is_gfm_table_separator(token.line.table_cells()))
    result = true;
  // Like the reference, the token type is left as it was: separator rows are
  // skipped like comments but never listed among the document's comments.
  return set_matched(token, -1, result);
}

bool MarkdownTokenMatcher::match_doc_string_separator(Token& token) {
  bool result = false;
  if (!token.eof) {
    std::string_view line = token.line.trimmed();
    if (active_separator_.empty()) {
      // /^(```[`]*)(.*)/
      std::size_t n = 0;
      while (n < line.size() && line[n] == '`') ++n;
      if (n >= 3) {
        active_separator_ = std::string(line.substr(0, n));
        indent_to_remove_ = token.line.indent();
        token.matched_keyword = active_separator_;
        token.matched_type = TokenType::DocStringSeparator;
        token.matched_text = std::string(line.substr(n));
        result = true;
      }
    } else if (line == active_separator_) {
      token.matched_keyword = active_separator_;
      token.matched_type = TokenType::DocStringSeparator;
      token.matched_text = std::string();
      active_separator_.clear();
      result = true;
    }
  }
  return set_matched(token, -1, result);
}

bool MarkdownTokenMatcher::match_eof(Token& token) {
  if (token.eof) token.matched_type = TokenType::EndOfFile;
  return set_matched(token, -1, token.eof);
}

bool MarkdownTokenMatcher::match_feature_line(Token& token) {
  if (matched_feature_line_) return set_matched(token, -1, false);
  bool result =
      match_title_line(Prefix::Header, dialect_->feature, true, token, TokenType::FeatureLine);
  // A Markdown document need not start with "# Feature:": its first line is the feature.
  if (!result && !token.eof) {
    token.matched_type = TokenType::FeatureLine;
    token.matched_text = std::string(token.line.trimmed());
    result = set_matched(token, -1, true);
  }
  matched_feature_line_ = result;
  return result;
}

bool MarkdownTokenMatcher::match_background_line(Token& token) {
  return match_title_line(Prefix::Header, dialect_->background, true, token,
                          TokenType::BackgroundLine);
}
bool MarkdownTokenMatcher::match_rule_line(Token& token) {
  return match_title_line(Prefix::Header, dialect_->rule, true, token, TokenType::RuleLine);
}
bool MarkdownTokenMatcher::match_scenario_line(Token& token) {
  return match_title_line(Prefix::Header, dialect_->scenario, true, token,
                          TokenType::ScenarioLine) ||
         match_title_line(Prefix::Header, dialect_->scenario_outline, true, token,
                          TokenType::ScenarioLine);
}
bool MarkdownTokenMatcher::match_examples_line(Token& token) {
  return match_title_line(Prefix::Header, dialect_->examples, true, token, TokenType::ExamplesLine);
}
bool MarkdownTokenMatcher::match_step_line(Token& token) {
  return match_title_line(Prefix::Bullet, step_keywords_, false, token, TokenType::StepLine);
}

bool MarkdownTokenMatcher::match_title_line(Prefix prefix, const std::vector<std::string>& keywords,
                                            bool colon, Token& token, TokenType type) {
  if (token.eof) return set_matched(token, -1, false);
  std::string_view line = token.line.trimmed();
  std::size_t prefix_bytes = 0;
  std::size_t prefix_units = 0;
  if (prefix == Prefix::Header) {
    // ^(#{1,6}\s)
    std::size_t hashes = 0;
    while (hashes < line.size() && line[hashes] == '#') ++hashes;
    std::size_t space = text::whitespace_length(line, hashes);
    if (hashes < 1 || hashes > 6 || space == 0) return set_matched(token, -1, false);
    prefix_bytes = hashes + space;
    prefix_units = hashes + 1;
  } else {
    // ^(\s*[*+-]\s*)
    std::size_t pos = 0;
    while (std::size_t len = text::whitespace_length(line, pos)) {
      pos += len;
      ++prefix_units;
    }
    if (pos >= line.size() || (line[pos] != '*' && line[pos] != '+' && line[pos] != '-'))
      return set_matched(token, -1, false);
    ++pos;
    ++prefix_units;
    while (std::size_t len = text::whitespace_length(line, pos)) {
      pos += len;
      ++prefix_units;
    }
    prefix_bytes = pos;
  }
  std::string_view rest = line.substr(prefix_bytes);
  for (const auto& keyword : keywords) {
    if (!rest.starts_with(keyword)) continue;
    if (colon && (rest.size() <= keyword.size() || rest[keyword.size()] != ':')) continue;
    token.matched_type = type;
    token.matched_keyword = keyword;
    if (auto it = dialect_->keyword_types.find(keyword); it != dialect_->keyword_types.end())
      token.matched_keyword_type = it->second;
    token.matched_text = std::string(text::trim(rest.substr(keyword.size() + (colon ? 1 : 0))));
    return set_matched(token, token.line.indent() + static_cast<int>(prefix_units), true);
  }
  return set_matched(token, -1, false);
}

bool MarkdownTokenMatcher::match_table_row(Token& token) {
  if (token.eof) return false;
  // /^\s\s\s?\s?\s?\|/ on the untrimmed line: tables are indented 2 to 5 spaces.
  std::string_view line = token.line.text();
  std::size_t pos = 0;
  int spaces = 0;
  while (spaces < 5) {
    std::size_t len = text::whitespace_length(line, pos);
    if (len == 0) break;
    pos += len;
    ++spaces;
  }
  if (spaces < 2 || pos >= line.size() || line[pos] != '|') return false;
  auto cells = token.line.table_cells();
  if (is_gfm_table_separator(cells)) return false;
  token.matched_keyword.emplace(1, '|');
  token.matched_type = TokenType::TableRow;
  token.matched_items = std::move(cells);
  return true;
}

bool MarkdownTokenMatcher::match_tag_line(Token& token) {
  if (token.eof) return false;
  // /`(@[^`]+)`/g
  std::string_view line = token.line.trimmed();
  std::vector<LineItem> tags;
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t tick = line.find("`@", pos);
    if (tick == std::string_view::npos) break;
    std::size_t close = line.find('`', tick + 2);
    if (close == std::string_view::npos) break;
    if (close == tick + 2) {
      pos = tick + 1;
      continue;
    }
    int column =
        token.line.indent() + static_cast<int>(text::count_utf16_units(line.substr(0, tick))) + 2;
    tags.push_back({{token.line.number(), column}, std::string(line.substr(tick + 1, close - tick - 1))});
    pos = close + 1;
  }
  if (tags.empty()) return false;
  token.matched_type = TokenType::TagLine;
  token.matched_items = std::move(tags);
  return true;
}

}  // namespace troupe::gherkin
