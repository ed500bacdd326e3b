#pragma once
// Where a formatter writes: stdout, or a file opened (parent folders created) when the formatter
// is made, so that an unwritable path is reported before the run starts rather than after it.
#include <cstdio>
#include <string>
#include <string_view>

namespace troupe::report {

class OutputFile {
 public:
  // Empty path = stdout. Throws std::invalid_argument naming the format, the path and the reason.
  OutputFile(const std::string& format_name, const std::string& path);
  // A standard stream (stdout, stderr), not closed at the end.
  OutputFile(const std::string& format_name, std::FILE* stream);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Writes and flushes; a write error is reported once on stderr (a sink cannot return one).
  void write(std::string_view text);
  std::FILE* stream() const { return file_; }
  const std::string& path() const { return path_; }  // empty for stdout
  bool is_stdout() const { return file_ == stdout; }

 private:
  std::string format_name_;
  std::string path_;
  std::FILE* file_ = nullptr;
  bool owned_ = true;
  bool write_failed_ = false;
};

}  // namespace troupe::report
