#include "report/output_file.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace troupe::report {

OutputFile::OutputFile(const std::string& format_name, const std::string& path)
    : format_name_(format_name), path_(path) {
  if (path_.empty()) {
    file_ = stdout;
    return;
  }
  const std::filesystem::path target(path_);
  if (std::filesystem::is_directory(target))
    throw std::invalid_argument(
        fmt::format("format '{}': cannot write '{}': it is a directory", format_name_, path_));
  if (target.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec)
      throw std::invalid_argument(fmt::format("format '{}': cannot create folder '{}': {}",
                                              format_name_, target.parent_path().string(),
                                              ec.message()));
  }
  file_ = std::fopen(path_.c_str(), "wb");
  if (!file_)
    throw std::invalid_argument(fmt::format("format '{}': cannot write '{}': {}", format_name_,
                                            path_, std::strerror(errno)));
}

OutputFile::OutputFile(const std::string& format_name, std::FILE* stream)
    : format_name_(format_name), file_(stream), owned_(false) {}

OutputFile::~OutputFile() {
  if (file_ && owned_ && file_ != stdout) std::fclose(file_);
}

void OutputFile::write(std::string_view text) {
  const bool ok =
      std::fwrite(text.data(), 1, text.size(), file_) == text.size() && std::fflush(file_) == 0;
  if (!ok && !write_failed_) {
    write_failed_ = true;
    std::fprintf(stderr, "troupe: format '%s': cannot write '%s': %s\n", format_name_.c_str(),
                 path_.empty() ? "<standard stream>" : path_.c_str(), std::strerror(errno));
  }
}

}  // namespace troupe::report
