#pragma once
// `junit`: JUnit XML as Jenkins, GitLab and GitHub test reporters read it (valid against
// Jenkins' junit-4 XSD): <testsuites>, one <testsuite> per feature, one <testcase> per test case
// (classname the feature, name the test case name), <failure message type>, <skipped> with the
// reason, <system-out> with the logs; suite <properties> list each role=platform used.
// Written when the run finishes.
#include <memory>

#include "report/output_file.hpp"
#include "report/run_recorder.hpp"

namespace troupe::report {

class JunitFormatter : public RunRecorder {
 public:
  explicit JunitFormatter(std::unique_ptr<OutputFile> out);
  void on_run_finished(const exec::RunFinished& e) override;

 private:
  std::unique_ptr<OutputFile> out_;
};

}  // namespace troupe::report
