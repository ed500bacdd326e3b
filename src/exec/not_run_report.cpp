#include "exec/not_run_report.hpp"

namespace troupe::exec {

void report_not_run(const plan::TestCase& test_case, const std::string& test_run_id,
                    const std::string& reason, EventSink& sink) {
  TimePoint now = Clock::now();
  sink.on_test_case_started(TestCaseStarted{&test_case, now, test_run_id});
  for (std::size_t i = 0; i < test_case.steps.size(); ++i) {
    sink.on_step_started(StepStarted{&test_case, i, now});
    StepFinished finished;
    finished.test_case = &test_case;
    finished.step_index = i;
    finished.time = now;
    finished.status = Status::Skipped;
    if (test_case.steps[i].action == plan::StepAction::Send)
      finished.roles = {test_case.steps[i].role};
    sink.on_step_finished(finished);
  }
  TestCaseFinished finished;
  finished.test_case = &test_case;
  finished.time = now;
  finished.status = Status::Skipped;
  finished.error = reason;
  sink.on_test_case_finished(finished);
}

}  // namespace troupe::exec
