#pragma once
// Readable C++ type names for `errorType`.
#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <typeinfo>

namespace troupe {

inline std::string demangle(const char* mangled) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> readable(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  return status == 0 && readable ? std::string(readable.get()) : std::string(mangled);
}

inline std::string type_name(const std::type_info& type) {
  return demangle(type.name());
}

// The type of the exception being handled, also for exceptions not derived from std::exception.
inline std::string current_exception_type_name() {
  const std::type_info* type = abi::__cxa_current_exception_type();
  return type ? type_name(*type) : std::string("unknown");
}

}  // namespace troupe
