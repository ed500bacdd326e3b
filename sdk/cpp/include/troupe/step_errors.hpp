#pragma once
// Exceptions a step throws to fail with a clear reason, and a check that throws one.
#include "troupe/source_location.hpp"
#include <stdexcept>
#include <string>

namespace troupe {

class AssertionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown by a step that is not implemented yet (the generated snippets throw it).
class PendingError : public std::runtime_error {
 public:
  explicit PendingError(const std::string& message = "pending") : std::runtime_error(message) {}
};

// Raised when a captured argument can not become the step function's parameter type.
class ArgumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline void expect(bool condition, const std::string& message,
                   SourceLocation where = SourceLocation::current()) {
  if (!condition) {
    throw AssertionError(message + " (" + where.file_name() + ":" + std::to_string(where.line()) +
                         ")");
  }
}

}  // namespace troupe
