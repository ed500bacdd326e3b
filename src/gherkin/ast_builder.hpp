#pragma once
// Builds the GherkinDocument from the parser's rule start/end events, assigning
// ids in the same order as the reference AstBuilder (a node gets its id when its
// rule ends; tags get theirs when the rule that owns them ends).
#include <memory>
#include <optional>
#include <vector>

#include "gherkin/ast.hpp"
#include "gherkin/id_generator.hpp"
#include "gherkin/token.hpp"

namespace troupe::gherkin {

enum class RuleType {
  None,
  GherkinDocument,
  Feature,
  FeatureHeader,
  Rule,
  RuleHeader,
  Background,
  ScenarioDefinition,
  Scenario,
  ExamplesDefinition,
  Examples,
  ExamplesTable,
  Step,
  DataTable,
  DocString,
  Tags,
  Description,
};

class AstBuilder {
 public:
  explicit AstBuilder(IdGenerator& ids);
  ~AstBuilder();

  void start_rule(RuleType rule);
  // Throws GherkinException (e.g. inconsistent cell count); the node is dropped.
  void end_rule();
  void build(Token&& token);
  RuleType current_rule() const;
  std::size_t depth() const { return stack_.size(); }
  // The document, once the GherkinDocument rule has ended.
  std::optional<GherkinDocument> take_result();

  struct Node;

 private:
  std::vector<Tag> tags_of(std::vector<Token>& tag_tokens);
  std::vector<TableRow> table_rows(Node& node);
  void transform(Node& node, Node& parent);
  void recycle(std::unique_ptr<Node> node);

  IdGenerator& ids_;
  std::vector<std::unique_ptr<Node>> stack_;
  std::vector<std::unique_ptr<Node>> free_;  // finished nodes, reused to spare allocations
  std::vector<Comment> comments_;
  std::optional<GherkinDocument> result_;
};

}  // namespace troupe::gherkin
