#include "plan/combinations.hpp"

namespace troupe::plan {

std::size_t count_combinations(const std::vector<RoleChoices>& roles, std::size_t limit) {
  std::size_t count = 1;
  for (const RoleChoices& role : roles) {
    if (role.platforms.empty()) return 0;
    count *= role.platforms.size();
    if (count > limit) return limit + 1;  // stop before it can overflow
  }
  return count;
}

std::vector<std::vector<RolePlatform>> expand_combinations(const std::vector<RoleChoices>& roles) {
  std::vector<std::vector<RolePlatform>> out;
  for (const RoleChoices& role : roles)
    if (role.platforms.empty()) return out;
  std::vector<std::size_t> index(roles.size(), 0);  // an odometer over the platform lists
  while (true) {
    std::vector<RolePlatform> combination;
    combination.reserve(roles.size());
    for (std::size_t r = 0; r < roles.size(); ++r) {
      combination.push_back(RolePlatform{roles[r].role, roles[r].platforms[index[r]]});
    }
    out.push_back(std::move(combination));
    std::size_t r = roles.size();
    while (r > 0) {
      --r;
      if (++index[r] < roles[r].platforms.size()) break;
      index[r] = 0;
      if (r == 0) return out;
    }
    if (roles.empty()) return out;
  }
}

}  // namespace troupe::plan
