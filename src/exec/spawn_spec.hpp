#pragma once
// What a servo is started with: argv and cwd from its platform, and its environment
// (troupe's own, then the platform's, then the TROUPE_* / HARMONY_* variables).
#include <cstdint>
#include <string>

#include "config/config.hpp"
#include "exec/servo_process.hpp"

namespace troupe::exec {

// Facts about the test case a servo is started for.
struct ServoIdentity {
  std::string role;
  std::string test_run_id;      // TROUPE_RUN_ID, unique per test case
  std::int64_t feature_id = 0;  // HARMONY_FEATURE_ID, equal within a test case, distinct between
  int host_pid = 0;             // HARMONY_HOST_PID, troupe's pid
};

SpawnSpec make_spawn_spec(const config::Platform& platform, const ServoIdentity& identity);

}  // namespace troupe::exec
