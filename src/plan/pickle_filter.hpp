#pragma once
// Which pickles a run selects: --tags (tag expression over the pickle's tags), --name
// (ECMAScript regex searched in the pickle name) and PATH:LINE locations (any of them).
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "gherkin/pickle.hpp"
#include "plan/plan_options.hpp"
#include "plan/tag_expression.hpp"

namespace troupe::plan {

// --name never matches longer names: std::regex overflows the stack on very long texts.
inline constexpr std::size_t kMaxNameMatchLength = 4096;

class PickleFilter {
 public:
  // Bad options add a message to `problems`; such a filter then selects nothing.
  PickleFilter(const PlanOptions& options, std::vector<std::string>& problems);

  bool matches(const gherkin::Pickle& pickle);
  // Locations that matched no pickle so far (in the order given), as "PATH:LINE".
  std::vector<std::string> unmatched_locations() const;

 private:
  struct Location {
    FileLine given;
    std::filesystem::path normalised;
    bool matched = false;
  };
  bool matches_location(const gherkin::Pickle& pickle);
  const std::filesystem::path& normalised_uri(const std::string& uri);

  std::optional<TagExpression> tags_;
  std::optional<std::regex> name_;
  std::vector<Location> locations_;
  std::map<std::string, std::filesystem::path> normalised_uris_;  // a feature has many pickles
};

// Absolute, with symlinks resolved as far as the path exists, so that `./a.feature` and
// `/work/x/a.feature` compare equal.
std::filesystem::path normalise_path(const std::filesystem::path& path);

}  // namespace troupe::plan
