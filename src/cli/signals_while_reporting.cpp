#include "cli/signals_while_reporting.hpp"

#include <signal.h>

#include <ctime>

namespace troupe::cli {
namespace {

sigset_t report_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

SignalsHeldWhileReporting::~SignalsHeldWhileReporting() {
  release();
}

void SignalsHeldWhileReporting::on_run_finished(const exec::RunFinished& e) {
  const sigset_t set = report_signals();
  holding_ = sigprocmask(SIG_BLOCK, &set, nullptr) == 0;
  reports_.on_run_finished(e);
}

int SignalsHeldWhileReporting::release() {
  if (!holding_) return 0;
  holding_ = false;
  const sigset_t set = report_signals();
  int taken = 0;
  const timespec no_wait{0, 0};
  // Every pending one is taken, so that unblocking cannot deliver (and die of) a second one.
  for (int signal = sigtimedwait(&set, nullptr, &no_wait); signal > 0;
       signal = sigtimedwait(&set, nullptr, &no_wait))
    if (taken == 0) taken = signal;
  sigprocmask(SIG_UNBLOCK, &set, nullptr);
  return taken;
}

}  // namespace troupe::cli
