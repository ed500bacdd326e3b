#include "report/message_formatter.hpp"

#include <fmt/format.h>
#include <sys/utsname.h>

#include "report/log_format.hpp"
#include "report/signal_text.hpp"
#include "report/step_labels.hpp"
#include "report/terminal_style.hpp"

namespace troupe::report {
namespace {

// The @cucumber/messages release whose schema the checker tests validate against.
constexpr const char* kProtocolVersion = "34.2.1";
// Bounds the logs held while no step runs (a servo spamming stderr between steps).
constexpr std::size_t kMaxPendingLogs = 10000;

nlohmann::json timestamp(exec::TimePoint time) {
  const auto since_epoch =
      std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch());
  auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  return {{"seconds", seconds.count()}, {"nanos", (since_epoch - seconds).count()}};
}

nlohmann::json duration(exec::Millis millis) {
  const long long ms = std::max<long long>(millis.count(), 0);
  return {{"seconds", ms / 1000}, {"nanos", (ms % 1000) * 1'000'000}};
}

const char* message_status(exec::Status status) {
  switch (status) {
    case exec::Status::Passed:
      return "PASSED";
    case exec::Status::Skipped:
      return "SKIPPED";
    case exec::Status::Pending:
      return "PENDING";
    case exec::Status::Undefined:
      return "UNDEFINED";
    case exec::Status::Ambiguous:
      return "AMBIGUOUS";
    case exec::Status::Failed:
      return "FAILED";
    case exec::Status::Unknown:
      break;
  }
  return "UNKNOWN";
}

nlohmann::json step_result(exec::Status status, exec::Millis took, const std::string& error,
                           const std::string& error_type) {
  nlohmann::json result = {{"status", message_status(status)}, {"duration", duration(took)}};
  if (!error.empty()) {
    result["message"] = error_type.empty() ? error : error_type + ": " + error;
    result["exception"] = {{"type", error_type.empty() ? std::string("error") : error_type},
                           {"message", error}};
  }
  return result;
}

}  // namespace

MessageFormatter::MessageFormatter(std::unique_ptr<OutputFile> out, std::string troupe_version)
    : out_(std::move(out)), troupe_version_(std::move(troupe_version)) {}

void MessageFormatter::emit(const char* type, nlohmann::json body) {
  nlohmann::json envelope = {{type, std::move(body)}};
  // Process output is not always UTF-8: replace bad bytes rather than throw.
  out_->write(envelope.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void MessageFormatter::ensure_meta() {
  if (meta_written_) return;
  meta_written_ = true;
  utsname host{};
  uname(&host);
  emit("meta", {{"protocolVersion", kProtocolVersion},
                {"implementation", {{"name", "troupe"}, {"version", troupe_version_}}},
                {"runtime", {{"name", "C++"}, {"version", __VERSION__}}},
                {"os", {{"name", host.sysname}, {"version", host.release}}},
                {"cpu", {{"name", host.machine}}}});
}

void MessageFormatter::ensure_run_started(exec::TimePoint time) {
  ensure_meta();
  if (run_started_written_) return;
  run_started_written_ = true;
  if (run_id_.empty()) run_id_ = "run";
  emit("testRunStarted", {{"timestamp", timestamp(time)}, {"id", run_id_}});
  for (const plan::TestCase* test_case : planned_before_run_)
    ensure_test_case_written(*test_case, state_for(*test_case));
  planned_before_run_.clear();
}

MessageFormatter::CaseState& MessageFormatter::state_for(const plan::TestCase& test_case) {
  auto [it, inserted] = cases_.try_emplace(&test_case);
  if (inserted) {
    it->second.test_case_id = fmt::format("tc{}", next_case_number_++);
    it->second.step_started.resize(test_case.steps.size());
    it->second.step_finished.resize(test_case.steps.size());
  }
  return it->second;
}

std::string MessageFormatter::step_id(const CaseState& state, std::size_t index) const {
  return fmt::format("{}-step{}", state.test_case_id, index);
}

void MessageFormatter::ensure_test_case_written(const plan::TestCase& test_case, CaseState& state) {
  if (state.test_case_written) return;
  state.test_case_written = true;
  nlohmann::json steps = nlohmann::json::array();
  for (std::size_t i = 0; i < test_case.steps.size(); ++i) {
    nlohmann::json step = {{"id", step_id(state, i)},
                           {"stepDefinitionIds", nlohmann::json::array()},
                           {"stepMatchArgumentsLists", nlohmann::json::array()}};
    std::string pickle_step_id = test_case.steps[i].pickle_step_id;
    if (pickle_step_id.empty() && test_case.pickle && i < test_case.pickle->steps.size())
      pickle_step_id = test_case.pickle->steps[i].id;
    if (!pickle_step_id.empty()) step["pickleStepId"] = pickle_step_id;
    steps.push_back(std::move(step));
  }
  emit("testCase", {{"id", state.test_case_id},
                    {"pickleId", test_case.pickle ? test_case.pickle->id : std::string()},
                    {"testSteps", std::move(steps)},
                    {"testRunStartedId", run_id_}});
}

void MessageFormatter::ensure_case_started(const plan::TestCase& test_case, CaseState& state,
                                           exec::TimePoint time) {
  ensure_run_started(time);
  ensure_test_case_written(test_case, state);
  if (!state.started_id.empty()) return;
  state.started_id = fmt::format("tcs{}", next_started_number_++);
  started_order_.push_back(&test_case);
  emit("testCaseStarted", {{"id", state.started_id},
                           {"testCaseId", state.test_case_id},
                           {"attempt", 0},
                           {"timestamp", timestamp(time)}});
}

void MessageFormatter::ensure_step_started(const plan::TestCase& test_case, CaseState& state,
                                           std::size_t index, exec::TimePoint time) {
  ensure_case_started(test_case, state, time);
  if (state.step_started[index]) return;
  state.step_started[index] = true;
  emit("testStepStarted", {{"testCaseStartedId", state.started_id},
                           {"testStepId", step_id(state, index)},
                           {"timestamp", timestamp(time)}});
  // Cucumber's tools show one test case per pickle: say which combination this one is.
  if (index == 0 && !test_case.combination.empty())
    emit("attachment", {{"body", "platforms: " + combination_text(test_case)},
                        {"contentEncoding", "IDENTITY"},
                        {"mediaType", "text/x.cucumber.log+plain"},
                        {"testCaseStartedId", state.started_id},
                        {"testStepId", step_id(state, index)},
                        {"timestamp", timestamp(time)}});
  for (const auto& entry : state.pending_logs) emit_log(state, index, entry);
  state.pending_logs.clear();
}

void MessageFormatter::emit_log(const CaseState& state, std::optional<std::size_t> step_index,
                                const exec::LogEntry& entry) {
  nlohmann::json attachment = {{"body", format_log_entry(entry)},
                               {"contentEncoding", "IDENTITY"},
                               {"mediaType", "text/x.cucumber.log+plain"},
                               {"testCaseStartedId", state.started_id},
                               {"timestamp", timestamp(entry.time)}};
  if (step_index) attachment["testStepId"] = step_id(state, *step_index);
  emit("attachment", std::move(attachment));
}

void MessageFormatter::on_feature_parsed(const exec::FeatureParsed& e) {
  ensure_meta();
  if (!e.source.is_null()) emit("source", e.source);
  if (!e.gherkin_document.is_null()) emit("gherkinDocument", e.gherkin_document);
  for (const auto& pickle : e.pickles) emit("pickle", pickle);
}

void MessageFormatter::on_test_case_planned(const exec::TestCasePlanned& e) {
  if (!e.test_case) return;
  state_for(*e.test_case);  // numbers test cases in plan order
  if (run_started_written_)
    ensure_test_case_written(*e.test_case, state_for(*e.test_case));
  else
    planned_before_run_.push_back(e.test_case);
}

void MessageFormatter::on_run_started(const exec::RunStarted& e) {
  if (!e.run_id.empty() && !run_started_written_) run_id_ = e.run_id;
  ensure_run_started(e.time);
}

void MessageFormatter::on_test_case_started(const exec::TestCaseStarted& e) {
  if (!e.test_case) return;
  ensure_case_started(*e.test_case, state_for(*e.test_case), e.time);
}

void MessageFormatter::on_step_started(const exec::StepStarted& e) {
  if (!e.test_case || e.step_index >= e.test_case->steps.size()) return;
  CaseState& state = state_for(*e.test_case);
  if (!state.finished) ensure_step_started(*e.test_case, state, e.step_index, e.time);
}

void MessageFormatter::on_step_finished(const exec::StepFinished& e) {
  if (!e.test_case || e.step_index >= e.test_case->steps.size()) return;
  CaseState& state = state_for(*e.test_case);
  if (state.finished || state.step_finished[e.step_index]) return;
  const exec::TimePoint began = e.time - e.duration;
  ensure_step_started(*e.test_case, state, e.step_index, began);
  for (const auto& entry : e.logs) emit_log(state, e.step_index, entry);
  state.step_finished[e.step_index] = true;
  if (is_failure(e.status)) state.step_failed = true;
  emit("testStepFinished",
       {{"testCaseStartedId", state.started_id},
        {"testStepId", step_id(state, e.step_index)},
        {"testStepResult", step_result(e.status, e.duration, e.error, e.error_type)},
        {"timestamp", timestamp(e.time)}});
}

void MessageFormatter::on_log(const exec::LogReceived& e) {
  // Step logs come with StepFinished; the rest (stderr, troupe's own) is attached to the step
  // running when it arrived, or to the next step to start.
  if (!e.test_case || e.entry.source == "step") return;
  CaseState& state = state_for(*e.test_case);
  if (state.finished) return;
  for (std::size_t i = 0; i < state.step_started.size(); ++i) {
    if (state.step_started[i] && !state.step_finished[i]) {
      emit_log(state, i, e.entry);
      return;
    }
  }
  if (state.pending_logs.size() < kMaxPendingLogs) state.pending_logs.push_back(e.entry);
}

void MessageFormatter::on_test_case_finished(const exec::TestCaseFinished& e) {
  if (!e.test_case) return;
  const plan::TestCase& tc = *e.test_case;
  CaseState& state = state_for(tc);
  if (state.finished) return;
  ensure_case_started(tc, state, e.time - e.duration);

  // A failure no step reported (a crash between steps, a scenario timeout) fails the first step
  // that never finished, so that the test case's status in Cucumber's eyes matches troupe's.
  std::optional<std::size_t> first_unfinished;
  for (std::size_t i = 0; i < tc.steps.size() && !first_unfinished && !state.step_failed; ++i)
    if (!state.step_finished[i]) first_unfinished = i;

  for (std::size_t i = 0; i < tc.steps.size(); ++i) {
    if (state.step_finished[i]) continue;
    ensure_step_started(tc, state, i, e.time);
    const bool fails_here = is_failure(e.status) && first_unfinished == i;
    state.step_finished[i] = true;
    emit("testStepFinished",
         {{"testCaseStartedId", state.started_id},
          {"testStepId", step_id(state, i)},
          {"testStepResult", fails_here
                                 ? step_result(exec::Status::Failed, exec::Millis(0), e.error,
                                               e.interrupted ? "interrupted" : "")
                                 : step_result(exec::Status::Skipped, exec::Millis(0), "", "")},
          {"timestamp", timestamp(e.time)}});
  }
  // Logs after the last step belong to the test case as a whole.
  for (const auto& entry : state.pending_logs) emit_log(state, std::nullopt, entry);
  state.pending_logs.clear();
  state.finished = true;
  emit("testCaseFinished", {{"testCaseStartedId", state.started_id},
                            {"timestamp", timestamp(e.time)},
                            {"willBeRetried", false}});
}

void MessageFormatter::on_run_finished(const exec::RunFinished& e) {
  ensure_run_started(e.time);
  // Test cases cut short without a TestCaseFinished still end in the stream.
  for (const plan::TestCase* test_case : started_order_) {
    CaseState& state = state_for(*test_case);
    if (state.finished) continue;
    state.finished = true;
    emit("testCaseFinished", {{"testCaseStartedId", state.started_id},
                              {"timestamp", timestamp(e.time)},
                              {"willBeRetried", false}});
  }
  nlohmann::json finished = {
      {"success", e.success}, {"timestamp", timestamp(e.time)}, {"testRunStartedId", run_id_}};
  if (e.interrupted_by_signal)
    finished["message"] = "interrupted by " + signal_text(e.interrupted_by_signal);
  emit("testRunFinished", std::move(finished));
}

}  // namespace troupe::report
