#pragma once
// One line of a feature file, as the reference's GherkinLine sees it.
#include <string>
#include <string_view>
#include <vector>

#include "gherkin/ast.hpp"

namespace troupe::gherkin {

// A tag or a table cell with its line and 1-based column. The AST's TableCell
// itself, so that a table row's cells move into the AST without a copy (speed).
using LineItem = TableCell;

class GherkinLine {
 public:
  GherkinLine() = default;
  GherkinLine(std::string_view text, int number);

  std::string_view text() const { return text_; }
  std::string_view trimmed() const { return trimmed_; }  // left-trimmed
  int number() const { return number_; }
  int indent() const { return indent_; }  // in code points
  bool empty() const { return trimmed_.empty(); }
  bool starts_with(std::string_view prefix) const { return trimmed_.starts_with(prefix); }
  bool starts_with_title_keyword(std::string_view keyword) const;

  // The line without `indent_to_remove` leading characters (whole trimmed text
  // when it would cut into non-blank text, or when negative).
  std::string_view line_text(int indent_to_remove) const;
  // Trimmed text after the first `bytes` bytes of the trimmed line.
  std::string_view rest_trimmed(std::size_t bytes) const;
  // Table cells with escapes (\|, \n, \\) resolved and spaces trimmed.
  std::vector<LineItem> table_cells() const;

 private:
  std::string_view text_;
  std::string_view trimmed_;
  int number_ = 0;
  int indent_ = 0;
};

}  // namespace troupe::gherkin
