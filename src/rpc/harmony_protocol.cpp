#include "rpc/harmony_protocol.hpp"

#include <fmt/format.h>

#include "rpc/step_reply_reader.hpp"

namespace troupe::rpc {

using nlohmann::json;

namespace {

// Harmony's StepType enum: Given = 0, When = 1, Then = 2.
int harmony_step_type(plan::StepType type) {
  switch (type) {
    case plan::StepType::Given:
      return 0;
    case plan::StepType::When:
      return 1;
    case plan::StepType::Then:
      return 2;
  }
  return 0;
}

// Harmony's Context is a Dictionary<string, string>: other values travel as their JSON text.
json string_dictionary(const json& values) {
  json out = json::object();
  if (!values.is_object()) return out;
  for (const auto& [key, value] : values.items())
    out[key] = value.is_string() ? value.get<std::string>()
                                 : value.dump(-1, ' ', false, json::error_handler_t::replace);
  return out;
}

}  // namespace

json HarmonyProtocol::health_params() const {
  return json::array();
}

bool HarmonyProtocol::healthy(const json& result, std::string& why_not) const {
  return read_health(result, why_not);
}

json HarmonyProtocol::initialize_params(const InitializeParams& params) const {
  // Harmony derives TestRunId as "{HostPid}_{FeatureId}"; troupe sends its own unique id when set.
  const std::string test_run_id = params.test_run_id.empty()
                                      ? fmt::format("{}_{}", params.host_pid, params.feature_id)
                                      : params.test_run_id;
  return json::array({json{{"Role", params.role},
                           {"Platform", params.platform},
                           {"Scenario", params.scenario},
                           {"HostPid", params.host_pid},
                           {"FeatureId", params.feature_id},
                           {"TestRunId", test_run_id}}});
}

json HarmonyProtocol::step_params(const StepParams& params) const {
  // Harmony's parser never filled Parameters, so its servos always got {}; tables and doc strings
  // were never sent (some Harmony servos build records from these exact keys and reject others).
  return json::array({json{{"Process", params.process},
                           {"StepType", harmony_step_type(params.step_type)},
                           {"Step", params.original_step},
                           {"Parameters", json::object()},
                           {"Context", string_dictionary(params.context)},
                           {"IsBroadcast", params.is_broadcast}}});
}

json HarmonyProtocol::cleanup_params() const {
  return json::array();
}

json HarmonyProtocol::shutdown_params() const {
  return json::array();
}

StepOutcome HarmonyProtocol::step_outcome(const json& result) const {
  return read_step_outcome(result);
}

}  // namespace troupe::rpc
