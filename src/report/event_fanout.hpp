#pragma once
// Hands every event to several formatters, in the order they were added.
#include <memory>
#include <vector>

#include "exec/events.hpp"

namespace troupe::report {

class EventFanout : public exec::EventSink {
 public:
  void add(exec::EventSink* sink) { sinks_.push_back(sink); }
  void own(std::unique_ptr<exec::EventSink> sink) {
    sinks_.push_back(sink.get());
    owned_.push_back(std::move(sink));
  }

  void on_feature_parsed(const exec::FeatureParsed& e) override {
    each(&EventSink::on_feature_parsed, e);
  }
  void on_test_case_planned(const exec::TestCasePlanned& e) override {
    each(&EventSink::on_test_case_planned, e);
  }
  void on_run_started(const exec::RunStarted& e) override { each(&EventSink::on_run_started, e); }
  void on_test_case_started(const exec::TestCaseStarted& e) override {
    each(&EventSink::on_test_case_started, e);
  }
  void on_step_started(const exec::StepStarted& e) override {
    each(&EventSink::on_step_started, e);
  }
  void on_step_finished(const exec::StepFinished& e) override {
    each(&EventSink::on_step_finished, e);
  }
  void on_servo_started(const exec::ServoStarted& e) override {
    each(&EventSink::on_servo_started, e);
  }
  void on_servo_exited(const exec::ServoExited& e) override {
    each(&EventSink::on_servo_exited, e);
  }
  void on_log(const exec::LogReceived& e) override { each(&EventSink::on_log, e); }
  void on_test_case_finished(const exec::TestCaseFinished& e) override {
    each(&EventSink::on_test_case_finished, e);
  }
  void on_run_finished(const exec::RunFinished& e) override {
    each(&EventSink::on_run_finished, e);
  }

 private:
  template <typename Event>
  void each(void (exec::EventSink::*handler)(const Event&), const Event& e) {
    for (auto* sink : sinks_) (sink->*handler)(e);
  }
  std::vector<exec::EventSink*> sinks_;
  std::vector<std::unique_ptr<exec::EventSink>> owned_;
};

}  // namespace troupe::report
