#pragma once
// Reports are written after the run's signal watch is gone, when SIGINT/SIGTERM/SIGHUP would kill
// troupe half way through a file. This sink holds those signals back while the reports are written;
// the caller then takes a held-back signal as the run's exit status.
#include "exec/events.hpp"

namespace troupe::cli {

class SignalsHeldWhileReporting : public exec::EventSink {
 public:
  explicit SignalsHeldWhileReporting(exec::EventSink& reports) : reports_(reports) {}
  ~SignalsHeldWhileReporting() override;
  SignalsHeldWhileReporting(const SignalsHeldWhileReporting&) = delete;
  SignalsHeldWhileReporting& operator=(const SignalsHeldWhileReporting&) = delete;

  void on_feature_parsed(const exec::FeatureParsed& e) override { reports_.on_feature_parsed(e); }
  void on_test_case_planned(const exec::TestCasePlanned& e) override {
    reports_.on_test_case_planned(e);
  }
  void on_run_started(const exec::RunStarted& e) override { reports_.on_run_started(e); }
  void on_test_case_started(const exec::TestCaseStarted& e) override {
    reports_.on_test_case_started(e);
  }
  void on_step_started(const exec::StepStarted& e) override { reports_.on_step_started(e); }
  void on_step_finished(const exec::StepFinished& e) override { reports_.on_step_finished(e); }
  void on_servo_started(const exec::ServoStarted& e) override { reports_.on_servo_started(e); }
  void on_servo_exited(const exec::ServoExited& e) override { reports_.on_servo_exited(e); }
  void on_log(const exec::LogReceived& e) override { reports_.on_log(e); }
  void on_test_case_finished(const exec::TestCaseFinished& e) override {
    reports_.on_test_case_finished(e);
  }
  // Blocks SIGINT, SIGTERM and SIGHUP, then writes the reports.
  void on_run_finished(const exec::RunFinished& e) override;

  // Takes a signal that arrived while held (0 if none) and unblocks them all again.
  int release();

 private:
  exec::EventSink& reports_;
  bool holding_ = false;
};

}  // namespace troupe::cli
