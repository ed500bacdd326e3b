// A SIGTERM that arrives while the reports are written is held until they are complete, then
// becomes the exit status; without one, nothing changes.
#include "cli/signals_while_reporting.hpp"

#include <gtest/gtest.h>

#include <csignal>

namespace troupe::cli {
namespace {

// A report that is being written when the signal comes.
class SlowReport : public exec::EventSink {
 public:
  explicit SlowReport(int signal) : signal_(signal) {}
  void on_test_case_finished(const exec::TestCaseFinished&) override { ++cases_; }
  void on_run_finished(const exec::RunFinished&) override {
    if (signal_) std::raise(signal_);
    written_ = true;  // still alive: the signal was held
  }
  int cases_ = 0;
  bool written_ = false;

 private:
  int signal_;
};

TEST(SignalsHeldWhileReporting, ASignalDuringTheReportsIsHeldThenReturned) {
  SlowReport report(SIGTERM);
  SignalsHeldWhileReporting held(report);
  held.on_test_case_finished({});
  held.on_run_finished({});
  EXPECT_TRUE(report.written_);
  EXPECT_EQ(report.cases_, 1) << "every event is passed on";
  EXPECT_EQ(held.release(), SIGTERM);
  EXPECT_EQ(held.release(), 0) << "taken once";
  sigset_t blocked;
  sigprocmask(SIG_BLOCK, nullptr, &blocked);
  EXPECT_FALSE(sigismember(&blocked, SIGTERM)) << "unblocked again";
}

TEST(SignalsHeldWhileReporting, TwoSignalsGiveTheFirst) {
  SlowReport report(SIGHUP);
  SignalsHeldWhileReporting held(report);
  held.on_run_finished({});
  std::raise(SIGINT);  // still held: the reports are done, release() was not called yet
  const int taken = held.release();
  EXPECT_TRUE(taken == SIGHUP || taken == SIGINT) << taken;
}

TEST(SignalsHeldWhileReporting, NoSignalNoStatus) {
  SlowReport report(0);
  SignalsHeldWhileReporting held(report);
  held.on_run_finished({});
  EXPECT_TRUE(report.written_);
  EXPECT_EQ(held.release(), 0);
}

TEST(SignalsHeldWhileReporting, NothingIsHeldBeforeTheRunFinishes) {
  SlowReport report(0);
  SignalsHeldWhileReporting held(report);
  held.on_run_started({});
  sigset_t blocked;
  sigprocmask(SIG_BLOCK, nullptr, &blocked);
  EXPECT_FALSE(sigismember(&blocked, SIGINT));
  EXPECT_EQ(held.release(), 0);
}

}  // namespace
}  // namespace troupe::cli
