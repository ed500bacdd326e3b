// troupe.json: camelCase keys, exact spelling; every unknown key is an error.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string_view>

#include "config/config_forms.hpp"
#include "config/find_program.hpp"
#include "config/json_path.hpp"
#include "config/process_pattern.hpp"

namespace troupe::config {
namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

template <std::size_t N>
void report_unknown_key(ValueReader& reader, std::string_view object_path, const std::string& key,
                        const std::array<std::string_view, N>& known) {
  for (const auto candidate : known) {
    if (same_ignoring_case(candidate, key)) {
      reader.error(child_path(object_path, key),
                   fmt::format("unknown key {} (did you mean {}?)", quote(key), quote(candidate)));
      return;
    }
  }
  std::string list;
  for (const auto candidate : known) list += (list.empty() ? "" : ", ") + std::string(candidate);
  reader.error(child_path(object_path, key),
               fmt::format("unknown key {}; expected one of: {}", quote(key), list));
}

// Names appear in test case names joined by '/', so they may not hold '/' or blanks.
std::optional<std::string> why_bad_name(const std::string& name) {
  if (name.empty()) return "a name may not be empty";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/' || byte <= 0x20 || byte == 0x7F)
      return fmt::format("name {} may not contain '/', spaces or control characters", quote(name));
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 6> kPlatformKeys = {"command", "cwd",      "env",
                                                           "framing", "stepText", "protocol"};

void read_platform(const std::string& name, const Json& entry, const std::string& path,
                   FormContext& context, Config& config) {
  auto& reader = context.reader;
  if (const auto reason = why_bad_name(name)) reader.error(path, *reason);
  if (!reader.expect_object(entry, path)) return;

  Platform platform;
  platform.name = name;
  platform.cwd = context.config_dir;
  bool step_text_given = false;
  for (const auto& [key, value] : entry.items()) {
    const std::string key_path = child_path(path, key);
    if (key == "command") {
      if (auto command = reader.read_string_array(value, key_path)) platform.command = *command;
    } else if (key == "cwd") {
      if (auto cwd = reader.read_string(value, key_path))
        platform.cwd = resolve_against(context.config_dir, *cwd);
    } else if (key == "env") {
      if (auto env = reader.read_environment(value, key_path)) platform.env = *env;
    } else if (key == "framing") {
      if (auto framing = reader.read_choice<Framing>(
              value, key_path,
              {{"content-length", Framing::ContentLength}, {"ndjson", Framing::Ndjson}}))
        platform.framing = *framing;
    } else if (key == "stepText") {
      step_text_given = true;
      if (auto step_text = reader.read_choice<StepText>(
              value, key_path, {{"stripped", StepText::Stripped}, {"full", StepText::Full}}))
        platform.step_text = *step_text;
    } else if (key == "protocol") {
      if (auto protocol = reader.read_choice<Protocol>(
              value, key_path, {{"troupe", Protocol::Troupe}, {"harmony", Protocol::Harmony}}))
        platform.protocol = *protocol;
    } else {
      report_unknown_key(reader, path, key, kPlatformKeys);
    }
  }
  if (!entry.contains("command")) reader.error(path, "missing required key \"command\"");
  // Harmony servos were written against the full step text.
  if (platform.protocol == Protocol::Harmony && !step_text_given)
    platform.step_text = StepText::Full;
  check_platform_paths(platform, element_path(child_path(path, "command"), 0),
                       child_path(path, "cwd"), context);
  config.platforms.push_back(std::move(platform));
}

void read_platforms(const Json& value, const std::string& path, FormContext& context,
                    Config& config) {
  if (!context.reader.expect_object(value, path)) return;
  if (value.empty()) {
    context.reader.error(path, "no platforms; define at least one");
    return;
  }
  for (const auto& [name, entry] : value.items())
    read_platform(name, entry, child_path(path, name), context, config);
}

// Needs the platforms read first, to check the names.
void read_roles(const Json& value, const std::string& path, const Json* platforms,
                FormContext& context, Config& config) {
  auto& reader = context.reader;
  if (!reader.expect_object(value, path)) return;
  for (const auto& [role, allowed] : value.items()) {
    const std::string role_path = child_path(path, role);
    if (const auto reason = why_bad_name(role)) reader.error(role_path, *reason);
    auto names = reader.read_string_array(allowed, role_path);
    if (!names) continue;
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < names->size(); ++i) {
      const std::string& name = (*names)[i];
      const std::string name_path = element_path(role_path, i);
      if (platforms != nullptr && !platforms->contains(name)) {
        std::string known;
        for (const auto& [platform, entry] : platforms->items())
          known += (known.empty() ? "" : ", ") + platform;
        reader.error(name_path,
                     fmt::format("unknown platform {} (platforms: {})", quote(name), known));
      } else if (std::find(kept.begin(), kept.end(), name) != kept.end()) {
        reader.error(name_path, fmt::format("platform {} is listed twice", quote(name)));
      } else {
        kept.push_back(name);
      }
    }
    config.roles[role] = std::move(kept);
  }
}

void read_process_patterns(const Json& value, const std::string& path, ValueReader& reader,
                           Config& config) {
  auto patterns = reader.read_string_array(value, path, /*allow_empty_array=*/true);
  if (!patterns) return;
  for (std::size_t i = 0; i < patterns->size(); ++i) {
    const auto translated = translate_process_pattern((*patterns)[i]);
    if (!translated.pattern) reader.error(element_path(path, i), translated.error);
  }
  config.process_patterns = std::move(*patterns);
}

constexpr std::array<std::string_view, 3> kLimitKeys = {"maxMessageBytes", "maxLogLinesPerTestCase",
                                                        "maxStderrBytesPerServo"};

void read_limits(const Json& value, const std::string& path, ValueReader& reader, Limits& limits) {
  if (!reader.expect_object(value, path)) return;
  for (const auto& [key, item] : value.items()) {
    const std::string key_path = child_path(path, key);
    std::size_t* target = nullptr;
    if (key == "maxMessageBytes")
      target = &limits.max_message_bytes;
    else if (key == "maxLogLinesPerTestCase")
      target = &limits.max_log_lines_per_test_case;
    else if (key == "maxStderrBytesPerServo")
      target = &limits.max_stderr_bytes_per_servo;
    if (target == nullptr) {
      report_unknown_key(reader, path, key, kLimitKeys);
    } else if (auto number = reader.read_integer(item, key_path, 1, kLimitCeiling)) {
      *target = static_cast<std::size_t>(*number);
    }
  }
}

constexpr std::array<std::string_view, 10> kTopLevelKeys = {
    "$schema",       "features",          "platforms",      "roles",       "processPatterns",
    "stepTimeoutMs", "scenarioTimeoutMs", "startTimeoutMs", "stopGraceMs", "limits"};

}  // namespace

void read_troupe_form(const Json& root, FormContext& context, Config& config) {
  auto& reader = context.reader;
  const std::string root_path(kRootPath);
  if (!reader.expect_object(root, root_path)) return;

  config.features = {context.config_dir / "features"};
  for (const auto& [key, value] : root.items()) {
    const std::string path = child_path(root_path, key);
    if (key == "$schema") {
      reader.read_string(value, path);
    } else if (key == "features") {
      if (auto features = reader.read_string_array(value, path)) {
        config.features.clear();
        for (const auto& feature : *features)
          config.features.push_back(resolve_against(context.config_dir, feature));
      }
    } else if (key == "platforms") {
      read_platforms(value, path, context, config);
    } else if (key == "roles") {
      // Read after the loop, once the platform names are known.
    } else if (key == "processPatterns") {
      read_process_patterns(value, path, reader, config);
    } else if (key == "stepTimeoutMs") {
      if (auto ms = reader.read_positive_int(value, path)) config.step_timeout_ms = *ms;
    } else if (key == "scenarioTimeoutMs") {
      if (auto ms = reader.read_positive_int(value, path)) config.scenario_timeout_ms = *ms;
    } else if (key == "startTimeoutMs") {
      if (auto ms = reader.read_positive_int(value, path)) config.start_timeout_ms = *ms;
    } else if (key == "stopGraceMs") {
      if (auto ms = reader.read_positive_int(value, path)) config.stop_grace_ms = *ms;
    } else if (key == "limits") {
      read_limits(value, path, reader, config.limits);
    } else {
      report_unknown_key(reader, root_path, key, kTopLevelKeys);
    }
  }
  if (!root.contains("platforms")) reader.error(root_path, "missing required key \"platforms\"");
  if (root.contains("roles")) {
    // Without a valid platforms object there is nothing to check role platforms against.
    const auto platforms = root.find("platforms");
    const bool known = platforms != root.end() && platforms->is_object();
    read_roles(root.at("roles"), child_path(root_path, "roles"), known ? &*platforms : nullptr,
               context, config);
  }
}

}  // namespace troupe::config
