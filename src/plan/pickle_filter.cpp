#include "plan/pickle_filter.hpp"

#include <fmt/format.h>

namespace troupe::plan {

std::filesystem::path normalise_path(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  if (error) absolute = path;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(absolute, error);
  if (error) return absolute.lexically_normal();
  return canonical;
}

PickleFilter::PickleFilter(const PlanOptions& options, std::vector<std::string>& problems) {
  try {
    tags_ = TagExpression::parse(options.tag_expression);
  } catch (const TagExpressionError& error) {
    problems.push_back(fmt::format("--tags: {}", error.what()));
  }
  if (!options.name_regex.empty()) {
    try {
      name_ = std::regex(options.name_regex, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      problems.push_back(fmt::format("--name \"{}\": invalid regular expression: {}",
                                     options.name_regex, error.what()));
      tags_ = std::nullopt;  // a filter with a bad option selects nothing
    }
  }
  for (const FileLine& location : options.locations) {
    locations_.push_back(Location{location, normalise_path(location.path), false});
  }
}

bool PickleFilter::matches(const gherkin::Pickle& pickle) {
  if (!tags_) return false;
  // Locations first: they also record which PATH:LINE found something.
  if (!locations_.empty() && !matches_location(pickle)) return false;
  std::vector<std::string> tag_names;
  tag_names.reserve(pickle.tags.size());
  for (const auto& tag : pickle.tags) tag_names.push_back(tag.name);
  if (!tags_->evaluate(tag_names)) return false;
  // Bounded for the same reason as custom process patterns: std::regex recursion depth.
  if (name_ &&
      (pickle.name.size() > kMaxNameMatchLength || !std::regex_search(pickle.name, *name_)))
    return false;
  return true;
}

bool PickleFilter::matches_location(const gherkin::Pickle& pickle) {
  const std::filesystem::path& uri = normalised_uri(pickle.uri);
  bool any = false;
  for (Location& location : locations_) {
    if (location.normalised != uri) continue;
    const int line = location.given.line;
    bool hit = line <= 0 || pickle.scenario_location.line == line || pickle.location.line == line;
    for (std::size_t i = 0; !hit && i < pickle.steps.size(); ++i) {
      hit = pickle.steps[i].location.line == line;
    }
    if (hit) location.matched = any = true;
  }
  return any;
}

const std::filesystem::path& PickleFilter::normalised_uri(const std::string& uri) {
  auto found = normalised_uris_.find(uri);
  if (found == normalised_uris_.end())
    found = normalised_uris_.emplace(uri, normalise_path(uri)).first;
  return found->second;
}

std::vector<std::string> PickleFilter::unmatched_locations() const {
  std::vector<std::string> out;
  for (const Location& location : locations_) {
    if (location.matched) continue;
    out.push_back(location.given.line > 0
                      ? fmt::format("{}:{}", location.given.path, location.given.line)
                      : location.given.path);
  }
  return out;
}

}  // namespace troupe::plan
