#include "exec_test_support.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

namespace troupe::exec::testing {

namespace fs = std::filesystem;

void RecordingSink::on_run_started(const RunStarted& e) {
  run_started.push_back(e);
  order.push_back("run+");
}
void RecordingSink::on_test_case_started(const TestCaseStarted& e) {
  cases_started.push_back(e);
  order.push_back("case+ " + e.test_case->name);
}
void RecordingSink::on_step_started(const StepStarted& e) {
  steps_started.push_back(e);
  order.push_back("step+ " + e.test_case->name + " " + std::to_string(e.step_index));
}
void RecordingSink::on_step_finished(const StepFinished& e) {
  steps_finished.push_back(e);
  order.push_back("step- " + e.test_case->name + " " + std::to_string(e.step_index));
}
void RecordingSink::on_servo_started(const ServoStarted& e) {
  servos_started.push_back(e);
  order.push_back("servo+ " + e.test_case->name + " " + e.role);
}
void RecordingSink::on_servo_exited(const ServoExited& e) {
  servos_exited.push_back(e);
  order.push_back("servo- " + e.test_case->name + " " + e.role);
}
void RecordingSink::on_log(const LogReceived& e) {
  logs.push_back(e);
}
void RecordingSink::on_test_case_finished(const TestCaseFinished& e) {
  cases_finished.push_back(e);
  order.push_back("case- " + e.test_case->name);
}
void RecordingSink::on_run_finished(const RunFinished& e) {
  run_finished.push_back(e);
  order.push_back("run-");
}

const TestCaseFinished* RecordingSink::finished(const std::string& case_name) const {
  for (const auto& e : cases_finished)
    if (e.test_case->name == case_name) return &e;
  return nullptr;
}

std::vector<const StepFinished*> RecordingSink::steps_of(const std::string& case_name) const {
  std::vector<const StepFinished*> out;
  for (const auto& e : steps_finished)
    if (e.test_case->name == case_name) out.push_back(&e);
  return out;
}

const ServoExited* RecordingSink::exited(const std::string& role, std::size_t nth) const {
  for (const auto& e : servos_exited)
    if (e.role == role && nth-- == 0) return &e;
  return nullptr;
}

std::string RecordingSink::test_run_id(const std::string& case_name) const {
  for (const auto& e : cases_started)
    if (e.test_case->name == case_name) return e.test_run_id;
  return {};
}

CaseBuilder::CaseBuilder(std::string name, std::vector<plan::RolePlatform> combination) {
  auto pickle = std::make_shared<gherkin::Pickle>();
  pickle->name = name;
  pickle->feature_name = "Exec feature";
  pickle->uri = "features/exec.feature";
  tc_.pickle = pickle;
  tc_.id = "features/exec.feature:" + name;
  tc_.name = name;
  for (const auto& rp : combination) tc_.roles.push_back(rp.role);
  std::sort(tc_.roles.begin(), tc_.roles.end());
  tc_.combination = std::move(combination);
  std::sort(tc_.combination.begin(), tc_.combination.end(),
            [](const auto& a, const auto& b) { return a.role < b.role; });
  tc_.step_timeout_ms = 10000;
  tc_.scenario_timeout_ms = 60000;
}

CaseBuilder& CaseBuilder::send(const std::string& role, const std::string& stripped,
                               plan::StepType type) {
  plan::PlannedStep step;
  step.keyword = "When ";
  step.text = "the '" + role + "' process " + stripped;
  step.stripped = stripped;
  step.type = type;
  step.action = plan::StepAction::Send;
  step.role = role;
  step.location = {static_cast<int>(tc_.steps.size()) + 3, 5};
  tc_.steps.push_back(step);
  return *this;
}

CaseBuilder& CaseBuilder::broadcast(const std::string& text, plan::StepType type) {
  plan::PlannedStep step;
  step.keyword = "Then ";
  step.text = text;
  step.stripped = text;
  step.type = type;
  step.action = plan::StepAction::Broadcast;
  tc_.steps.push_back(step);
  return *this;
}

CaseBuilder& CaseBuilder::builtin(plan::StepAction action, const std::string& role, int wait_ms) {
  plan::PlannedStep step;
  step.keyword = "And ";
  step.text = "the '" + role + "' process (built-in)";
  step.stripped = step.text;
  step.action = action;
  step.role = role;
  step.wait_ms = wait_ms;
  tc_.steps.push_back(step);
  return *this;
}

CaseBuilder& CaseBuilder::no_process(const std::string& text) {
  plan::PlannedStep step;
  step.keyword = "Given ";
  step.text = text;
  step.stripped = text;
  step.action = plan::StepAction::NoProcess;
  tc_.steps.push_back(step);
  return *this;
}

CaseBuilder& CaseBuilder::table(std::vector<std::vector<std::string>> rows) {
  gherkin::PickleTable table;
  for (auto& cells : rows) table.rows.push_back(gherkin::PickleTableRow{std::move(cells)});
  gherkin::PickleStepArgument argument;
  argument.data_table = std::move(table);
  tc_.steps.back().argument = std::move(argument);
  return *this;
}

CaseBuilder& CaseBuilder::step_timeout(int ms) {
  tc_.step_timeout_ms = ms;
  return *this;
}
CaseBuilder& CaseBuilder::scenario_timeout(int ms) {
  tc_.scenario_timeout_ms = ms;
  return *this;
}
CaseBuilder& CaseBuilder::serial() {
  tc_.serial = true;
  return *this;
}
CaseBuilder& CaseBuilder::skip(std::string reason) {
  tc_.skip_reason = std::move(reason);
  return *this;
}
CaseBuilder& CaseBuilder::tag(std::string tag) {
  tc_.tags.push_back(std::move(tag));
  return *this;
}

void ExecTest::SetUp() {
  std::string pattern = (fs::temp_directory_path() / "troupe-exec-test-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  record_dir_ = pattern;
}

void ExecTest::TearDown() {
  std::error_code ignored;
  fs::remove_all(record_dir_, ignored);
}

config::Platform ExecTest::platform(const std::string& name, std::vector<std::string> extra,
                                    config::Framing framing, config::Protocol protocol) const {
  config::Platform p;
  p.name = name;
  p.command = {"python3", std::string(TROUPE_SOURCE_DIR) + "/tests/servos/echo_servo.py",
               "--record", record_dir_};
  p.command.push_back("--framing");
  p.command.push_back(framing == config::Framing::Ndjson ? "ndjson" : "content-length");
  p.command.push_back("--protocol");
  p.command.push_back(protocol == config::Protocol::Harmony ? "harmony" : "troupe");
  for (auto& arg : extra) p.command.push_back(std::move(arg));
  p.cwd = record_dir_;
  p.env = {{"ECHO_SERVO_PLATFORM", name}};
  p.framing = framing;
  p.protocol = protocol;
  return p;
}

config::Config ExecTest::make_config(std::vector<config::Platform> platforms) const {
  config::Config c;
  c.dir = record_dir_;
  c.platforms = std::move(platforms);
  c.start_timeout_ms = 10000;
  c.stop_grace_ms = 3000;
  return c;
}

std::vector<nlohmann::json> ExecTest::records(const std::string& test_run_id,
                                              const std::string& role) const {
  std::vector<nlohmann::json> out;
  std::ifstream in(fs::path(record_dir_) / (test_run_id + "." + role + ".jsonl"));
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

std::vector<nlohmann::json> ExecTest::requests(const std::string& test_run_id,
                                               const std::string& role,
                                               const std::string& method) const {
  std::vector<nlohmann::json> out;
  for (auto& r : records(test_run_id, role))
    if (r.value("method", "") == method) out.push_back(r);
  return out;
}

RunResult ExecTest::run(const std::vector<plan::TestCase>& cases, const config::Config& config,
                        RecordingSink& sink, RunOptions options) {
  plan_.test_cases = cases;
  return run_plan(plan_, config, options, sink);
}

void ExecTest::expect_no_process_left(const RecordingSink& sink) const {
  for (const auto& started : sink.servos_started) {
    EXPECT_FALSE(process_group_exists(started.pid))
        << "process group " << started.pid << " of " << started.role << " survived";
    EXPECT_FALSE(process_exists(started.pid)) << "servo " << started.pid << " survived";
  }
  for (const auto& entry : fs::directory_iterator(record_dir_)) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      auto record = nlohmann::json::parse(line);
      if (record.contains("grandchild")) {
        int pid = record["grandchild"].get<int>();
        EXPECT_FALSE(process_exists(pid)) << "grandchild " << pid << " survived";
      }
    }
  }
}

bool process_exists(int pid) {
  return ::kill(pid, 0) == 0 || errno != ESRCH;
}

bool process_group_exists(int pgid) {
  return ::kill(-pgid, 0) == 0 || errno != ESRCH;
}

std::string joined_messages(const std::vector<LogEntry>& logs) {
  std::string out;
  for (const auto& entry : logs) out += "[" + entry.source + "] " + entry.message + "\n";
  return out;
}

}  // namespace troupe::exec::testing
