#include "report/run_recorder.hpp"

namespace troupe::report {

std::optional<exec::TimePoint> StepRecord::start_time() const {
  if (started) return started;
  if (finished) return finished->time - finished->duration;
  return std::nullopt;
}

CaseRecord* RunRecorder::record_for(const plan::TestCase* test_case) {
  if (!test_case) return nullptr;
  auto [it, inserted] = index_.try_emplace(test_case, cases_.size());
  if (inserted) {
    CaseRecord record;
    record.test_case = test_case;
    record.steps.resize(test_case->steps.size());
    cases_.push_back(std::move(record));
  }
  return &cases_[it->second];
}

StepRecord* RunRecorder::step_for(const plan::TestCase* test_case, std::size_t step_index) {
  CaseRecord* record = record_for(test_case);
  if (!record || step_index >= record->steps.size()) return nullptr;
  return &record->steps[step_index];
}

void RunRecorder::on_test_case_planned(const exec::TestCasePlanned& e) {
  record_for(e.test_case);
}

void RunRecorder::on_run_started(const exec::RunStarted& e) {
  run_started_ = e;
}

void RunRecorder::on_test_case_started(const exec::TestCaseStarted& e) {
  if (CaseRecord* record = record_for(e.test_case)) record->started = e.time;
}

void RunRecorder::on_step_started(const exec::StepStarted& e) {
  if (StepRecord* step = step_for(e.test_case, e.step_index)) step->started = e.time;
}

void RunRecorder::on_step_finished(const exec::StepFinished& e) {
  if (StepRecord* step = step_for(e.test_case, e.step_index)) step->finished = e;
}

void RunRecorder::on_servo_started(const exec::ServoStarted& e) {
  if (CaseRecord* record = record_for(e.test_case))
    record->servos.push_back({false, e.role, e.platform, e.pid, e.time, {}, {}, false, {}});
}

void RunRecorder::on_servo_exited(const exec::ServoExited& e) {
  if (CaseRecord* record = record_for(e.test_case))
    record->servos.push_back({true, e.role, e.platform, e.pid, e.time, e.exit_code, e.signal,
                              e.expected, e.stderr_tail});
}

void RunRecorder::on_test_case_finished(const exec::TestCaseFinished& e) {
  if (CaseRecord* record = record_for(e.test_case)) record->finished = e;
}

void RunRecorder::on_run_finished(const exec::RunFinished& e) {
  run_finished_ = e;
}

}  // namespace troupe::report
