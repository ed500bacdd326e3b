#pragma once
// `pretty`: features, scenarios and steps as written, each step marked with the role and platform
// it ran on and coloured by status; a failed test case also shows its error and the logs of every
// process in time order (every test case with verbose). A test case is printed as one block when
// it finishes, so parallel runs never interleave.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "exec/events.hpp"
#include "report/gherkin_index.hpp"
#include "report/output_file.hpp"

namespace troupe::report {

class PrettyFormatter : public exec::EventSink {
 public:
  PrettyFormatter(std::unique_ptr<OutputFile> out, bool color, bool verbose);

  void on_feature_parsed(const exec::FeatureParsed& e) override;
  void on_step_finished(const exec::StepFinished& e) override;
  void on_servo_exited(const exec::ServoExited& e) override;
  void on_test_case_finished(const exec::TestCaseFinished& e) override;

 private:
  struct CaseState {
    std::vector<std::optional<exec::StepFinished>> steps;
    std::vector<exec::ServoExited> unexpected_exits;
  };
  CaseState& state_for(const plan::TestCase& test_case);
  std::string render(const plan::TestCase& test_case, const CaseState& state,
                     const exec::TestCaseFinished& e);
  std::string paint(const char* code, const std::string& text) const;

  std::unique_ptr<OutputFile> out_;
  bool color_;
  bool verbose_;
  GherkinIndex keywords_;
  std::map<const plan::TestCase*, CaseState> cases_;
  std::string last_feature_uri_;
  bool printed_any_ = false;
};

}  // namespace troupe::report
