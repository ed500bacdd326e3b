#pragma once
// The two dialects troupe speaks to servos: its own (camelCase objects) and Harmony's
// (ModelingEvolution.Harmony: one-element array of a PascalCase object). See docs/protocol.md.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "gherkin/pickle.hpp"
#include "plan/test_plan.hpp"

namespace troupe::rpc {

// Method names, identical for both protocols.
inline constexpr std::string_view kHealthMethod = "health";
inline constexpr std::string_view kInitializeMethod = "initialize";
inline constexpr std::string_view kDiscoverMethod = "discover";
inline constexpr std::string_view kExecuteStepMethod = "executeStep";
inline constexpr std::string_view kCleanupMethod = "cleanup";
inline constexpr std::string_view kShutdownMethod = "shutdown";

struct InitializeParams {
  std::string role, platform, scenario, feature, test_run_id;
  int host_pid = 0;
  std::int64_t feature_id = 0;
  std::vector<std::string> tags;
};

struct StepParams {
  std::string process;
  plan::StepType step_type = plan::StepType::Given;
  std::string step;           // as sent for this platform (stripped or full per config)
  std::string original_step;  // the full step text
  nlohmann::json parameters = nlohmann::json::object();
  nlohmann::json context = nlohmann::json::object();
  std::optional<gherkin::PickleTable> table;  // first row = headers
  std::optional<gherkin::PickleDocString> doc_string;
  bool is_broadcast = false;
  int timeout_ms = 0;
};

struct LogRecord {
  std::optional<std::string> timestamp;
  std::string level = "INFO";  // TRACE DEBUG INFO WARN ERROR CRITICAL
  std::string message;
};

struct StepOutcome {
  bool success = false;
  std::string error;
  std::string error_type;
  nlohmann::json data;
  nlohmann::json context;  // object or null
  std::vector<LogRecord> logs;
};

class ServoProtocol {
 public:
  virtual ~ServoProtocol() = default;
  virtual nlohmann::json health_params() const = 0;
  virtual bool healthy(const nlohmann::json& result, std::string& why_not) const = 0;
  virtual nlohmann::json initialize_params(const InitializeParams&) const = 0;
  virtual nlohmann::json step_params(const StepParams&) const = 0;
  virtual nlohmann::json cleanup_params() const = 0;
  virtual nlohmann::json shutdown_params() const = 0;
  // Tolerant reading of an executeStep result: `success` missing or not a bool is a failure with a
  // clear error ("reply has no boolean 'success'"), wrong-typed logs are reported not fatal, etc.
  virtual StepOutcome step_outcome(const nlohmann::json& result) const = 0;
};

std::unique_ptr<ServoProtocol> make_servo_protocol(config::Protocol protocol);

// Parameters sent with a step: the values written in quotes in the step text, in order, keyed
// "0", "1", ... (e.g. {"0":"b1","1":"10240"}). Harmony mode ignores it and sends {} as Harmony's
// runner did. See docs/protocol.md.
nlohmann::json step_parameters(std::string_view stripped_step_text);

}  // namespace troupe::rpc
