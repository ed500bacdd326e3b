#include "rpc/troupe_protocol.hpp"

#include "rpc/step_reply_reader.hpp"

namespace troupe::rpc {

using nlohmann::json;

std::string_view step_type_name(plan::StepType type) {
  switch (type) {
    case plan::StepType::Given:
      return "given";
    case plan::StepType::When:
      return "when";
    case plan::StepType::Then:
      return "then";
  }
  return "given";
}

json table_json(const gherkin::PickleTable& table) {
  json headers = json::array();
  json rows = json::array();
  if (!table.rows.empty()) {
    const auto& header_cells = table.rows.front().cells;
    for (const auto& cell : header_cells) headers.push_back(cell);
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
      json row = json::object();
      const auto& cells = table.rows[r].cells;
      for (std::size_t c = 0; c < header_cells.size(); ++c)
        row[header_cells[c]] = c < cells.size() ? cells[c] : std::string();
      rows.push_back(std::move(row));
    }
  }
  return json{{"headers", std::move(headers)}, {"rows", std::move(rows)}};
}

json TroupeProtocol::health_params() const {
  return nullptr;
}

bool TroupeProtocol::healthy(const json& result, std::string& why_not) const {
  return read_health(result, why_not);
}

json TroupeProtocol::initialize_params(const InitializeParams& params) const {
  return json{{"role", params.role},
              {"platform", params.platform},
              {"scenario", params.scenario},
              {"feature", params.feature},
              {"testRunId", params.test_run_id},
              {"hostPid", params.host_pid},
              {"featureId", params.feature_id},
              {"tags", params.tags}};
}

json TroupeProtocol::step_params(const StepParams& params) const {
  json doc_string = nullptr;
  if (params.doc_string) {
    doc_string = json{{"content", params.doc_string->content}, {"mediaType", nullptr}};
    if (params.doc_string->media_type) doc_string["mediaType"] = *params.doc_string->media_type;
  }
  return json{{"process", params.process},
              {"stepType", step_type_name(params.step_type)},
              {"step", params.step},
              {"originalStep", params.original_step},
              {"parameters", params.parameters.is_null() ? json::object() : params.parameters},
              {"context", params.context.is_null() ? json::object() : params.context},
              {"table", params.table ? table_json(*params.table) : json(nullptr)},
              {"docString", std::move(doc_string)},
              {"isBroadcast", params.is_broadcast},
              {"timeoutMs", params.timeout_ms}};
}

json TroupeProtocol::cleanup_params() const {
  return nullptr;
}

json TroupeProtocol::shutdown_params() const {
  return nullptr;
}

StepOutcome TroupeProtocol::step_outcome(const json& result) const {
  return read_step_outcome(result);
}

}  // namespace troupe::rpc
