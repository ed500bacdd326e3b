#include "gherkin/compiler.hpp"

#include <string_view>

namespace troupe::gherkin {
namespace {

class Compiler {
 public:
  Compiler(const Feature& feature, const std::string& uri, IdGenerator& ids,
           std::vector<Pickle>& out)
      : feature_(feature), uri_(uri), ids_(ids), out_(out) {}

  void run() {
    std::vector<const Step*> background;
    std::vector<const Tag*> tags;
    for (const auto& tag : feature_.tags) tags.push_back(&tag);
    for (const auto& child : feature_.children) {
      if (child.background) {
        background.clear();
        for (const auto& step : child.background->steps) background.push_back(&step);
      } else if (child.rule) {
        compile_rule(*child.rule, tags, background);
      } else if (child.scenario) {
        compile_scenario(*child.scenario, tags, background, "");
      }
    }
  }

 private:
  void compile_rule(const Rule& rule, std::vector<const Tag*> tags,
                    std::vector<const Step*> background) {
    for (const auto& tag : rule.tags) tags.push_back(&tag);
    for (const auto& child : rule.children) {
      if (child.background) {
        for (const auto& step : child.background->steps) background.push_back(&step);
      } else if (child.scenario) {
        compile_scenario(*child.scenario, tags, background, rule.name);
      }
    }
  }

  void compile_scenario(const Scenario& scenario, const std::vector<const Tag*>& inherited,
                        const std::vector<const Step*>& background, const std::string& rule_name) {
    if (scenario.examples.empty()) {
      Pickle pickle = start_pickle(scenario, rule_name);
      reserve_pickle(pickle, scenario, inherited, background, nullptr);
      KeywordType last = KeywordType::Unknown;
      if (!scenario.steps.empty())
        for (const Step* step : background)
          pickle.steps.push_back(pickle_step(*step, nullptr, nullptr, last, true));
      for (const auto& step : scenario.steps)
        pickle.steps.push_back(pickle_step(step, nullptr, nullptr, last, false));
      pickle.id = ids_.next();
      pickle.location = scenario.location;
      pickle.ast_node_ids = {scenario.id};
      for (const Tag* tag : inherited) pickle.tags.push_back({tag->name, tag->id});
      for (const auto& tag : scenario.tags) pickle.tags.push_back({tag.name, tag.id});
      pickle.name = scenario.name;
      out_.push_back(std::move(pickle));
      return;
    }
    for (const auto& examples : scenario.examples) {
      if (!examples.table_header) continue;
      const auto& header = examples.table_header->cells;
      for (const auto& row : examples.table_body) {
        Pickle pickle = start_pickle(scenario, rule_name);
        reserve_pickle(pickle, scenario, inherited, background, &examples);
        pickle.example_values.reserve(header.size());
        KeywordType last = KeywordType::Unknown;
        if (!scenario.steps.empty())
          for (const Step* step : background)
            pickle.steps.push_back(pickle_step(*step, nullptr, nullptr, last, true));
        for (const auto& step : scenario.steps)
          pickle.steps.push_back(pickle_step(step, &header, &row, last, false));
        pickle.id = ids_.next();
        pickle.location = row.location;
        pickle.ast_node_ids = {scenario.id, row.id};
        for (const Tag* tag : inherited) pickle.tags.push_back({tag->name, tag->id});
        for (const auto& tag : scenario.tags) pickle.tags.push_back({tag.name, tag.id});
        for (const auto& tag : examples.tags) pickle.tags.push_back({tag.name, tag.id});
        pickle.name = interpolate(scenario.name, &header, &row);
        for (std::size_t i = 0; i < header.size() && i < row.cells.size(); ++i)
          pickle.example_values.emplace_back(header[i].value, row.cells[i].value);
        out_.push_back(std::move(pickle));
      }
    }
  }

  Pickle start_pickle(const Scenario& scenario, const std::string& rule_name) {
    Pickle pickle;
    pickle.uri = uri_;
    pickle.language = feature_.language;
    pickle.feature_name = feature_.name;
    pickle.rule_name = rule_name;
    pickle.scenario_location = scenario.location;
    return pickle;
  }

  // Sizes the pickle's vectors up front: growing them one push at a time was a
  // large share of the allocations (speed).
  static void reserve_pickle(Pickle& pickle, const Scenario& scenario,
                             const std::vector<const Tag*>& inherited,
                             const std::vector<const Step*>& background,
                             const Examples* examples) {
    pickle.steps.reserve((scenario.steps.empty() ? 0 : background.size()) + scenario.steps.size());
    pickle.tags.reserve(inherited.size() + scenario.tags.size() +
                        (examples != nullptr ? examples->tags.size() : 0));
  }

  // Replaces each <header> by the row's value, one header after the other.
  // The text is copied once, or once per header that occurs in it (speed).
  static std::string interpolate(const std::string& text, const std::vector<TableCell>* header,
                                 const TableRow* row) {
    if (header == nullptr || row == nullptr || text.find('<') == std::string::npos) return text;
    std::string result;
    std::string_view current = text;
    std::string pattern;
    for (std::size_t i = 0; i < header->size() && i < row->cells.size(); ++i) {
      pattern.assign(1, '<').append((*header)[i].value).append(1, '>');
      std::size_t hit = current.find(pattern);
      if (hit == std::string_view::npos) continue;
      std::string replaced;
      replaced.reserve(current.size() + row->cells[i].value.size());
      std::size_t pos = 0;
      while (hit != std::string_view::npos) {
        replaced.append(current.substr(pos, hit - pos));
        replaced += row->cells[i].value;
        pos = hit + pattern.size();
        hit = current.find(pattern, pos);
      }
      replaced.append(current.substr(pos));
      result = std::move(replaced);
      current = result;
    }
    if (current.data() == text.data()) return text;  // no placeholder of this row
    return result;
  }

  PickleStep pickle_step(const Step& step, const std::vector<TableCell>* header,
                         const TableRow* row, KeywordType& last, bool from_background) {
    KeywordType type = step.keyword_type.value_or(KeywordType::Unknown);
    if (type != KeywordType::Conjunction) last = type;
    PickleStep out;
    out.ast_node_ids.reserve(row != nullptr ? 2 : 1);
    out.ast_node_ids.push_back(step.id);
    if (row != nullptr) out.ast_node_ids.push_back(row->id);
    out.id = ids_.next();
    out.text = interpolate(step.text, header, row);
    switch (last) {
      case KeywordType::Context:
        out.type = PickleStepType::Context;
        break;
      case KeywordType::Action:
        out.type = PickleStepType::Action;
        break;
      case KeywordType::Outcome:
        out.type = PickleStepType::Outcome;
        break;
      default:
        out.type = PickleStepType::Unknown;
        break;
    }
    if (step.data_table || step.doc_string) {
      PickleStepArgument argument;
      if (step.data_table) {
        PickleTable table;
        table.rows.reserve(step.data_table->rows.size());
        for (const auto& r : step.data_table->rows) {
          PickleTableRow pickle_row;
          pickle_row.cells.reserve(r.cells.size());
          for (const auto& cell : r.cells)
            pickle_row.cells.push_back(interpolate(cell.value, header, row));
          table.rows.push_back(std::move(pickle_row));
        }
        argument.data_table = std::move(table);
      }
      if (step.doc_string) {
        PickleDocString doc;
        doc.content = interpolate(step.doc_string->content, header, row);
        if (step.doc_string->media_type)
          doc.media_type = interpolate(*step.doc_string->media_type, header, row);
        argument.doc_string = std::move(doc);
      }
      if (step.data_table && step.doc_string) {
        bool table_first = step.data_table->location.line < step.doc_string->location.line;
        argument.data_table_argument_index = table_first ? 1 : 2;
        argument.doc_string_argument_index = table_first ? 2 : 1;
      }
      out.argument = std::move(argument);
    }
    out.keyword = step.keyword;
    out.keyword_type = step.keyword_type.value_or(KeywordType::Unknown);
    out.location = step.location;
    out.from_background = from_background;
    return out;
  }

  const Feature& feature_;
  const std::string& uri_;
  IdGenerator& ids_;
  std::vector<Pickle>& out_;
};

}  // namespace

std::vector<Pickle> compile_pickles(const GherkinDocument& document, const std::string& uri,
                                    IdGenerator& ids) {
  std::vector<Pickle> pickles;
  if (!document.feature) return pickles;
  std::size_t count = 0;  // reserve: pickles are large to move
  auto count_scenario = [&count](const Scenario& scenario) {
    if (scenario.examples.empty()) ++count;
    for (const auto& examples : scenario.examples) count += examples.table_body.size();
  };
  for (const auto& child : document.feature->children) {
    if (child.scenario) count_scenario(*child.scenario);
    if (child.rule)
      for (const auto& rule_child : child.rule->children)
        if (rule_child.scenario) count_scenario(*rule_child.scenario);
  }
  pickles.reserve(count);
  Compiler(*document.feature, uri, ids, pickles).run();
  return pickles;
}

}  // namespace troupe::gherkin
