#pragma once
// Collects every problem in one config file, so the user sees them all at once.
#include <string>
#include <string_view>
#include <vector>

namespace troupe::config {

class Diagnostics {
 public:
  explicit Diagnostics(std::string file_label) : file_label_(std::move(file_label)) {}

  // "FILE: $.json.path: message"
  void error(std::string_view json_path, std::string_view message);
  // "FILE:LINE:COL: message", for problems in the JSON text itself.
  void error_at(std::size_t line, std::size_t column, std::string_view message);
  // "FILE: message", for problems with the file as a whole.
  void file_error(std::string_view message);
  void note(std::string_view json_path, std::string_view message);

  bool has_errors() const { return !errors_.empty(); }
  const std::string& file_label() const { return file_label_; }
  std::vector<std::string>& errors() { return errors_; }
  std::vector<std::string>& notes() { return notes_; }

 private:
  std::string file_label_;
  std::vector<std::string> errors_;
  std::vector<std::string> notes_;
};

}  // namespace troupe::config
