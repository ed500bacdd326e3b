#pragma once
// Which platforms each role of a test case may use, after the config's `roles`, --platforms,
// --combination and @platform: tags have each had their say.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "plan/combinations.hpp"
#include "plan/plan_options.hpp"
#include "plan/scenario_tags.hpp"

namespace troupe::plan {

struct RoleSelection {
  std::vector<RoleChoices> roles;
  // Why no combination is left, when a role has no platform, e.g.
  // "@platform:cpp leaves role 'reader' no platform (it may use python)".
  std::optional<std::string> empty_reason;
};

class RolePlatformSelector {
 public:
  // Checks --platforms, --combination platforms and the config's roles; problems go to `problems`.
  RolePlatformSelector(const config::Config& config, const PlanOptions& options,
                       std::vector<std::string>& problems);

  // --combination may only name roles some scenario (or the config's roles) knows.
  void check_combination_roles(const std::set<std::string>& known_roles,
                               std::vector<std::string>& problems) const;

  RoleSelection select(const std::vector<std::string>& roles,
                       const std::vector<PlatformTag>& platform_tags) const;

 private:
  const config::Config& config_;
  const PlanOptions& options_;
  std::vector<std::string> all_platforms_;  // config order
};

}  // namespace troupe::plan
