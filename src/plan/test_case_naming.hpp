#pragma once
// Test case names and ids: readable, unique within a run, and the same from run to run.
//   name: "<platforms in role order joined by '/'> | <pickle name>[ (header=value, ...)]"
//   id:   "<uri>:<pickle line>[:<platforms>]"
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gherkin/pickle.hpp"
#include "plan/test_plan.hpp"

namespace troupe::plan {

// "cpp/python"; "" for no roles.
std::string platforms_label(const std::vector<RolePlatform>& combination);
// " (size=1024, mode=fast)" for an outline row; "" otherwise.
std::string example_row_suffix(const gherkin::Pickle& pickle);

class TestCaseNamer {
 public:
  // Labels are decided over every pickle read, before any filter, so that a test case keeps
  // its name whatever subset a run selects.
  explicit TestCaseNamer(const std::vector<std::shared_ptr<const gherkin::Pickle>>& pickles);

  // The pickle name with its row values; if that still collides with another pickle's,
  // followed by " (<uri>:<line>)".
  std::string pickle_label(const gherkin::Pickle& pickle) const;

  // Unique within this namer: a repeat gets " #2", " #3", ...
  std::string unique_name(const std::string& name);
  std::string unique_id(const std::string& id);

 private:
  static std::string make_unique(std::set<std::string>& used, const std::string& candidate,
                                 const char* separator);
  std::map<std::string, int> label_counts_;
  std::set<std::string> used_names_;
  std::set<std::string> used_ids_;
};

}  // namespace troupe::plan
