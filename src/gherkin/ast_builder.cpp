#include "gherkin/ast_builder.hpp"

#include <iterator>
#include <utility>

namespace troupe::gherkin {

// One open grammar rule and what its finished children produced.
struct AstBuilder::Node {
  RuleType rule = RuleType::None;
  std::vector<Token> tokens;
  std::vector<Token> tag_tokens;  // from the Tags child; ids are given later
  std::string description;
  std::vector<Step> steps;
  std::optional<DataTable> data_table;
  std::optional<DocString> doc_string;
  std::optional<Background> background;
  std::vector<Scenario> scenarios;
  std::vector<Rule> rules;
  std::vector<Examples> examples;
  std::optional<std::vector<TableRow>> examples_table;
  std::unique_ptr<Node> inner;  // FeatureHeader, RuleHeader, Scenario or Examples
  std::optional<Feature> feature;

  // Empties the node for reuse; vectors keep their capacity.
  void clear() {
    rule = RuleType::None;
    tokens.clear();
    tag_tokens.clear();
    description.clear();
    steps.clear();
    data_table.reset();
    doc_string.reset();
    background.reset();
    scenarios.clear();
    rules.clear();
    examples.clear();
    examples_table.reset();
    feature.reset();
  }

  Token* token(TokenType type) {
    for (auto& t : tokens)
      if (t.matched_type == type) return &t;
    return nullptr;
  }
};

namespace {

// The token is read once, so its strings are moved into the AST, not copied (speed).
std::string take_text(Token& token) {
  return token.matched_text ? std::move(*token.matched_text) : std::string();
}
std::string take_keyword(Token& token) {
  return token.matched_keyword ? std::move(*token.matched_keyword) : std::string();
}

// Moves the elements of a node's scratch vector into an exactly sized one: the
// scratch vector keeps its capacity for the next node, and the AST's vector is
// allocated once instead of growing push by push (speed).
template <typename T>
std::vector<T> take_exact(std::vector<T>& scratch) {
  std::vector<T> out;
  out.reserve(scratch.size());
  std::move(scratch.begin(), scratch.end(), std::back_inserter(out));
  scratch.clear();
  return out;
}

}  // namespace

AstBuilder::AstBuilder(IdGenerator& ids) : ids_(ids) {
  stack_.push_back(std::make_unique<Node>());
}

AstBuilder::~AstBuilder() = default;

void AstBuilder::start_rule(RuleType rule) {
  std::unique_ptr<Node> node;
  if (free_.empty()) {
    node = std::make_unique<Node>();
  } else {
    node = std::move(free_.back());
    free_.pop_back();
  }
  node->rule = rule;
  stack_.push_back(std::move(node));
}

void AstBuilder::recycle(std::unique_ptr<Node> node) {
  if (!node) return;
  recycle(std::move(node->inner));
  node->clear();
  free_.push_back(std::move(node));
}

RuleType AstBuilder::current_rule() const {
  return stack_.back()->rule;
}

void AstBuilder::build(Token&& token) {
  if (token.matched_type == TokenType::Comment) {
    comments_.push_back({token.location, std::move(token.matched_text)});
    return;
  }
  Node& node = *stack_.back();
  // Blank lines only matter inside descriptions; skipping them elsewhere saves memory.
  if (token.matched_type == TokenType::Empty && node.rule != RuleType::Description) return;
  if (token.matched_type == TokenType::EndOfFile) return;
  node.tokens.push_back(std::move(token));
}

void AstBuilder::end_rule() {
  if (stack_.size() < 2) return;
  std::unique_ptr<Node> node = std::move(stack_.back());
  stack_.pop_back();
  Node& parent = *stack_.back();
  switch (node->rule) {
    case RuleType::FeatureHeader:
    case RuleType::RuleHeader:
    case RuleType::Scenario:
    case RuleType::Examples:
      // Read when the parent rule ends.
      recycle(std::move(parent.inner));
      parent.inner = std::move(node);
      return;
    default:
      break;
  }
  try {
    transform(*node, parent);
  } catch (...) {
    recycle(std::move(node));
    throw;
  }
  recycle(std::move(node));
}

std::optional<GherkinDocument> AstBuilder::take_result() {
  return std::move(result_);
}

std::vector<Tag> AstBuilder::tags_of(std::vector<Token>& tag_tokens) {
  std::vector<Tag> tags;
  std::size_t count = 0;
  for (const auto& token : tag_tokens) count += token.matched_items.size();
  tags.reserve(count);
  for (auto& token : tag_tokens)
    for (auto& item : token.matched_items)
      tags.push_back({{token.location.line, item.location.column}, std::move(item.value), ids_.next()});
  return tags;
}

std::vector<TableRow> AstBuilder::table_rows(Node& node) {
  std::vector<TableRow> rows;
  rows.reserve(node.tokens.size());
  for (auto& token : node.tokens) {
    if (token.matched_type != TokenType::TableRow) continue;
    TableRow row;
    row.id = ids_.next();
    row.location = token.location;
    row.cells = std::move(token.matched_items);  // already TableCells of this line
    rows.push_back(std::move(row));
  }
  for (const auto& row : rows)
    if (row.cells.size() != rows.front().cells.size())
      throw GherkinException{make_error(row.location, "inconsistent cell count within the table")};
  return rows;
}

void AstBuilder::transform(Node& node, Node& parent) {
  switch (node.rule) {
    case RuleType::Step: {
      Token* line = node.token(TokenType::StepLine);
      if (line == nullptr) return;
      Step step;
      step.id = ids_.next();
      step.location = line->location;
      step.keyword = take_keyword(*line);
      step.keyword_type = line->matched_keyword_type;
      step.text = take_text(*line);
      step.data_table = std::move(node.data_table);
      step.doc_string = std::move(node.doc_string);
      parent.steps.push_back(std::move(step));
      return;
    }
    case RuleType::DocString: {
      Token* separator = node.token(TokenType::DocStringSeparator);
      if (separator == nullptr) return;
      DocString doc;
      doc.location = separator->location;
      if (separator->matched_text && !separator->matched_text->empty())
        doc.media_type = std::move(separator->matched_text);
      doc.delimiter = take_keyword(*separator);
      bool first = true;
      for (const auto& token : node.tokens) {
        if (token.matched_type != TokenType::Other) continue;
        if (!first) doc.content += '\n';
        first = false;
        if (token.matched_text) doc.content += *token.matched_text;
      }
      parent.doc_string = std::move(doc);
      return;
    }
    case RuleType::DataTable: {
      auto rows = table_rows(node);
      if (rows.empty()) return;
      DataTable table;
      table.location = rows.front().location;
      table.rows = std::move(rows);
      parent.data_table = std::move(table);
      return;
    }
    case RuleType::Background: {
      Token* line = node.token(TokenType::BackgroundLine);
      if (line == nullptr) return;
      Background background;
      background.id = ids_.next();
      background.location = line->location;
      background.keyword = take_keyword(*line);
      background.name = take_text(*line);
      background.description = std::move(node.description);
      background.steps = take_exact(node.steps);
      parent.background = std::move(background);
      return;
    }
    case RuleType::ScenarioDefinition: {
      auto tags = tags_of(node.tag_tokens);
      if (!node.inner) return;
      Node& scenario_node = *node.inner;
      Token* line = scenario_node.token(TokenType::ScenarioLine);
      if (line == nullptr) return;
      Scenario scenario;
      scenario.id = ids_.next();
      scenario.tags = std::move(tags);
      scenario.location = line->location;
      scenario.keyword = take_keyword(*line);
      scenario.name = take_text(*line);
      scenario.description = std::move(scenario_node.description);
      scenario.steps = take_exact(scenario_node.steps);
      scenario.examples = take_exact(scenario_node.examples);
      parent.scenarios.push_back(std::move(scenario));
      return;
    }
    case RuleType::ExamplesDefinition: {
      auto tags = tags_of(node.tag_tokens);
      if (!node.inner) return;
      Node& examples_node = *node.inner;
      Token* line = examples_node.token(TokenType::ExamplesLine);
      if (line == nullptr) return;
      Examples examples;
      examples.id = ids_.next();
      examples.tags = std::move(tags);
      examples.location = line->location;
      examples.keyword = take_keyword(*line);
      examples.name = take_text(*line);
      examples.description = std::move(examples_node.description);
      if (examples_node.examples_table && !examples_node.examples_table->empty()) {
        auto& rows = *examples_node.examples_table;
        examples.table_header = std::move(rows.front());
        examples.table_body.assign(std::make_move_iterator(rows.begin() + 1),
                                   std::make_move_iterator(rows.end()));
      }
      parent.examples.push_back(std::move(examples));
      return;
    }
    case RuleType::ExamplesTable:
      parent.examples_table = table_rows(node);
      return;
    case RuleType::Tags:
      std::swap(parent.tag_tokens, node.tokens);
      return;
    case RuleType::Description: {
      // Lines from the first to the last text line; comments are not part of it
      // and blank lines inside count as empty lines.
      std::size_t first = node.tokens.size(), last = 0;
      for (std::size_t i = 0; i < node.tokens.size(); ++i) {
        if (node.tokens[i].matched_type != TokenType::Other) continue;
        if (first == node.tokens.size()) first = i;
        last = i;
      }
      std::string description;
      for (std::size_t i = first; i < node.tokens.size() && i <= last; ++i) {
        const Token& token = node.tokens[i];
        if (token.matched_type != TokenType::Other && token.matched_type != TokenType::Empty)
          continue;
        if (i != first) description += '\n';
        if (token.matched_type == TokenType::Other && token.matched_text)
          description += *token.matched_text;
      }
      parent.description = std::move(description);
      return;
    }
    case RuleType::FeatureHeader:
    case RuleType::RuleHeader:
    case RuleType::Scenario:
    case RuleType::Examples:
      return;  // kept whole by end_rule
    case RuleType::Feature: {
      if (!node.inner) return;
      Node& header = *node.inner;
      auto tags = tags_of(header.tag_tokens);
      Token* line = header.token(TokenType::FeatureLine);
      if (line == nullptr) return;
      Feature feature;
      feature.tags = std::move(tags);
      feature.location = line->location;
      feature.language = std::string(line->matched_dialect);
      feature.keyword = std::move(line->matched_keyword);
      feature.name = take_text(*line);
      feature.description = std::move(header.description);
      feature.children.reserve(node.scenarios.size() + node.rules.size() + 1);
      // Children are built in place: a FeatureChild is large to move (speed).
      if (node.background) feature.children.emplace_back().background = std::move(node.background);
      for (auto& scenario : node.scenarios)
        feature.children.emplace_back().scenario.emplace(std::move(scenario));
      for (auto& rule : node.rules) feature.children.emplace_back().rule.emplace(std::move(rule));
      parent.feature = std::move(feature);
      return;
    }
    case RuleType::Rule: {
      if (!node.inner) return;
      Node& header = *node.inner;
      Token* line = header.token(TokenType::RuleLine);
      if (line == nullptr) return;
      Rule rule;
      rule.tags = tags_of(header.tag_tokens);
      rule.id = ids_.next();
      rule.location = line->location;
      rule.keyword = take_keyword(*line);
      rule.name = take_text(*line);
      rule.description = std::move(header.description);
      rule.children.reserve(node.scenarios.size() + 1);
      if (node.background) rule.children.emplace_back().background = std::move(node.background);
      for (auto& scenario : node.scenarios)
        rule.children.emplace_back().scenario.emplace(std::move(scenario));
      parent.rules.push_back(std::move(rule));
      return;
    }
    case RuleType::GherkinDocument: {
      GherkinDocument document;
      document.feature = std::move(node.feature);
      document.comments = std::move(comments_);
      result_ = std::move(document);
      return;
    }
    case RuleType::None:
      return;
  }
}

}  // namespace troupe::gherkin
