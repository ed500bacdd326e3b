#pragma once
// Typed reads of JSON values; each failed read adds one error naming the JSON path.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/diagnostics.hpp"
#include "config/json_path.hpp"

namespace troupe::config {

class ValueReader {
 public:
  explicit ValueReader(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  Diagnostics& diagnostics() { return diagnostics_; }
  void error(std::string_view path, std::string_view message) { diagnostics_.error(path, message); }

  bool expect_object(const Json& value, std::string_view path);
  // A string without NUL characters (they cannot pass through argv, env or paths).
  std::optional<std::string> read_string(const Json& value, std::string_view path,
                                         bool allow_empty = false);
  std::optional<std::vector<std::string>> read_string_array(const Json& value,
                                                            std::string_view path,
                                                            bool allow_empty_array = false);
  std::optional<std::map<std::string, std::string>> read_environment(const Json& value,
                                                                     std::string_view path);
  // An integer in [minimum, maximum].
  std::optional<std::int64_t> read_integer(const Json& value, std::string_view path,
                                           std::int64_t minimum, std::int64_t maximum);
  std::optional<int> read_positive_int(const Json& value, std::string_view path);
  std::optional<std::size_t> read_positive_size(const Json& value, std::string_view path);

  // One of a fixed set of strings; the error lists them: expected "a" or "b", got "c".
  template <typename Enum>
  std::optional<Enum> read_choice(const Json& value, std::string_view path,
                                  std::initializer_list<std::pair<const char*, Enum>> choices) {
    if (value.is_string()) {
      for (const auto& [name, choice] : choices)
        if (value.get_ref<const std::string&>() == name) return choice;
    }
    std::vector<std::string> names;
    for (const auto& choice : choices) names.push_back(choice.first);
    error(path, "expected " + alternatives(names) + ", got " + describe_value(value));
    return std::nullopt;
  }

 private:
  static std::string alternatives(const std::vector<std::string>& names);
  Diagnostics& diagnostics_;
};

}  // namespace troupe::config
