#pragma once
// Turns `troupe run` arguments into feature files to parse and line filters:
// directories (searched recursively for *.feature), files, PATH:LINE[:LINE...], and @FILE
// (a rerun file: one such argument per line).
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "plan/plan_options.hpp"

namespace troupe::cli {

struct FeatureSources {
  std::vector<std::string> files;          // as the user would write them (the uri in reports)
  std::vector<plan::FileLine> locations;   // PATH:LINE filters
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// `args` empty: use `config_features` (absolute). Paths shown relative to `cwd` where possible.
FeatureSources collect_feature_sources(const std::vector<std::string>& args,
                                       const std::vector<std::filesystem::path>& config_features,
                                       const std::filesystem::path& cwd);

}  // namespace troupe::cli
