#pragma once
// troupe's own servo dialect: named camelCase params objects (docs/protocol.md).
#include "rpc/servo_protocol.hpp"

namespace troupe::rpc {

class TroupeProtocol final : public ServoProtocol {
 public:
  nlohmann::json health_params() const override;
  bool healthy(const nlohmann::json& result, std::string& why_not) const override;
  nlohmann::json initialize_params(const InitializeParams& params) const override;
  nlohmann::json step_params(const StepParams& params) const override;
  nlohmann::json cleanup_params() const override;
  nlohmann::json shutdown_params() const override;
  StepOutcome step_outcome(const nlohmann::json& result) const override;
};

// "given" / "when" / "then".
std::string_view step_type_name(plan::StepType type);
// {headers: [...first row...], rows: [{header: cell, ...}, ...]} (missing cells read as "").
nlohmann::json table_json(const gherkin::PickleTable& table);

}  // namespace troupe::rpc
