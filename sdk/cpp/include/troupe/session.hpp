#pragma once
// Who this servo is in the current test case: sent by `initialize`, defaulted from the environment.
#include <cstdlib>
#include <string>
#include <vector>

namespace troupe {

struct Session {
  std::string role;
  std::string platform;
  std::string scenario;
  std::string feature;
  std::string feature_id;
  std::string test_run_id;
  long long host_pid = 0;
  std::vector<std::string> tags;

  static Session from_environment() {
    auto env = [](const char* name) {
      const char* value = std::getenv(name);
      return value ? std::string(value) : std::string();
    };
    Session session;
    session.role = env("TROUPE_ROLE");
    session.platform = env("TROUPE_PLATFORM");
    session.test_run_id = env("TROUPE_RUN_ID");
    session.feature_id = env("HARMONY_FEATURE_ID");
    session.host_pid = std::strtoll(env("HARMONY_HOST_PID").c_str(), nullptr, 10);
    return session;
  }
};

}  // namespace troupe
