// Renders the AST, pickles and errors as Cucumber Messages JSON objects.
#include <nlohmann/json.hpp>

#include "gherkin/gherkin.hpp"

namespace troupe::gherkin {
namespace {

using nlohmann::json;

json location_json(const Location& location) {
  json out = {{"line", location.line}};
  if (location.column != 0) out["column"] = location.column;
  return out;
}

const char* keyword_type_name(KeywordType type) {
  switch (type) {
    case KeywordType::Context:
      return "Context";
    case KeywordType::Action:
      return "Action";
    case KeywordType::Outcome:
      return "Outcome";
    case KeywordType::Conjunction:
      return "Conjunction";
    case KeywordType::Unknown:
      break;
  }
  return "Unknown";
}

const char* pickle_step_type_name(PickleStepType type) {
  switch (type) {
    case PickleStepType::Context:
      return "Context";
    case PickleStepType::Action:
      return "Action";
    case PickleStepType::Outcome:
      return "Outcome";
    case PickleStepType::Unknown:
      break;
  }
  return "Unknown";
}

json tags_json(const std::vector<Tag>& tags) {
  json out = json::array();
  for (const auto& tag : tags)
    out.push_back({{"location", location_json(tag.location)}, {"name", tag.name}, {"id", tag.id}});
  return out;
}

json row_json(const TableRow& row) {
  json cells = json::array();
  for (const auto& cell : row.cells)
    cells.push_back({{"location", location_json(cell.location)}, {"value", cell.value}});
  return {{"id", row.id}, {"location", location_json(row.location)}, {"cells", std::move(cells)}};
}

json step_json(const Step& step) {
  json out = {{"id", step.id},
              {"location", location_json(step.location)},
              {"keyword", step.keyword},
              {"text", step.text}};
  if (step.keyword_type) out["keywordType"] = keyword_type_name(*step.keyword_type);
  if (step.data_table) {
    json rows = json::array();
    for (const auto& row : step.data_table->rows) rows.push_back(row_json(row));
    out["dataTable"] = {{"location", location_json(step.data_table->location)},
                        {"rows", std::move(rows)}};
  }
  if (step.doc_string) {
    json doc = {{"location", location_json(step.doc_string->location)},
                {"content", step.doc_string->content},
                {"delimiter", step.doc_string->delimiter}};
    if (step.doc_string->media_type) doc["mediaType"] = *step.doc_string->media_type;
    out["docString"] = std::move(doc);
  }
  return out;
}

json steps_json(const std::vector<Step>& steps) {
  json out = json::array();
  for (const auto& step : steps) out.push_back(step_json(step));
  return out;
}

json background_json(const Background& background) {
  return {{"id", background.id},
          {"location", location_json(background.location)},
          {"keyword", background.keyword},
          {"name", background.name},
          {"description", background.description},
          {"steps", steps_json(background.steps)}};
}

json scenario_json(const Scenario& scenario) {
  json examples = json::array();
  for (const auto& e : scenario.examples) {
    json body = json::array();
    for (const auto& row : e.table_body) body.push_back(row_json(row));
    json item = {{"id", e.id},
                 {"tags", tags_json(e.tags)},
                 {"location", location_json(e.location)},
                 {"keyword", e.keyword},
                 {"name", e.name},
                 {"description", e.description},
                 {"tableBody", std::move(body)}};
    if (e.table_header) item["tableHeader"] = row_json(*e.table_header);
    examples.push_back(std::move(item));
  }
  return {{"id", scenario.id},
          {"tags", tags_json(scenario.tags)},
          {"location", location_json(scenario.location)},
          {"keyword", scenario.keyword},
          {"name", scenario.name},
          {"description", scenario.description},
          {"steps", steps_json(scenario.steps)},
          {"examples", std::move(examples)}};
}

json rule_json(const Rule& rule) {
  json children = json::array();
  for (const auto& child : rule.children) {
    if (child.background) children.push_back({{"background", background_json(*child.background)}});
    if (child.scenario) children.push_back({{"scenario", scenario_json(*child.scenario)}});
  }
  return {{"id", rule.id},
          {"location", location_json(rule.location)},
          {"keyword", rule.keyword},
          {"name", rule.name},
          {"description", rule.description},
          {"children", std::move(children)},
          {"tags", tags_json(rule.tags)}};
}

json feature_json(const Feature& feature) {
  json children = json::array();
  for (const auto& child : feature.children) {
    if (child.background) children.push_back({{"background", background_json(*child.background)}});
    if (child.scenario) children.push_back({{"scenario", scenario_json(*child.scenario)}});
    if (child.rule) children.push_back({{"rule", rule_json(*child.rule)}});
  }
  json out = {{"tags", tags_json(feature.tags)},    {"location", location_json(feature.location)},
              {"language", feature.language},       {"name", feature.name},
              {"description", feature.description}, {"children", std::move(children)}};
  if (feature.keyword) out["keyword"] = *feature.keyword;
  return out;
}

}  // namespace

json source_message(const ParsedFeature& feature) {
  return {{"data", feature.data}, {"uri", feature.uri}, {"mediaType", feature.media_type}};
}

json gherkin_document_message(const ParsedFeature& feature) {
  json out = {{"uri", feature.uri}};
  json comments = json::array();
  if (feature.document) {
    for (const auto& comment : feature.document->comments) {
      json item = {{"location", location_json(comment.location)}};
      if (comment.text) item["text"] = *comment.text;
      comments.push_back(std::move(item));
    }
    if (feature.document->feature) out["feature"] = feature_json(*feature.document->feature);
  }
  out["comments"] = std::move(comments);
  return out;
}

json pickle_message(const Pickle& pickle) {
  json steps = json::array();
  for (const auto& step : pickle.steps) {
    json item = {{"id", step.id},
                 {"text", step.text},
                 {"type", pickle_step_type_name(step.type)},
                 {"astNodeIds", step.ast_node_ids}};
    if (step.argument) {
      json argument = json::object();
      if (step.argument->doc_string) {
        json doc = {{"content", step.argument->doc_string->content}};
        if (step.argument->doc_string->media_type)
          doc["mediaType"] = *step.argument->doc_string->media_type;
        if (step.argument->doc_string_argument_index != 0)
          doc["argumentIndex"] = step.argument->doc_string_argument_index;
        argument["docString"] = std::move(doc);
      }
      if (step.argument->data_table) {
        json rows = json::array();
        for (const auto& row : step.argument->data_table->rows) {
          json cells = json::array();
          for (const auto& cell : row.cells) cells.push_back({{"value", cell}});
          rows.push_back({{"cells", std::move(cells)}});
        }
        json table = {{"rows", std::move(rows)}};
        if (step.argument->data_table_argument_index != 0)
          table["argumentIndex"] = step.argument->data_table_argument_index;
        argument["dataTable"] = std::move(table);
      }
      item["argument"] = std::move(argument);
    }
    steps.push_back(std::move(item));
  }
  json tags = json::array();
  for (const auto& tag : pickle.tags)
    tags.push_back({{"name", tag.name}, {"astNodeId", tag.ast_node_id}});
  return {{"id", pickle.id},
          {"uri", pickle.uri},
          {"location", location_json(pickle.location)},
          {"name", pickle.name},
          {"language", pickle.language},
          {"steps", std::move(steps)},
          {"tags", std::move(tags)},
          {"astNodeIds", pickle.ast_node_ids}};
}

json parse_error_message(const ParseError& error) {
  json source = {{"uri", error.uri}};
  // A file that cannot be read has no location.
  if (error.location.line != 0) source["location"] = location_json(error.location);
  return {{"source", std::move(source)}, {"message", error.message}};
}

}  // namespace troupe::gherkin
