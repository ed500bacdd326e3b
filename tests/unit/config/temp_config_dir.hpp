#pragma once
// A fresh temporary folder per test, removed afterwards, with helpers to lay out config files.
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config.hpp"

namespace troupe::config::testing {

class TempConfigDir {
 public:
  TempConfigDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "troupe-config-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    // Canonical, so expected paths compare equal even when /tmp is a symlink.
    path_ = std::filesystem::canonical(pattern);
  }
  ~TempConfigDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempConfigDir(const TempConfigDir&) = delete;
  TempConfigDir& operator=(const TempConfigDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(const std::string& relative, const std::string& text) const {
    const auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  // A file the servo checks accept as a program.
  std::filesystem::path executable(const std::string& relative) const {
    const auto file = write(relative, "#!/bin/sh\nexit 0\n");
    ::chmod(file.c_str(), 0755);
    return file;
  }

  std::filesystem::path folder(const std::string& relative) const {
    const auto dir = path_ / relative;
    std::filesystem::create_directories(dir);
    return dir;
  }

  // The errors a load reports, or a single "no error" entry so a mismatch is readable.
  std::vector<std::string> errors_of(const std::string& file_name, const std::string& text,
                                     const LoadOptions& options) const {
    try {
      load_config(write(file_name, text), options);
    } catch (const ConfigError& e) {
      return e.messages;
    }
    return {"no error"};
  }

 private:
  std::filesystem::path path_;
};

}  // namespace troupe::config::testing
