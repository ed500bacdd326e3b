#pragma once
// The Gherkin document tree, mirroring Cucumber Messages' `gherkinDocument`.
#include <optional>
#include <string>
#include <vector>

#include "gherkin/pickle.hpp"

namespace troupe::gherkin {

struct Comment {
  Location location;
  std::optional<std::string> text;  // Markdown table separators carry no text
};

struct Tag {
  Location location;
  std::string name;  // with '@'
  std::string id;
};

struct TableCell {
  Location location;
  std::string value;
};

struct TableRow {
  Location location;
  std::vector<TableCell> cells;
  std::string id;
};

struct DataTable {
  Location location;
  std::vector<TableRow> rows;
};

struct DocString {
  Location location;
  std::optional<std::string> media_type;
  std::string content;
  std::string delimiter;
};

struct Step {
  Location location;
  std::string keyword;
  std::optional<KeywordType> keyword_type;
  std::string text;
  std::optional<DocString> doc_string;
  std::optional<DataTable> data_table;
  std::string id;
};

struct Background {
  Location location;
  std::string keyword;
  std::string name;
  std::string description;
  std::vector<Step> steps;
  std::string id;
};

struct Examples {
  Location location;
  std::vector<Tag> tags;
  std::string keyword;
  std::string name;
  std::string description;
  std::optional<TableRow> table_header;
  std::vector<TableRow> table_body;
  std::string id;
};

struct Scenario {
  Location location;
  std::vector<Tag> tags;
  std::string keyword;
  std::string name;
  std::string description;
  std::vector<Step> steps;
  std::vector<Examples> examples;
  std::string id;
};

struct RuleChild {
  std::optional<Background> background;
  std::optional<Scenario> scenario;
};

struct Rule {
  Location location;
  std::vector<Tag> tags;
  std::string keyword;
  std::string name;
  std::string description;
  std::vector<RuleChild> children;
  std::string id;
};

struct FeatureChild {
  std::optional<Background> background;
  std::optional<Scenario> scenario;
  std::optional<Rule> rule;
};

struct Feature {
  Location location;
  std::vector<Tag> tags;
  std::string language;
  std::optional<std::string> keyword;  // a Markdown file may have no "# Feature:" header
  std::string name;
  std::string description;
  std::vector<FeatureChild> children;
};

struct GherkinDocument {
  std::optional<Feature> feature;
  std::vector<Comment> comments;
};

}  // namespace troupe::gherkin
