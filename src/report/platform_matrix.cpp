#include "report/platform_matrix.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/terminal_style.hpp"

namespace troupe::report {
namespace {

void remember(std::vector<std::string>& seen, const std::string& platform) {
  if (std::find(seen.begin(), seen.end(), platform) == seen.end()) seen.push_back(platform);
}

void count(MatrixCell& cell, exec::Status status) {
  if (status == exec::Status::Passed)
    ++cell.passed;
  else if (is_failure(status))
    ++cell.failed;
}

std::string cell_text(const MatrixCell* cell) {
  if (!cell || cell->passed + cell->failed == 0) return "-";
  return fmt::format("{}/{}", cell->passed, cell->failed);
}

std::string painted_cell(const MatrixCell* cell, std::size_t width, bool color) {
  std::string text = cell_text(cell);
  if (!cell || cell->passed + cell->failed == 0) return fmt::format("{:<{}}", text, width);
  // Paint only the text so that the padding keeps the columns aligned.
  return paint(color, cell->failed ? ansi::kRed : ansi::kGreen, text) +
         std::string(width > text.size() ? width - text.size() : 0, ' ');
}

}  // namespace

void PlatformMatrix::add(const plan::TestCase& test_case, exec::Status status) {
  const auto& combo = test_case.combination;
  if (combo.size() == 1) {
    auto it = std::find_if(singles_.begin(), singles_.end(),
                           [&](const SingleRoleRow& row) { return row.role == combo[0].role; });
    if (it == singles_.end())
      it = singles_.insert(singles_.end(), SingleRoleRow{combo[0].role, {}, {}});
    remember(it->platforms, combo[0].platform);
    count(it->cells[combo[0].platform], status);
    return;
  }
  for (std::size_t i = 0; i < combo.size(); ++i) {
    for (std::size_t j = i + 1; j < combo.size(); ++j) {
      const auto* row = combo[i].role < combo[j].role ? &combo[i] : &combo[j];
      const auto* column = row == &combo[i] ? &combo[j] : &combo[i];
      auto it = std::find_if(pairs_.begin(), pairs_.end(), [&](const RolePairGrid& grid) {
        return grid.row_role == row->role && grid.column_role == column->role;
      });
      if (it == pairs_.end())
        it = pairs_.insert(pairs_.end(), RolePairGrid{row->role, column->role, {}, {}, {}});
      remember(it->row_platforms, row->platform);
      remember(it->column_platforms, column->platform);
      count(it->cells[{row->platform, column->platform}], status);
    }
  }
}

std::string render_platform_matrix(const PlatformMatrix& matrix, bool color) {
  std::string out;
  for (const auto& grid : matrix.pairs()) {
    out +=
        fmt::format("Platform matrix {} x {} (passed/failed):\n", grid.row_role, grid.column_role);
    const std::string corner = fmt::format("{} \\ {}", grid.row_role, grid.column_role);
    std::size_t first_width = corner.size();
    for (const auto& p : grid.row_platforms) first_width = std::max(first_width, p.size());
    std::vector<std::size_t> widths;
    for (const auto& column : grid.column_platforms) {
      std::size_t width = column.size();
      for (const auto& row : grid.row_platforms) {
        auto it = grid.cells.find({row, column});
        width = std::max(width, cell_text(it == grid.cells.end() ? nullptr : &it->second).size());
      }
      widths.push_back(width);
    }
    std::string line = fmt::format("  {:<{}}", corner, first_width);
    for (std::size_t c = 0; c < widths.size(); ++c)
      line += fmt::format("  {:<{}}", grid.column_platforms[c], widths[c]);
    out += fmt::format("{}\n", line.substr(0, line.find_last_not_of(' ') + 1));
    for (const auto& row : grid.row_platforms) {
      line = fmt::format("  {:<{}}", row, first_width);
      for (std::size_t c = 0; c < widths.size(); ++c) {
        auto it = grid.cells.find({row, grid.column_platforms[c]});
        line += "  " + painted_cell(it == grid.cells.end() ? nullptr : &it->second,
                                    c + 1 == widths.size() ? 0 : widths[c], color);
      }
      out += line + "\n";
    }
  }
  for (const auto& single : matrix.singles()) {
    std::string cells;
    for (const auto& platform : single.platforms) {
      auto it = single.cells.find(platform);
      if (!cells.empty()) cells += ", ";
      cells +=
          platform + " " + painted_cell(it == single.cells.end() ? nullptr : &it->second, 0, color);
    }
    out += fmt::format("Platforms of {} (passed/failed): {}\n", single.role, cells);
  }
  return out;
}

}  // namespace troupe::report
