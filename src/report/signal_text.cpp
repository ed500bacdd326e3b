#include "report/signal_text.hpp"

#include <fmt/format.h>

#include <csignal>

namespace troupe::report {

std::string signal_text(int signal) {
  switch (signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return fmt::format("signal {}", signal);
  }
}

}  // namespace troupe::report
