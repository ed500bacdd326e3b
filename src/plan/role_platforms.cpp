#include "plan/role_platforms.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace troupe::plan {

namespace {

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Keeps the items of `list` that `allowed` holds, in `list` order.
std::vector<std::string> keep_only(const std::vector<std::string>& list,
                                   const std::vector<std::string>& allowed) {
  std::vector<std::string> kept;
  for (const auto& item : list)
    if (contains(allowed, item)) kept.push_back(item);
  return kept;
}

}  // namespace

RolePlatformSelector::RolePlatformSelector(const config::Config& config, const PlanOptions& options,
                                           std::vector<std::string>& problems)
    : config_(config), options_(options) {
  for (const auto& platform : config.platforms) all_platforms_.push_back(platform.name);
  const std::string known =
      all_platforms_.empty() ? std::string("none configured") : join(all_platforms_);

  for (const auto& [role, platforms] : config.roles) {
    for (const auto& platform : platforms) {
      if (!contains(all_platforms_, platform)) {
        problems.push_back(fmt::format("{}: $.roles.{}: unknown platform '{}' (known: {})",
                                       config.file.string(), role, platform, known));
      }
    }
  }
  for (const auto& platform : options.platforms) {
    if (!contains(all_platforms_, platform)) {
      problems.push_back(
          fmt::format("--platforms: unknown platform '{}' (known: {})", platform, known));
    }
  }
  std::set<std::string> seen_roles;
  for (const auto& [role, platform] : options.combination) {
    const std::string given = fmt::format("--combination {}={}", role, platform);
    if (role.empty() || platform.empty()) {
      problems.push_back(fmt::format("{}: expected ROLE=PLATFORM", given));
      continue;
    }
    if (!seen_roles.insert(role).second) {
      problems.push_back(fmt::format("{}: role '{}' is given twice", given, role));
    }
    if (!contains(all_platforms_, platform)) {
      problems.push_back(
          fmt::format("{}: unknown platform '{}' (known: {})", given, platform, known));
      continue;
    }
    if (!options.platforms.empty() && !contains(options.platforms, platform)) {
      problems.push_back(fmt::format("{}: platform '{}' is not in --platforms {}", given, platform,
                                     join(options.platforms, ",")));
    }
    const auto limited = config.roles.find(role);
    if (limited != config.roles.end() && !contains(limited->second, platform)) {
      problems.push_back(
          fmt::format("{}: the config limits role '{}' to {}", given, role, join(limited->second)));
    }
  }
}

void RolePlatformSelector::check_combination_roles(const std::set<std::string>& known_roles,
                                                   std::vector<std::string>& problems) const {
  for (const auto& [role, platform] : options_.combination) {
    if (role.empty() || known_roles.count(role) != 0 || config_.roles.count(role) != 0) continue;
    problems.push_back(
        fmt::format("--combination {}={}: unknown role '{}' (known: {})", role, platform, role,
                    known_roles.empty() ? std::string("no scenario names a process")
                                        : join({known_roles.begin(), known_roles.end()})));
  }
}

RoleSelection RolePlatformSelector::select(const std::vector<std::string>& roles,
                                           const std::vector<PlatformTag>& platform_tags) const {
  RoleSelection selection;
  for (const std::string& role : roles) {
    RoleChoices choices{role, all_platforms_};
    auto narrow = [&](const std::vector<std::string>& allowed, const std::string& why) {
      if (selection.empty_reason || choices.platforms.empty()) return;
      const std::vector<std::string> before = choices.platforms;
      choices.platforms = keep_only(choices.platforms, allowed);
      if (choices.platforms.empty()) {
        selection.empty_reason =
            fmt::format("{} leaves role '{}' no platform (it may use {})", why, role, join(before));
      }
    };
    if (all_platforms_.empty()) {
      selection.empty_reason = fmt::format("no platform is configured for role '{}'", role);
    }
    const auto limited = config_.roles.find(role);
    if (limited != config_.roles.end()) {
      if (limited->second.empty() && !selection.empty_reason) {
        selection.empty_reason = fmt::format("the config gives role '{}' no platform", role);
      }
      choices.platforms = keep_only(choices.platforms, limited->second);
    }
    if (!options_.platforms.empty()) narrow(options_.platforms, "--platforms");
    for (const auto& [combination_role, platform] : options_.combination) {
      if (combination_role == role) narrow({platform}, "--combination");
    }
    for (const PlatformTag& tag : platform_tags) {
      if (!tag.platforms.empty()) narrow(tag.platforms, tag.tag);
    }
    selection.roles.push_back(std::move(choices));
  }
  return selection;
}

}  // namespace troupe::plan
