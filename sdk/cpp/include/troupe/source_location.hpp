#pragma once
// Where a step was registered or an expect() failed. std::source_location where the standard
// library provides it; clang 14 with libstdc++ 12 does not (it lacks __builtin_source_location),
// so there a small stand-in built on __builtin_FILE/__builtin_LINE, which both compilers have.
#include <version>

#if defined(__cpp_lib_source_location)
#include <source_location>
namespace troupe {
using SourceLocation = std::source_location;
}  // namespace troupe
#else
#include <cstdint>
namespace troupe {
class SourceLocation {
 public:
  // The default arguments are evaluated where current() is called, as for std::source_location.
  static constexpr SourceLocation current(const char* file = __builtin_FILE(),
                                          std::uint_least32_t line = __builtin_LINE()) noexcept {
    SourceLocation where;
    where.file_ = file;
    where.line_ = line;
    return where;
  }
  constexpr const char* file_name() const noexcept { return file_; }
  constexpr std::uint_least32_t line() const noexcept { return line_; }
  constexpr std::uint_least32_t column() const noexcept { return 0; }
  constexpr const char* function_name() const noexcept { return ""; }

 private:
  const char* file_ = "";
  std::uint_least32_t line_ = 0;
};
}  // namespace troupe
#endif
