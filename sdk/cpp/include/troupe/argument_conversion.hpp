#pragma once
// Converts a captured argument to the type a step function declares for it.
#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "troupe/cucumber_expressions/argument.hpp"
#include "troupe/step_errors.hpp"
#include "troupe/type_name.hpp"

namespace troupe {

namespace conversion_detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
inline constexpr bool always_false = false;

inline std::string describe(std::size_t position, const std::string& text) {
  return "argument " + std::to_string(position) + " ('" + text + "')";
}

template <class Number>
Number parse_number(const std::string& text, std::size_t position) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  Number value{};
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error == std::errc::result_out_of_range) {
    throw ArgumentError(describe(position, text) + " is out of range for " +
                        type_name(typeid(Number)));
  }
  if (error != std::errc() || end != digits.data() + digits.size()) {
    throw ArgumentError(describe(position, text) + " is not a valid " + type_name(typeid(Number)));
  }
  return value;
}

inline bool parse_bool(const std::string& text, std::size_t position) {
  if (text == "true" || text == "yes" || text == "1") return true;
  if (text == "false" || text == "no" || text == "0") return false;
  throw ArgumentError(describe(position, text) + " is not a boolean (true/false, yes/no, 1/0)");
}

}  // namespace conversion_detail

// `position` counts from 1, for messages.
template <class T>
T convert_argument(const cucumber_expressions::Argument& argument, std::size_t position) {
  using namespace conversion_detail;
  if constexpr (std::is_same_v<T, nlohmann::json>) {
    return argument.value();
  } else if constexpr (is_optional<T>::value) {
    if (!argument.text()) return std::nullopt;
    return convert_argument<typename T::value_type>(argument, position);
  } else {
    const auto text = argument.text();
    if (!text) {
      throw ArgumentError("argument " + std::to_string(position) +
                          " did not take part in the match; declare it as std::optional<" +
                          type_name(typeid(T)) + ">");
    }
    if constexpr (std::is_same_v<T, std::string>) {
      return *text;
    } else if constexpr (std::is_same_v<T, bool>) {
      return parse_bool(*text, position);
    } else if constexpr (std::is_same_v<T, char>) {
      if (text->size() != 1) throw ArgumentError(describe(position, *text) + " is not one char");
      return text->front();
    } else if constexpr (std::is_arithmetic_v<T>) {
      return parse_number<T>(*text, position);
    } else {
      static_assert(always_false<T>,
                    "troupe: unsupported step parameter type; use std::string, bool, an arithmetic "
                    "type, std::optional<T> of those, or nlohmann::json");
    }
  }
}

}  // namespace troupe
