#pragma once
// Builds Pickle values by hand for plan tests, without the Gherkin parser.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "gherkin/pickle.hpp"

namespace troupe::plan::testing {

class PickleBuilder {
 public:
  explicit PickleBuilder(std::string name, std::string uri = "features/a.feature", int line = 3) {
    pickle_.id = uri + ":" + std::to_string(line);
    pickle_.uri = std::move(uri);
    pickle_.name = std::move(name);
    pickle_.language = "en";
    pickle_.location = {line, 3};
    pickle_.scenario_location = {line, 3};
    next_line_ = line + 1;
  }

  // keyword as written ("Given ", "And ", "* "); type follows Cucumber's rules.
  PickleBuilder& step(const std::string& keyword, std::string text, bool background = false) {
    gherkin::PickleStep step;
    step.id = "s" + std::to_string(pickle_.steps.size());
    step.text = std::move(text);
    step.keyword = keyword;
    step.from_background = background;
    step.location = {next_line_++, 5};
    if (keyword == "Given ") {
      step.keyword_type = gherkin::KeywordType::Context;
    } else if (keyword == "When ") {
      step.keyword_type = gherkin::KeywordType::Action;
    } else if (keyword == "Then ") {
      step.keyword_type = gherkin::KeywordType::Outcome;
    } else if (keyword == "And " || keyword == "But ") {
      step.keyword_type = gherkin::KeywordType::Conjunction;
    } else {
      step.keyword_type = gherkin::KeywordType::Unknown;
    }
    const auto effective = step.keyword_type == gherkin::KeywordType::Conjunction
                               ? last_keyword_type_
                               : step.keyword_type;
    if (step.keyword_type != gherkin::KeywordType::Conjunction)
      last_keyword_type_ = step.keyword_type;
    switch (effective) {
      case gherkin::KeywordType::Context:
        step.type = gherkin::PickleStepType::Context;
        break;
      case gherkin::KeywordType::Action:
        step.type = gherkin::PickleStepType::Action;
        break;
      case gherkin::KeywordType::Outcome:
        step.type = gherkin::PickleStepType::Outcome;
        break;
      default:
        step.type = gherkin::PickleStepType::Unknown;
    }
    pickle_.steps.push_back(std::move(step));
    return *this;
  }
  PickleBuilder& given(std::string text) { return step("Given ", std::move(text)); }
  PickleBuilder& when(std::string text) { return step("When ", std::move(text)); }
  PickleBuilder& then(std::string text) { return step("Then ", std::move(text)); }
  PickleBuilder& and_(std::string text) { return step("And ", std::move(text)); }
  PickleBuilder& star(std::string text) { return step("* ", std::move(text)); }
  PickleBuilder& background_given(std::string text) {
    return step("Given ", std::move(text), true);
  }

  PickleBuilder& tag(std::string name) {
    pickle_.tags.push_back({std::move(name), "t" + std::to_string(pickle_.tags.size())});
    return *this;
  }
  // Makes the pickle an outline row at `row_line` with these (header, value) pairs.
  PickleBuilder& row(int row_line, std::vector<std::pair<std::string, std::string>> values) {
    pickle_.location = {row_line, 7};
    pickle_.example_values = std::move(values);
    return *this;
  }
  PickleBuilder& doc_string(std::string content) {
    gherkin::PickleStepArgument argument;
    argument.doc_string = gherkin::PickleDocString{std::move(content), std::nullopt};
    pickle_.steps.back().argument = std::move(argument);
    return *this;
  }

  gherkin::Pickle build() const { return pickle_; }
  std::shared_ptr<const gherkin::Pickle> shared() const {
    return std::make_shared<const gherkin::Pickle>(pickle_);
  }

 private:
  gherkin::Pickle pickle_;
  int next_line_ = 1;
  gherkin::KeywordType last_keyword_type_ = gherkin::KeywordType::Unknown;
};

// cpp, python, rust (config order), no role limits.
inline config::Config three_platform_config() {
  config::Config config;
  config.file = "/suite/troupe.json";
  config.dir = "/suite";
  for (const char* name : {"cpp", "python", "rust"}) {
    config::Platform platform;
    platform.name = name;
    platform.command = {std::string("./servo-") + name};
    config.platforms.push_back(platform);
  }
  return config;
}

}  // namespace troupe::plan::testing
