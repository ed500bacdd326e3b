#include "plan/build_plan.hpp"

#include <fmt/format.h>

#include <optional>
#include <set>

#include "plan/combinations.hpp"
#include "plan/host_os.hpp"
#include "plan/pickle_filter.hpp"
#include "plan/role_platforms.hpp"
#include "plan/scenario_tags.hpp"
#include "plan/source_location.hpp"
#include "plan/step_routing.hpp"
#include "plan/test_case_naming.hpp"

namespace troupe::plan {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::optional<ProcessMatcher> make_matcher(const config::Config& config,
                                           std::vector<std::string>& problems) {
  try {
    return ProcessMatcher(config.process_patterns);
  } catch (const PlanError& error) {
    for (const auto& message : error.messages) {
      problems.push_back(fmt::format("{}: {}", config.file.string(), message));
    }
    return std::nullopt;
  }
}

std::string checked_host_os(const PlanOptions& options, std::vector<std::string>& problems) {
  if (options.host_os.empty()) return current_host_os();
  if (!is_host_os_name(options.host_os)) {
    problems.push_back(
        fmt::format("host OS '{}' is unknown (known: {})", options.host_os, join(host_os_names())));
  }
  return options.host_os;
}

// Why the test case does not run on this host, if an @platform: tag names only other hosts.
std::optional<std::string> host_skip_reason(const std::vector<PlatformTag>& tags,
                                            const std::string& host_os) {
  for (const PlatformTag& tag : tags) {
    if (tag.host_os.empty()) continue;
    bool listed = false;
    for (const auto& name : tag.host_os) listed = listed || name == host_os;
    if (!listed) return fmt::format("{}: not this host ({})", tag.tag, host_os);
  }
  return std::nullopt;
}

// The pickle after filtering, with everything the plan needs from it.
struct SelectedPickle {
  std::shared_ptr<const gherkin::Pickle> pickle;
  RoutedPickle routed;
};

}  // namespace

TestPlan build_plan(const config::Config& config,
                    const std::vector<std::shared_ptr<const gherkin::Pickle>>& pickles,
                    const PlanOptions& options) {
  std::vector<std::string> problems;
  const std::optional<ProcessMatcher> matcher = make_matcher(config, problems);
  const std::string host_os = checked_host_os(options, problems);
  if (options.step_timeout_ms && *options.step_timeout_ms <= 0) {
    problems.push_back(fmt::format("--step-timeout {}: expected a positive number of milliseconds",
                                   *options.step_timeout_ms));
  }
  PickleFilter filter(options, problems);
  const RolePlatformSelector selector(config, options, problems);
  if (!problems.empty() || !matcher) throw PlanError(std::move(problems));

  // Every pickle is routed, selected or not: --combination may name any role of the suite.
  std::set<std::string> known_roles;
  std::vector<SelectedPickle> selected;
  for (const auto& pickle : pickles) {
    if (!pickle) continue;
    std::vector<std::string> routing_problems;
    RoutedPickle routed = route_pickle(*pickle, *matcher, routing_problems);
    known_roles.insert(routed.roles.begin(), routed.roles.end());
    if (!filter.matches(*pickle)) continue;
    problems.insert(problems.end(), routing_problems.begin(), routing_problems.end());
    selected.push_back(SelectedPickle{pickle, std::move(routed)});
  }
  selector.check_combination_roles(known_roles, problems);
  for (const auto& location : filter.unmatched_locations()) {
    problems.push_back(
        fmt::format("{}: no scenario, example row or step at this location", location));
  }

  TestPlan plan;
  TestCaseNamer namer(pickles);
  std::set<std::string> reported;  // a bad feature tag is seen once per pickle: say it once
  for (const SelectedPickle& entry : selected) {
    const gherkin::Pickle& pickle = *entry.pickle;
    std::vector<std::string> tag_problems;
    const ScenarioTags tags = read_scenario_tags(pickle, config, tag_problems);
    for (auto& message : tag_problems) {
      if (reported.insert(message).second) problems.push_back(std::move(message));
    }

    TestCase prototype;
    prototype.pickle = entry.pickle;
    prototype.roles = entry.routed.roles;
    prototype.steps = entry.routed.steps;
    for (const auto& tag : pickle.tags) prototype.tags.push_back(tag.name);
    prototype.step_timeout_ms =
        options.step_timeout_ms.value_or(tags.step_timeout_ms.value_or(config.step_timeout_ms));
    prototype.scenario_timeout_ms = tags.scenario_timeout_ms.value_or(config.scenario_timeout_ms);
    prototype.serial = tags.serial;
    prototype.skip_reason = host_skip_reason(tags.platform_tags, host_os);

    const std::string label = namer.pickle_label(pickle);
    const std::string id_base = fmt::format("{}:{}", pickle.uri, pickle.location.line);
    const RoleSelection selection = selector.select(entry.routed.roles, tags.platform_tags);
    if (selection.empty_reason) {
      // Kept, as one skipped test case, so the report says why nothing of it ran.
      TestCase skipped = prototype;
      skipped.name = namer.unique_name(label);
      skipped.id = namer.unique_id(id_base);
      if (!skipped.skip_reason) skipped.skip_reason = selection.empty_reason;
      plan.test_cases.push_back(std::move(skipped));
      continue;
    }
    const std::size_t count = count_combinations(selection.roles, kMaxCombinationsPerScenario);
    if (count > kMaxCombinationsPerScenario) {
      problems.push_back(fmt::format(
          "{}: scenario '{}' has more than {} platform combinations ({} roles): limit them "
          "with --platforms, --combination, @platform: or the config's roles",
          format_location(pickle.uri, pickle.scenario_location), pickle.name,
          kMaxCombinationsPerScenario, selection.roles.size()));
      continue;
    }
    if (plan.test_cases.size() + count > kMaxTestCases) {
      problems.push_back(
          fmt::format("the plan has more than {} test cases: select fewer", kMaxTestCases));
      break;
    }
    for (auto& combination : expand_combinations(selection.roles)) {
      TestCase test_case = prototype;
      const std::string platforms = platforms_label(combination);
      test_case.combination = std::move(combination);
      if (test_case.roles.empty()) {
        test_case.name = namer.unique_name(label);
        test_case.id = namer.unique_id(id_base);
      } else {
        test_case.name = namer.unique_name(fmt::format("{} | {}", platforms, label));
        test_case.id = namer.unique_id(fmt::format("{}:{}", id_base, platforms));
      }
      plan.test_cases.push_back(std::move(test_case));
    }
  }
  if (!problems.empty()) throw PlanError(std::move(problems));
  return plan;
}

}  // namespace troupe::plan
