#pragma once
// The dialect of ModelingEvolution.Harmony (the C# runner used by zerobuffer), byte-compatible
// with what its StreamJsonRpc client sends: positional params holding one PascalCase object,
// StepType as a number, the full step text, and no params ("[]") for parameterless methods.
#include "rpc/servo_protocol.hpp"

namespace troupe::rpc {

class HarmonyProtocol final : public ServoProtocol {
 public:
  nlohmann::json health_params() const override;
  bool healthy(const nlohmann::json& result, std::string& why_not) const override;
  nlohmann::json initialize_params(const InitializeParams& params) const override;
  nlohmann::json step_params(const StepParams& params) const override;
  nlohmann::json cleanup_params() const override;
  nlohmann::json shutdown_params() const override;
  StepOutcome step_outcome(const nlohmann::json& result) const override;
};

}  // namespace troupe::rpc
