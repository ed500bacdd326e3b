#include "cli/feature_sources.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

namespace troupe::cli {
namespace fs = std::filesystem;
namespace {

bool is_feature_file(const fs::path& p) { return p.extension() == ".feature"; }

std::string display_path(const fs::path& p, const fs::path& cwd) {
  if (p.is_relative()) return p.generic_string();
  std::error_code ec;
  fs::path rel = fs::relative(p, cwd, ec);
  if (!ec && !rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return p.generic_string();
}

// "path:12:30" -> path and lines, when path exists and every suffix is a number.
bool split_path_lines(const std::string& arg, std::string& path, std::vector<int>& lines) {
  std::string rest = arg;
  std::vector<int> found;
  while (true) {
    auto colon = rest.rfind(':');
    if (colon == std::string::npos || colon + 1 == rest.size()) break;
    std::string tail = rest.substr(colon + 1);
    if (!std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; })) break;
    if (tail.size() > 9) break;
    found.insert(found.begin(), std::stoi(tail));
    rest.resize(colon);
  }
  if (found.empty()) return false;
  path = rest;
  lines = std::move(found);
  return true;
}

void add_path(const fs::path& path, const std::string& shown, const fs::path& cwd,
              FeatureSources& out) {
  std::error_code ec;
  const fs::path resolved = path.is_absolute() ? path : cwd / path;
  if (fs::is_directory(resolved, ec)) {
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(resolved, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw UsageError(fmt::format("cannot read directory {}: {}", shown, ec.message()));
    for (const auto& entry : it) {
      if (entry.is_regular_file(ec) && is_feature_file(entry.path())) {
        fs::path rel = fs::relative(entry.path(), resolved, ec);
        found.push_back((fs::path(shown) / rel).generic_string());
      }
    }
    std::sort(found.begin(), found.end());
    out.files.insert(out.files.end(), found.begin(), found.end());
    return;
  }
  if (!fs::exists(resolved, ec)) throw UsageError(fmt::format("no such feature file or directory: {}", shown));
  out.files.push_back(shown);
}

}  // namespace

FeatureSources collect_feature_sources(const std::vector<std::string>& args,
                                       const std::vector<fs::path>& config_features,
                                       const fs::path& cwd) {
  FeatureSources out;
  if (args.empty()) {
    for (const auto& p : config_features) add_path(p, display_path(p, cwd), cwd, out);
  }
  std::vector<std::string> expanded;
  for (const auto& arg : args) {
    if (arg.size() > 1 && arg[0] == '@') {
      std::ifstream in(arg.substr(1));
      if (!in) throw UsageError(fmt::format("cannot read rerun file {}", arg.substr(1)));
      std::string line;
      while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty()) expanded.push_back(line);
      }
      if (expanded.empty()) throw UsageError(fmt::format("rerun file {} lists nothing to run", arg.substr(1)));
    } else {
      expanded.push_back(arg);
    }
  }
  for (const auto& arg : expanded) {
    std::string path;
    std::vector<int> lines;
    std::error_code ec;
    if (!fs::exists(cwd / arg, ec) && split_path_lines(arg, path, lines)) {
      add_path(path, path, cwd, out);
      for (int line : lines) out.locations.push_back({path, line});
    } else {
      add_path(arg, arg, cwd, out);
    }
  }
  // A file named twice (e.g. dir and dir/file:3) is parsed once.
  std::vector<std::string> unique;
  for (auto& f : out.files)
    if (std::find(unique.begin(), unique.end(), f) == unique.end()) unique.push_back(f);
  out.files = std::move(unique);
  if (out.files.empty()) throw UsageError("no feature files found");
  return out;
}

}  // namespace troupe::cli
