#pragma once
// `-v`: every log line of every servo as it arrives. With one test case at a time the lines are
// streamed live; with -j N each test case's lines are held and printed as one block when it
// finishes, so lines of different test cases never interleave.
#include <map>
#include <memory>
#include <string>

#include "exec/events.hpp"
#include "report/output_file.hpp"

namespace troupe::report {

class LiveLogFormatter : public exec::EventSink {
 public:
  LiveLogFormatter(std::unique_ptr<OutputFile> out, bool live);

  void on_log(const exec::LogReceived& e) override;
  void on_test_case_finished(const exec::TestCaseFinished& e) override;

 private:
  std::unique_ptr<OutputFile> out_;
  bool live_;
  std::map<const plan::TestCase*, std::string> held_;
};

}  // namespace troupe::report
