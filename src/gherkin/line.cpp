#include "gherkin/line.hpp"

#include <algorithm>

#include "gherkin/text.hpp"

namespace troupe::gherkin {

GherkinLine::GherkinLine(std::string_view text, int number)
    : text_(text), trimmed_(text::trim_left(text)), number_(number) {
  indent_ =
      static_cast<int>(text::count_code_points(text_.substr(0, text_.size() - trimmed_.size())));
}

bool GherkinLine::starts_with_title_keyword(std::string_view keyword) const {
  return trimmed_.size() > keyword.size() && trimmed_.starts_with(keyword) &&
         trimmed_[keyword.size()] == ':';
}

std::string_view GherkinLine::line_text(int indent_to_remove) const {
  if (indent_to_remove < 0 || indent_to_remove > indent_) return trimmed_;
  // The leading characters are white space, so skip whole code points.
  std::size_t pos = 0;
  for (int i = 0; i < indent_to_remove; ++i)
    pos += text::sequence_length(static_cast<unsigned char>(text_[pos]));
  return text_.substr(pos);
}

std::string_view GherkinLine::rest_trimmed(std::size_t bytes) const {
  if (bytes >= trimmed_.size()) return {};
  return text::trim(trimmed_.substr(bytes));
}

std::vector<LineItem> GherkinLine::table_cells() const {
  std::vector<LineItem> cells;
  const std::string_view s = trimmed_;
  // At most one cell per '|': one allocation instead of growing the vector (speed).
  cells.reserve(static_cast<std::size_t>(std::count(s.begin(), s.end(), '|')));
  std::string cell;
  std::size_t pos = 0;
  std::size_t col = 0;  // UTF-16 units consumed, as the reference counts
  std::size_t start_col = 1;
  bool first_cell = true;
  while (pos < s.size()) {
    char c = s[pos];
    if (c == '|') {
      ++pos;
      ++col;
      if (first_cell) {
        first_cell = false;  // text before the first '|' is not a cell
      } else {
        std::size_t left = 0, removed_units = 0;
        while (std::size_t len = text::cell_space_length(cell, left)) {
          left += len;
          ++removed_units;
        }
        std::size_t right = cell.size();
        while (right > left) {
          std::size_t k = right - 1;
          while (k > left && (static_cast<unsigned char>(cell[k]) & 0xC0) == 0x80) --k;
          std::size_t len = text::cell_space_length(cell, k);
          if (len == 0 || k + len != right) break;
          right = k;
        }
        cells.push_back({{number_, static_cast<int>(indent_ + start_col + removed_units)},
                         cell.substr(left, right - left)});
      }
      cell.clear();
      start_col = col + 1;
    } else if (c == '\\') {
      ++pos;
      ++col;
      if (pos >= s.size()) {
        // A trailing backslash: the reference appends "\undefined"; the cell is
        // never closed, so it is dropped either way.
        cell += '\\';
        break;
      }
      char next = s[pos];
      if (next == 'n') {
        cell += '\n';
        ++pos;
        ++col;
      } else {
        if (next != '|' && next != '\\') cell += '\\';
        std::size_t len = text::sequence_length(static_cast<unsigned char>(next));
        cell.append(s.substr(pos, len));
        col += len == 4 ? 2 : 1;
        pos += len;
      }
    } else {
      // Plain text up to the next delimiter or escape, appended in one go (speed).
      std::size_t stop = s.find_first_of("|\\", pos);
      if (stop == std::string_view::npos) stop = s.size();
      const std::string_view run = s.substr(pos, stop - pos);
      cell.append(run);
      col += text::count_utf16_units(run);
      pos = stop;
    }
  }
  return cells;
}

}  // namespace troupe::gherkin
