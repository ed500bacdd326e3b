#pragma once
// One value captured from a step's text, with the parameter type that captured it.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "troupe/cucumber_expressions/group.hpp"
#include "troupe/cucumber_expressions/parameter_type.hpp"

namespace troupe::cucumber_expressions {

struct Argument {
  Group group;
  std::shared_ptr<const ParameterType> parameter_type;  // null for a regular expression's group

  std::string parameter_type_name() const { return parameter_type ? parameter_type->name : ""; }

  // The text a step function converts to its parameter type; empty when the group did not match.
  std::optional<std::string> text() const {
    return parameter_type ? parameter_type->to_text(group) : group.value;
  }

  // The value as the reference implementation types it.
  nlohmann::json value() const {
    if (parameter_type) return parameter_type->to_json(group);
    return group.value ? nlohmann::json(*group.value) : nlohmann::json(nullptr);
  }
};

}  // namespace troupe::cucumber_expressions
