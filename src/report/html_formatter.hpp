#pragma once
// `html`: one self-contained page (inline CSS and JS, nothing fetched), readable offline:
// a run overview with counts and the platform matrix, then every test case, failures first, each
// with a timeline of one lane per process (steps as status-coloured bars over time, servo start
// and exit marks, logs on hover) and its steps and logs below. Written when the run finishes.
#include <memory>
#include <string>

#include "report/gherkin_index.hpp"
#include "report/output_file.hpp"
#include "report/run_recorder.hpp"

namespace troupe::report {

class HtmlFormatter : public RunRecorder {
 public:
  HtmlFormatter(std::unique_ptr<OutputFile> out, std::string troupe_version);
  void on_feature_parsed(const exec::FeatureParsed& e) override;
  void on_run_finished(const exec::RunFinished& e) override;

 private:
  std::string render_case(const CaseRecord& record, std::size_t number) const;

  std::unique_ptr<OutputFile> out_;
  std::string troupe_version_;
  GherkinIndex keywords_;
};

}  // namespace troupe::report
