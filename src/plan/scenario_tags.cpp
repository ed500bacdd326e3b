#include "plan/scenario_tags.hpp"

#include <fmt/format.h>

#include <charconv>
#include <string_view>

#include "plan/host_os.hpp"
#include "plan/source_location.hpp"

namespace troupe::plan {

namespace {

constexpr std::string_view kTimeoutTag = "@timeout:";
constexpr std::string_view kScenarioTimeoutTag = "@scenario-timeout:";
constexpr std::string_view kSerialTag = "@serial";
constexpr std::string_view kPlatformTag = "@platform:";

// A positive whole number of milliseconds that fits an int; nullopt otherwise.
std::optional<int> parse_milliseconds(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

ScenarioTags read_scenario_tags(const gherkin::Pickle& pickle, const config::Config& config,
                                std::vector<std::string>& problems) {
  ScenarioTags result;
  const std::string where = format_location(pickle.uri, pickle.scenario_location);
  for (const gherkin::PickleTag& pickle_tag : pickle.tags) {
    const std::string_view tag = pickle_tag.name;
    if (tag.starts_with(kTimeoutTag) || tag.starts_with(kScenarioTimeoutTag)) {
      const bool is_step = tag.starts_with(kTimeoutTag);
      const std::string_view value =
          tag.substr(is_step ? kTimeoutTag.size() : kScenarioTimeoutTag.size());
      const auto ms = parse_milliseconds(value);
      if (!ms) {
        problems.push_back(fmt::format(
            "{}: tag {}: '{}' is not a timeout: expected a whole number of milliseconds "
            "from 1 to 2147483647, e.g. {}5000",
            where, tag, value, is_step ? kTimeoutTag : kScenarioTimeoutTag));
        continue;
      }
      // Tags come outermost first, so a later one is more specific and wins.
      (is_step ? result.step_timeout_ms : result.scenario_timeout_ms) = *ms;
    } else if (tag == kSerialTag) {
      result.serial = true;
    } else if (tag.starts_with(kPlatformTag)) {
      PlatformTag platform_tag{std::string(tag), {}, {}};
      std::string_view names = tag.substr(kPlatformTag.size());
      bool bad = false;
      while (true) {
        const std::size_t comma = names.find(',');
        const std::string name(names.substr(0, comma));
        if (name.empty()) {
          problems.push_back(fmt::format("{}: tag {}: empty platform name", where, tag));
          bad = true;
        } else if (is_host_os_name(name)) {
          platform_tag.host_os.push_back(name);
        } else if (config.find_platform(name) != nullptr) {
          platform_tag.platforms.push_back(name);
        } else {
          std::vector<std::string> configured;
          for (const auto& platform : config.platforms) configured.push_back(platform.name);
          problems.push_back(fmt::format(
              "{}: tag {}: unknown platform '{}': expected a host OS ({}) or a configured "
              "platform ({})",
              where, tag, name, join(host_os_names()),
              configured.empty() ? std::string("none configured") : join(configured)));
          bad = true;
        }
        if (comma == std::string_view::npos) break;
        names.remove_prefix(comma + 1);
      }
      if (!bad) result.platform_tags.push_back(std::move(platform_tag));
    }
  }
  return result;
}

}  // namespace troupe::plan
