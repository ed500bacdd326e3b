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
  // Built member by member: a braced initializer list copies every value (and the context, which
  // may be large) once more, which showed in the per-step cost (bench/roundtrip).
  json out = json::object();
  out["process"] = params.process;
  out["stepType"] = step_type_name(params.step_type);
  out["step"] = params.step;
  out["originalStep"] = params.original_step;
  out["parameters"] = params.parameters.is_null() ? json::object() : params.parameters;
  out["context"] = params.context.is_null() ? json::object() : params.context;
  out["table"] = params.table ? table_json(*params.table) : json(nullptr);
  out["docString"] = std::move(doc_string);
  out["isBroadcast"] = params.is_broadcast;
  out["timeoutMs"] = params.timeout_ms;
  return out;
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
