// harmony-config.json, as the original .NET runner read it with System.Text.Json: keys in
// PascalCase or camelCase (matched ignoring case), unknown keys ignored (we add a note).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>

#include "config/config_forms.hpp"
#include "config/find_program.hpp"
#include "config/json_path.hpp"
#include "config/split_arguments.hpp"

namespace troupe::config {
namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

struct Member {
  std::string key;  // as written, for error paths
  const Json* value = nullptr;
};

// The members of `object` by lowercase key. Two keys differing only in case are an error,
// since which one wins would be a guess.
std::map<std::string, Member> members_ignoring_case(const Json& object, const std::string& path,
                                                    ValueReader& reader) {
  std::map<std::string, Member> members;
  for (const auto& [key, value] : object.items()) {
    auto [it, inserted] = members.emplace(lowercase(key), Member{key, &value});
    if (!inserted)
      reader.error(
          child_path(path, key),
          fmt::format("same key as {} (Harmony keys ignore letter case)", quote(it->second.key)));
  }
  return members;
}

void note_ignored_keys(const std::map<std::string, Member>& members,
                       std::initializer_list<const char*> known, const std::string& path,
                       ValueReader& reader) {
  for (const auto& [lower_key, member] : members) {
    const std::string& lower = lower_key;  // clang 14 cannot capture a structured binding
    if (std::find_if(known.begin(), known.end(), [&](const char* k) { return lower == k; }) ==
        known.end())
      reader.diagnostics().note(child_path(path, member.key),
                                "unknown key ignored, as the Harmony runner did");
  }
}

void read_harmony_platform(const std::string& name, const Json& entry, const std::string& path,
                           FormContext& context, Config& config) {
  auto& reader = context.reader;
  if (name.empty() || name.find('/') != std::string::npos)
    reader.error(path, "a platform name must be non-empty and without '/'");
  if (!reader.expect_object(entry, path)) return;
  const auto members = members_ignoring_case(entry, path, reader);
  note_ignored_keys(members,
                    {"executable", "arguments", "workingdirectory", "environmentvariables"}, path,
                    reader);

  Platform platform;
  platform.name = name;
  platform.cwd = context.config_dir;
  platform.protocol = Protocol::Harmony;
  platform.framing = Framing::ContentLength;
  platform.step_text = StepText::Full;

  std::string executable_path = child_path(path, "Executable");
  if (const auto it = members.find("executable"); it != members.end()) {
    executable_path = child_path(path, it->second.key);
    if (auto executable = reader.read_string(*it->second.value, executable_path))
      platform.command.push_back(*executable);
  } else {
    reader.error(path, "missing required key \"Executable\"");
  }
  if (const auto it = members.find("arguments"); it != members.end()) {
    const std::string arguments_path = child_path(path, it->second.key);
    const Json& value = *it->second.value;
    if (!value.is_null()) {
      if (auto arguments = reader.read_string(value, arguments_path, /*allow_empty=*/true)) {
        auto split = split_arguments(*arguments);
        if (split.error)
          reader.error(arguments_path, *split.error);
        else if (!platform.command.empty())
          platform.command.insert(platform.command.end(), split.arguments.begin(),
                                  split.arguments.end());
      }
    }
  }
  std::string cwd_path = child_path(path, "WorkingDirectory");
  if (const auto it = members.find("workingdirectory"); it != members.end()) {
    cwd_path = child_path(path, it->second.key);
    const Json& value = *it->second.value;
    if (!value.is_null()) {
      if (auto cwd = reader.read_string(value, cwd_path))
        platform.cwd = resolve_against(context.config_dir, *cwd);
    }
  }
  if (const auto it = members.find("environmentvariables"); it != members.end()) {
    const Json& value = *it->second.value;
    if (!value.is_null()) {
      if (auto env = reader.read_environment(value, child_path(path, it->second.key)))
        platform.env = *env;
    }
  }
  check_platform_paths(platform, executable_path, cwd_path, context);
  config.platforms.push_back(std::move(platform));
}

// troupe's own `limits`, accepted in a Harmony file too (Harmony had none): keys ignore case
// like the rest of the file; an unknown one is an error, since a misspelt limit silently not
// applying would be worse than for the keys Harmony itself defined.
void read_harmony_limits(const Json& value, const std::string& path, ValueReader& reader,
                         Limits& limits) {
  if (value.is_null() || !reader.expect_object(value, path)) return;
  for (const auto& [lower, member] : members_ignoring_case(value, path, reader)) {
    const std::string key_path = child_path(path, member.key);
    std::size_t* target = nullptr;
    if (lower == "maxmessagebytes")
      target = &limits.max_message_bytes;
    else if (lower == "maxloglinespertestcase")
      target = &limits.max_log_lines_per_test_case;
    else if (lower == "maxstderrbytesperservo")
      target = &limits.max_stderr_bytes_per_servo;
    if (target == nullptr)
      reader.error(key_path, fmt::format("unknown key {}; expected one of: MaxMessageBytes, "
                                         "MaxLogLinesPerTestCase, MaxStderrBytesPerServo",
                                         quote(member.key)));
    else if (auto number = reader.read_integer(*member.value, key_path, 1, kLimitCeiling))
      *target = static_cast<std::size_t>(*number);
  }
}

}  // namespace

bool is_harmony_form(const Json& root, const std::filesystem::path& file) {
  if (lowercase(file.filename().string()) == "harmony-config.json") return true;
  if (!root.is_object()) return false;
  for (const auto& [key, value] : root.items()) {
    const std::string lower = lowercase(key);
    if (lower == "featurespath" || lower == "defaulttimeoutms" ||
        lower == "processinitializationdelayms")
      return true;
    if (lower != "platforms" || !value.is_object()) continue;
    for (const auto& [name, entry] : value.items()) {
      if (!entry.is_object()) continue;
      for (const auto& [entry_key, entry_value] : entry.items())
        if (lowercase(entry_key) == "executable") return true;
    }
  }
  return false;
}

void read_harmony_form(const Json& root, FormContext& context, Config& config) {
  auto& reader = context.reader;
  const std::string root_path(kRootPath);
  if (!reader.expect_object(root, root_path)) return;
  const auto members = members_ignoring_case(root, root_path, reader);
  note_ignored_keys(
      members,
      {"platforms", "featurespath", "defaulttimeoutms", "processinitializationdelayms", "limits"},
      root_path, reader);
  if (const auto it = members.find("limits"); it != members.end())
    read_harmony_limits(*it->second.value, child_path(root_path, it->second.key), reader,
                        config.limits);

  config.features = {context.config_dir / "Features"};
  if (const auto it = members.find("featurespath"); it != members.end()) {
    if (auto features =
            reader.read_string(*it->second.value, child_path(root_path, it->second.key)))
      config.features = {resolve_against(context.config_dir, *features)};
  }
  if (const auto it = members.find("defaulttimeoutms"); it != members.end()) {
    if (auto ms =
            reader.read_positive_int(*it->second.value, child_path(root_path, it->second.key)))
      config.step_timeout_ms = *ms;
  }
  if (const auto it = members.find("processinitializationdelayms"); it != members.end()) {
    const std::string path = child_path(root_path, it->second.key);
    if (reader.read_integer(*it->second.value, path, 0, std::numeric_limits<int>::max()))
      reader.diagnostics().note(path, "ignored: troupe waits for the health reply instead");
  }
  const auto platforms = members.find("platforms");
  if (platforms == members.end()) {
    reader.error(root_path, "missing required key \"Platforms\"");
    return;
  }
  const std::string platforms_path = child_path(root_path, platforms->second.key);
  const Json& value = *platforms->second.value;
  if (!reader.expect_object(value, platforms_path)) return;
  if (value.empty()) {
    reader.error(platforms_path, "no platforms; define at least one");
    return;
  }
  for (const auto& [name, entry] : value.items())
    read_harmony_platform(name, entry, child_path(platforms_path, name), context, config);
}

}  // namespace troupe::config
