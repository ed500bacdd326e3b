#pragma once
// Parameter types ({int}, {string}, ...) and the registry that names them.
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "troupe/cucumber_expressions/group.hpp"

namespace troupe::cucumber_expressions {

struct ParameterType {
  std::string name;
  std::vector<std::string> regexps;
  // The text a step function receives: for {string} the unquoted, unescaped content.
  std::function<std::optional<std::string>(const Group&)> to_text;
  // The typed value as the reference implementation produces it (number, string or null).
  std::function<nlohmann::json(const Group&)> to_json;
};

namespace parameter_type_detail {

inline std::optional<std::string> whole_value(const Group& group) {
  return group.value;
}

inline std::optional<std::string> unquoted_string(const Group& group) {
  if (!group.value) return std::nullopt;
  std::string content;
  for (const auto& child : group.children) {
    if (child.value) {
      content = *child.value;
      break;
    }
  }
  std::string unescaped;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] == '\\' && i + 1 < content.size() &&
        (content[i + 1] == '"' || content[i + 1] == '\'')) {
      continue;
    }
    unescaped += content[i];
  }
  return unescaped;
}

inline nlohmann::json as_string(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

inline nlohmann::json as_integer(const Group& group) {
  if (!group.value) return nullptr;
  try {
    std::size_t used = 0;
    const long long value = std::stoll(*group.value, &used);
    if (used == group.value->size()) return value;
  } catch (const std::exception&) {
    // Too large for 64 bits: keep the digits.
  }
  return *group.value;
}

inline nlohmann::json as_float(const Group& group) {
  if (!group.value) return nullptr;
  try {
    return std::stod(*group.value);
  } catch (const std::exception&) {
    return *group.value;
  }
}

inline ParameterType make(
    std::string name, std::vector<std::string> regexps,
    std::function<nlohmann::json(const Group&)> to_json,
    std::function<std::optional<std::string>(const Group&)> to_text = whole_value) {
  return ParameterType{std::move(name), std::move(regexps), std::move(to_text), std::move(to_json)};
}

inline const std::vector<std::string>& integer_regexps() {
  static const std::vector<std::string> regexps{R"(-?\d+)", R"(\d+)"};
  return regexps;
}

inline const std::string& float_regexp() {
  static const std::string regexp = R"((?=.*\d.*)[-+]?\d*(?:\.(?=\d.*))?\d*(?:\d+[E][+-]?\d+)?)";
  return regexp;
}

}  // namespace parameter_type_detail

class ParameterTypeRegistry {
 public:
  ParameterTypeRegistry() {
    using namespace parameter_type_detail;
    auto text_json = [](const Group& group) { return as_string(group.value); };
    define(make("int", integer_regexps(), as_integer));
    define(make("float", {float_regexp()}, as_float));
    define(make("word", {R"([^\s]+)"}, text_json));
    define(make(
        "string", {R"re("([^"\\]*(\\.[^"\\]*)*)"|'([^'\\]*(\\.[^'\\]*)*)')re"},
        [](const Group& group) { return as_string(unquoted_string(group)); }, unquoted_string));
    define(make("", {".*"}, text_json));
    define(make("double", {float_regexp()}, as_float));
    define(make("bigdecimal", {float_regexp()}, text_json));
    define(make("byte", integer_regexps(), as_integer));
    define(make("short", integer_regexps(), as_integer));
    define(make("long", integer_regexps(), as_integer));
    define(make("biginteger", integer_regexps(), text_json));
  }

  // Adds a custom parameter type; its regexps should use non-capturing groups (?:...) only.
  void define(ParameterType type) {
    if (type.regexps.empty()) {
      throw std::invalid_argument("parameter type '" + type.name + "' needs at least one regexp");
    }
    for (const char reserved : std::string("{}()\\/")) {
      if (type.name.find(reserved) != std::string::npos) {
        throw std::invalid_argument(
            "Illegal character in parameter name {" + type.name + "}. " +
            "Parameter names may not contain '{', '}', '(', ')', '\\' or '/'");
      }
    }
    if (by_name_.count(type.name) != 0) {
      throw std::invalid_argument("There is already a parameter type with name " + type.name);
    }
    if (!type.to_text) type.to_text = parameter_type_detail::whole_value;
    if (!type.to_json) {
      type.to_json = [](const Group& group) {
        return parameter_type_detail::as_string(group.value);
      };
    }
    auto name = type.name;
    by_name_.emplace(std::move(name), std::make_shared<const ParameterType>(std::move(type)));
  }

  std::shared_ptr<const ParameterType> lookup(const std::string& name) const {
    auto found = by_name_.find(name);
    return found == by_name_.end() ? nullptr : found->second;
  }

 private:
  std::map<std::string, std::shared_ptr<const ParameterType>> by_name_;
};

}  // namespace troupe::cucumber_expressions
