#pragma once
// Pickles: the executable form of a scenario, as Cucumber compiles them.
// The fields mirror Cucumber Messages' `pickle`; the fields marked "troupe" are
// extra facts later stages need (routing looks at the keyword, reports at lines)
// and are never serialized into the pickle message.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace troupe::gherkin {

struct Location {
  int line = 0;
  int column = 0;  // 0 when unknown
};

// Cucumber's PickleStepType: And/But inherit the previous step's type.
enum class PickleStepType { Unknown, Context, Action, Outcome };
// Cucumber's StepKeywordType of the AST step the pickle step came from.
enum class KeywordType { Unknown, Context, Action, Outcome, Conjunction };

struct PickleTableRow {
  std::vector<std::string> cells;
};
struct PickleTable {
  std::vector<PickleTableRow> rows;
};
struct PickleDocString {
  std::string content;
  std::optional<std::string> media_type;
};
struct PickleStepArgument {
  std::optional<PickleDocString> doc_string;
  std::optional<PickleTable> data_table;
  // When a step has both a doc string and a data table: their 1-based order in
  // the source (Cucumber's argumentIndex); 0 otherwise.
  int doc_string_argument_index = 0;
  int data_table_argument_index = 0;
};

struct PickleStep {
  std::string id;
  std::string text;
  PickleStepType type = PickleStepType::Unknown;
  std::vector<std::string> ast_node_ids;
  std::optional<PickleStepArgument> argument;
  // troupe:
  std::string keyword;  // as written, e.g. "Given " or "* "
  KeywordType keyword_type = KeywordType::Unknown;
  Location location;            // of the AST step
  bool from_background = false;  // true for steps copied from a Background
};

struct PickleTag {
  std::string name;  // with '@'
  std::string ast_node_id;
};

struct Pickle {
  std::string id;
  std::string uri;
  std::string name;
  std::string language;
  Location location;  // of the scenario, or of the example row for outlines
  std::vector<PickleStep> steps;
  std::vector<PickleTag> tags;  // feature -> rule -> scenario -> examples order
  std::vector<std::string> ast_node_ids;
  // troupe:
  std::string feature_name;
  std::string rule_name;  // empty when not inside a Rule
  Location scenario_location;  // of the Scenario / Scenario Outline line
  // For outline rows: (header, value) of the example row, in column order.
  std::vector<std::pair<std::string, std::string>> example_values;
};

}  // namespace troupe::gherkin
