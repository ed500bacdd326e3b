#include "gherkin/dialect.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "gherkin/text.hpp"

namespace troupe::gherkin {
namespace {

std::vector<std::string> strings_of(const nlohmann::json& language, const char* key) {
  std::vector<std::string> out;
  if (auto it = language.find(key); it != language.end() && it->is_array())
    for (const auto& keyword : *it) out.push_back(keyword.get<std::string>());
  return out;
}

void add_types(Dialect& d, const std::vector<std::string>& keywords, KeywordType type) {
  for (const auto& k : keywords) {
    auto [it, inserted] = d.keyword_types.emplace(k, type);
    if (!inserted && it->second != type) it->second = KeywordType::Unknown;
  }
}

// Removes repeated strings, keeping each first occurrence in place; returns the new end.
std::vector<std::string>::iterator unique_keep_first(std::vector<std::string>& v) {
  auto end = v.begin();
  for (auto it = v.begin(); it != v.end(); ++it)
    if (std::find(v.begin(), end, *it) == end) {
      if (it != end) *end = std::move(*it);
      ++end;
    }
  return end;
}

using DialectTable = std::map<std::string, Dialect, std::less<>>;

DialectTable load_dialects() {
  DialectTable table;
  auto json = nlohmann::json::parse(kGherkinLanguagesJson);
  for (auto& [code, language] : json.items()) {
    Dialect d;
    d.code = code;
    d.feature = strings_of(language, "feature");
    d.rule = strings_of(language, "rule");
    d.background = strings_of(language, "background");
    d.scenario = strings_of(language, "scenario");
    d.scenario_outline = strings_of(language, "scenarioOutline");
    d.examples = strings_of(language, "examples");
    d.given = strings_of(language, "given");
    d.when = strings_of(language, "when");
    d.then = strings_of(language, "then");
    d.and_ = strings_of(language, "and");
    d.but = strings_of(language, "but");
    for (const auto* list : {&d.given, &d.when, &d.then, &d.and_, &d.but})
      d.step_keywords.insert(d.step_keywords.end(), list->begin(), list->end());
    std::stable_sort(d.step_keywords.begin(), d.step_keywords.end(),
                     [](const std::string& a, const std::string& b) {
                       return text::count_utf16_units(a) > text::count_utf16_units(b);
                     });
    d.step_keywords.erase(unique_keep_first(d.step_keywords), d.step_keywords.end());
    add_types(d, d.given, KeywordType::Context);
    add_types(d, d.when, KeywordType::Action);
    add_types(d, d.then, KeywordType::Outcome);
    add_types(d, d.and_, KeywordType::Conjunction);
    add_types(d, d.but, KeywordType::Conjunction);
    for (const auto& keyword : d.step_keywords)
      d.step_keyword_types.push_back(d.keyword_type(keyword));
    for (const auto* list : {&d.feature, &d.rule, &d.background, &d.scenario, &d.scenario_outline,
                             &d.examples, &d.step_keywords})
      for (const auto& keyword : *list)
        if (keyword.empty())
          d.starts_keyword.fill(true);  // an empty keyword starts every line
        else
          d.starts_keyword[static_cast<unsigned char>(keyword[0])] = true;
    table.emplace(code, std::move(d));
  }
  return table;
}

}  // namespace

KeywordType Dialect::keyword_type(const std::string& keyword) const {
  auto it = keyword_types.find(keyword);
  return it == keyword_types.end() ? KeywordType::Unknown : it->second;
}

const Dialect* find_dialect(std::string_view code) {
  static const DialectTable table = load_dialects();  // thread-safe, loaded once
  auto it = table.find(code);
  return it == table.end() ? nullptr : &it->second;
}

}  // namespace troupe::gherkin
