#pragma once
// How reports name the signal that interrupted a run: "SIGINT", "SIGTERM", "SIGHUP", or "signal 7".
#include <string>

namespace troupe::report {

std::string signal_text(int signal);

}  // namespace troupe::report
