#pragma once
// `rerun`: the failed test cases as "uri:line" lines (the pickle's line: the scenario, or the
// example row of an outline), once each, in plan order, so that `troupe run @FILE` runs just them.
// An empty file means nothing failed.
#include <memory>

#include "report/output_file.hpp"
#include "report/run_recorder.hpp"

namespace troupe::report {

class RerunFormatter : public RunRecorder {
 public:
  explicit RerunFormatter(std::unique_ptr<OutputFile> out);
  void on_run_finished(const exec::RunFinished& e) override;

 private:
  std::unique_ptr<OutputFile> out_;
};

}  // namespace troupe::report
