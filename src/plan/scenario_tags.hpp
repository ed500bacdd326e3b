#pragma once
// The tags troupe gives a meaning to:
//   @timeout:<ms>           step timeout (innermost wins: feature < rule < scenario < examples)
//   @scenario-timeout:<ms>  scenario timeout (innermost wins)
//   @serial                 never run alongside other test cases
//   @platform:a,b           host OS names (linux, macos, windows, freebsd) limit where the test
//                           case runs; configured platform names limit the combinations
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "gherkin/pickle.hpp"

namespace troupe::plan {

// One @platform: tag, its names split by kind.
struct PlatformTag {
  std::string tag;                     // as written, e.g. "@platform:linux,cpp"
  std::vector<std::string> host_os;    // host OS names in it
  std::vector<std::string> platforms;  // configured platform names in it
};

struct ScenarioTags {
  std::optional<int> step_timeout_ms;
  std::optional<int> scenario_timeout_ms;
  bool serial = false;
  std::vector<PlatformTag> platform_tags;  // each one must hold (they are and-ed)
};

// Reads the pickle's tags. Each malformed tag adds "FILE:LINE:COL: ..." to `problems`
// (the scenario's location: pickle tags carry no location of their own).
ScenarioTags read_scenario_tags(const gherkin::Pickle& pickle, const config::Config& config,
                                std::vector<std::string>& problems);

}  // namespace troupe::plan
