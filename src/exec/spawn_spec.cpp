#include "exec/spawn_spec.hpp"

#include <map>

extern char** environ;

namespace troupe::exec {

SpawnSpec make_spawn_spec(const config::Platform& platform, const ServoIdentity& identity) {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string text(*entry);
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    variables[text.substr(0, eq)] = text.substr(eq + 1);
  }
  for (const auto& [name, value] : platform.env) variables[name] = value;
  variables["TROUPE_RUN_ID"] = identity.test_run_id;
  variables["TROUPE_ROLE"] = identity.role;
  variables["TROUPE_PLATFORM"] = platform.name;
  // SDK servos pick their framing from this, so the config alone decides it.
  variables["TROUPE_FRAMING"] =
      platform.framing == config::Framing::Ndjson ? "ndjson" : "content-length";
  if (platform.protocol == config::Protocol::Harmony) {
    variables["HARMONY_HOST_PID"] = std::to_string(identity.host_pid);
    variables["HARMONY_FEATURE_ID"] = std::to_string(identity.feature_id);
  }

  SpawnSpec spec;
  spec.argv = platform.command;
  spec.cwd = platform.cwd;
  for (const auto& [name, value] : variables) spec.env.push_back(name + "=" + value);
  return spec;
}

}  // namespace troupe::exec
