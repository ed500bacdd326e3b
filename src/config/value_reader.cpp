#include "config/value_reader.hpp"

#include <fmt/format.h>

#include <limits>

namespace troupe::config {
namespace {

const char* type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::null:
      return "null";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

}  // namespace

std::string ValueReader::alternatives(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += quote(names[i]);
  }
  return out;
}

bool ValueReader::expect_object(const Json& value, std::string_view path) {
  if (value.is_object()) return true;
  error(path, fmt::format("expected an object, got {}", describe_value(value)));
  return false;
}

std::optional<std::string> ValueReader::read_string(const Json& value, std::string_view path,
                                                    bool allow_empty) {
  if (!value.is_string()) {
    error(path, fmt::format("expected a string, got {}", type_name(value)));
    return std::nullopt;
  }
  const auto& text = value.get_ref<const std::string&>();
  if (text.empty() && !allow_empty) {
    error(path, "expected a non-empty string");
    return std::nullopt;
  }
  if (text.find('\0') != std::string::npos) {
    error(path, "contains a NUL character (\\u0000)");
    return std::nullopt;
  }
  return text;
}

std::optional<std::vector<std::string>> ValueReader::read_string_array(const Json& value,
                                                                       std::string_view path,
                                                                       bool allow_empty_array) {
  if (!value.is_array()) {
    error(path, fmt::format("expected an array of strings, got {}", type_name(value)));
    return std::nullopt;
  }
  if (value.empty() && !allow_empty_array) {
    error(path, "expected a non-empty array of strings");
    return std::nullopt;
  }
  std::vector<std::string> items;
  bool ok = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto item = read_string(value[i], element_path(path, i));
    if (item)
      items.push_back(std::move(*item));
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return items;
}

std::optional<std::map<std::string, std::string>> ValueReader::read_environment(
    const Json& value, std::string_view path) {
  if (!value.is_object()) {
    error(path, fmt::format("expected an object of strings, got {}", type_name(value)));
    return std::nullopt;
  }
  std::map<std::string, std::string> environment;
  bool ok = true;
  for (const auto& [name, item] : value.items()) {
    const std::string item_path = child_path(path, name);
    if (name.empty() || name.find('=') != std::string::npos ||
        name.find('\0') != std::string::npos) {
      error(item_path, "an environment variable name must be non-empty, without '=' or NUL");
      ok = false;
      continue;
    }
    auto text = read_string(item, item_path, /*allow_empty=*/true);
    if (text)
      environment[name] = std::move(*text);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return environment;
}

std::optional<std::int64_t> ValueReader::read_integer(const Json& value, std::string_view path,
                                                      std::int64_t minimum, std::int64_t maximum) {
  const std::string expected = minimum == 1
                                   ? "a positive integer"
                                   : fmt::format("an integer from {} to {}", minimum, maximum);
  bool too_large = false;
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    too_large = number > static_cast<std::uint64_t>(maximum);
    if (!too_large && static_cast<std::int64_t>(number) >= minimum)
      return static_cast<std::int64_t>(number);
  } else if (value.is_number_integer()) {
    const auto number = value.get<std::int64_t>();
    too_large = number > maximum;
    if (number >= minimum && !too_large) return number;
  }
  if (too_large)
    error(path, fmt::format("expected {}, got {} (more than the maximum {})", expected,
                            describe_value(value), maximum));
  else
    error(path, fmt::format("expected {}, got {}", expected, describe_value(value)));
  return std::nullopt;
}

std::optional<int> ValueReader::read_positive_int(const Json& value, std::string_view path) {
  const auto number = read_integer(value, path, 1, std::numeric_limits<int>::max());
  if (!number) return std::nullopt;
  return static_cast<int>(*number);
}

std::optional<std::size_t> ValueReader::read_positive_size(const Json& value,
                                                           std::string_view path) {
  const auto number = read_integer(value, path, 1, std::numeric_limits<std::int64_t>::max());
  if (!number) return std::nullopt;
  return static_cast<std::size_t>(*number);
}

}  // namespace troupe::config
