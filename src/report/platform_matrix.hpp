#pragma once
// Passed/failed counts per platform pairing: for each pair of roles that share a scenario, a grid
// of the first role's platforms x the second role's platforms, so that one incompatible pair of
// implementations stands out. Scenarios with one role get a single row per role.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "exec/events.hpp"

namespace troupe::report {

struct MatrixCell {
  std::size_t passed = 0;
  std::size_t failed = 0;
};

struct RolePairGrid {
  std::string row_role;                                             // the first role by name
  std::string column_role;                                          // the second role by name
  std::vector<std::string> row_platforms;                           // first-seen order
  std::vector<std::string> column_platforms;                        // first-seen order
  std::map<std::pair<std::string, std::string>, MatrixCell> cells;  // (row, column) platform
};

struct SingleRoleRow {
  std::string role;
  std::vector<std::string> platforms;  // first-seen order
  std::map<std::string, MatrixCell> cells;
};

class PlatformMatrix {
 public:
  // Skipped test cases list their platforms but count in no cell.
  void add(const plan::TestCase& test_case, exec::Status status);

  const std::vector<RolePairGrid>& pairs() const { return pairs_; }
  const std::vector<SingleRoleRow>& singles() const { return singles_; }
  bool empty() const { return pairs_.empty() && singles_.empty(); }

 private:
  std::vector<RolePairGrid> pairs_;
  std::vector<SingleRoleRow> singles_;
};

// The matrix as aligned text, cells "passed/failed", "-" where nothing ran; cells with failures
// red.
std::string render_platform_matrix(const PlatformMatrix& matrix, bool color);

}  // namespace troupe::report
