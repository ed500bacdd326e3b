#include "gherkin/token.hpp"

namespace troupe::gherkin {

const char* token_type_name(TokenType type) {
  switch (type) {
    case TokenType::None:
      return "#None";
    case TokenType::EndOfFile:
      return "#EOF";
    case TokenType::Empty:
      return "#Empty";
    case TokenType::Comment:
      return "#Comment";
    case TokenType::TagLine:
      return "#TagLine";
    case TokenType::FeatureLine:
      return "#FeatureLine";
    case TokenType::RuleLine:
      return "#RuleLine";
    case TokenType::BackgroundLine:
      return "#BackgroundLine";
    case TokenType::ScenarioLine:
      return "#ScenarioLine";
    case TokenType::ExamplesLine:
      return "#ExamplesLine";
    case TokenType::StepLine:
      return "#StepLine";
    case TokenType::DocStringSeparator:
      return "#DocStringSeparator";
    case TokenType::TableRow:
      return "#TableRow";
    case TokenType::Language:
      return "#Language";
    case TokenType::Other:
      return "#Other";
  }
  return "#None";
}

GherkinError make_error(Location location, const std::string& message) {
  std::string text;
  text.reserve(message.size() + 24);
  text.append(1, '(').append(std::to_string(location.line)).append(1, ':');
  text.append(std::to_string(location.column)).append("): ").append(message);
  return {location, std::move(text)};
}

}  // namespace troupe::gherkin
