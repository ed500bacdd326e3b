#include "gherkin/classic_token_matcher.hpp"

#include <algorithm>
#include <cstring>

#include "gherkin/text.hpp"

namespace troupe::gherkin {
namespace {

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string_view skip_spaces(std::string_view s) {
  return text::trim_left(s);
}

// /^\s*#\s*language\s*:\s*([a-zA-Z\-_]+)\s*$/ on the trimmed line.
std::optional<std::string_view> language_of(std::string_view s) {
  s = skip_spaces(s);
  if (!s.starts_with('#')) return std::nullopt;
  s = skip_spaces(s.substr(1));
  if (!s.starts_with("language")) return std::nullopt;
  s = skip_spaces(s.substr(8));
  if (!s.starts_with(':')) return std::nullopt;
  s = skip_spaces(s.substr(1));
  std::size_t n = 0;
  while (n < s.size() && (is_ascii_letter(s[n]) || s[n] == '-' || s[n] == '_')) ++n;
  if (n == 0 || !text::trim_left(s.substr(n)).empty()) return std::nullopt;
  return s.substr(0, n);
}

// A tag is "@" followed by non-space characters: /^\S+$/.
bool has_whitespace(std::string_view s) {
  for (std::size_t i = 0; i < s.size();
       i += text::sequence_length(static_cast<unsigned char>(s[i])))
    if (text::whitespace_length(s, i)) return true;
  return false;
}

}  // namespace

ClassicTokenMatcher::ClassicTokenMatcher() : dialect_(find_dialect("en")) {}

void ClassicTokenMatcher::set_matched(Token& token, TokenType type, std::optional<std::string> text,
                                      std::optional<std::string> keyword, int indent) {
  token.matched_type = type;
  token.matched_text = std::move(text);
  token.matched_keyword = std::move(keyword);
  token.matched_keyword_type.reset();
  token.matched_indent = indent >= 0 ? indent : (token.eof ? 0 : token.line.indent());
  token.matched_items.clear();
  token.location.column = token.matched_indent + 1;
  token.matched_dialect = dialect_->code;
}

bool ClassicTokenMatcher::match_eof(Token& token) {
  if (!token.eof) return false;
  set_matched(token, TokenType::EndOfFile);
  return true;
}

bool ClassicTokenMatcher::match_empty(Token& token) {
  if (!token.line.empty()) return false;
  set_matched(token, TokenType::Empty, std::nullopt, std::nullopt, 0);
  return true;
}

bool ClassicTokenMatcher::match_comment(Token& token) {
  if (!token.line.starts_with("#")) return false;
  set_matched(token, TokenType::Comment, std::string(token.line.line_text(0)), std::nullopt, 0);
  return true;
}

bool ClassicTokenMatcher::match_tag_line(Token& token) {
  if (!token.line.starts_with("@")) return false;
  std::string_view line = token.line.trimmed();
  // A comment starts at the first '#' that follows white space.
  for (std::size_t i = 0; i < line.size();) {
    std::size_t len = text::whitespace_length(line, i);
    if (len && i + len < line.size() && line[i + len] == '#') {
      line = line.substr(0, i);
      break;
    }
    i += len ? len : text::sequence_length(static_cast<unsigned char>(line[i]));
  }
  std::vector<LineItem> tags;
  tags.reserve(static_cast<std::size_t>(std::count(line.begin(), line.end(), '@')));  // speed
  int column = token.line.indent() + 1;
  std::size_t start = 0;
  bool first = true;
  while (start <= line.size()) {
    std::size_t at = line.find('@', start);
    std::string_view raw =
        line.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start);
    if (!first || !raw.empty()) {
      std::string_view item = text::trim_right(raw);
      if (!item.empty()) {
        if (has_whitespace(item))
          throw GherkinException{
              make_error({token.line.number(), column}, "A tag may not contain whitespace")};
        std::string name;
        name.reserve(item.size() + 1);
        name.push_back('@');
        name.append(item.data(), item.size());
        tags.push_back({{token.line.number(), column}, std::move(name)});
        column += static_cast<int>(text::count_code_points(raw)) + 1;
      }
    }
    first = false;
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  set_matched(token, TokenType::TagLine);
  token.matched_items = std::move(tags);
  return true;
}

bool ClassicTokenMatcher::may_start_keyword(const Token& token) const {
  std::string_view line = token.line.trimmed();
  return !line.empty() && dialect_->starts_keyword[static_cast<unsigned char>(line[0])];
}

bool ClassicTokenMatcher::match_title_line(Token& token, TokenType type,
                                           const std::vector<std::string>& keywords) {
  if (!may_start_keyword(token)) return false;
  for (const auto& keyword : keywords) {
    if (token.line.starts_with_title_keyword(keyword)) {
      set_matched(token, type, std::string(token.line.rest_trimmed(keyword.size() + 1)), keyword);
      return true;
    }
  }
  return false;
}

bool ClassicTokenMatcher::match_feature_line(Token& token) {
  return match_title_line(token, TokenType::FeatureLine, dialect_->feature);
}
bool ClassicTokenMatcher::match_rule_line(Token& token) {
  return match_title_line(token, TokenType::RuleLine, dialect_->rule);
}
bool ClassicTokenMatcher::match_background_line(Token& token) {
  return match_title_line(token, TokenType::BackgroundLine, dialect_->background);
}
bool ClassicTokenMatcher::match_scenario_line(Token& token) {
  return match_title_line(token, TokenType::ScenarioLine, dialect_->scenario) ||
         match_title_line(token, TokenType::ScenarioLine, dialect_->scenario_outline);
}
bool ClassicTokenMatcher::match_examples_line(Token& token) {
  return match_title_line(token, TokenType::ExamplesLine, dialect_->examples);
}

bool ClassicTokenMatcher::match_step_line(Token& token) {
  if (!may_start_keyword(token)) return false;
  const auto& keywords = dialect_->step_keywords;
  for (std::size_t i = 0; i < keywords.size(); ++i) {
    if (token.line.starts_with(keywords[i])) {
      set_matched(token, TokenType::StepLine,
                  std::string(token.line.rest_trimmed(keywords[i].size())), keywords[i]);
      token.matched_keyword_type = dialect_->step_keyword_types[i];
      return true;
    }
  }
  return false;
}

bool ClassicTokenMatcher::match_separator(Token& token, const char* separator, bool open) {
  if (!token.line.starts_with(separator)) return false;
  std::optional<std::string> media_type;
  if (open) {
    media_type = std::string(token.line.rest_trimmed(std::strlen(separator)));
    active_separator_ = separator;
    indent_to_remove_ = token.line.indent();
  } else {
    active_separator_ = nullptr;
    indent_to_remove_ = 0;
  }
  set_matched(token, TokenType::DocStringSeparator, std::move(media_type), std::string(separator));
  return true;
}

bool ClassicTokenMatcher::match_doc_string_separator(Token& token) {
  if (active_separator_ == nullptr)
    return match_separator(token, "\"\"\"", true) || match_separator(token, "```", true);
  return match_separator(token, active_separator_, false);
}

bool ClassicTokenMatcher::match_table_row(Token& token) {
  if (!token.line.starts_with("|")) return false;
  set_matched(token, TokenType::TableRow);
  token.matched_items = token.line.table_cells();
  return true;
}

bool ClassicTokenMatcher::match_language(Token& token) {
  auto language = language_of(token.line.trimmed());
  if (!language) return false;
  set_matched(token, TokenType::Language, std::string(*language));
  const Dialect* dialect = find_dialect(*language);
  if (dialect == nullptr)
    throw GherkinException{
        make_error(token.location, "Language not supported: " + std::string(*language))};
  dialect_ = dialect;
  token.matched_dialect = dialect_->code;
  return true;
}

bool ClassicTokenMatcher::match_other(Token& token) {
  std::string_view line = token.line.line_text(indent_to_remove_);
  std::string unescaped;
  // Like the reference, only the first escaped delimiter of a line is unescaped.
  auto unescape_first = [&](std::string_view escaped, std::string_view plain) {
    std::size_t at = line.find(escaped);
    if (at == std::string_view::npos) return std::string(line);
    std::string out(line.substr(0, at));
    out += plain;
    out += line.substr(at + escaped.size());
    return out;
  };
  if (active_separator_ != nullptr && active_separator_[0] == '"')
    unescaped = unescape_first("\\\"\\\"\\\"", "\"\"\"");
  else if (active_separator_ != nullptr)
    unescaped = unescape_first("\\`\\`\\`", "```");
  else
    unescaped = std::string(line);
  set_matched(token, TokenType::Other, std::move(unescaped), std::nullopt, 0);
  return true;
}

}  // namespace troupe::gherkin
