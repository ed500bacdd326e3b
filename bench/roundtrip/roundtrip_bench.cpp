// Round trip and test case overhead benchmarks (issue 4). See bench/README.md.
//
//   troupe_roundtrip_bench step     [--steps N] [--warmup N] [--reps N]
//   troupe_roundtrip_bench testcase [--cases N] [--case-steps N] [--reps N] [--batch N]
//   troupe_roundtrip_bench all      (both, defaults)
//
// Each benchmark measures troupe and its raw baseline in the same run, interleaved repetition by
// repetition so both see the same machine load, and prints per repetition figures, the medians
// over repetitions and the ratio troupe / raw of those medians.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "exec/events.hpp"
#include "exec/run_plan.hpp"
#include "plan/test_plan.hpp"
#include "rpc/frame_decoder.hpp"
#include "rpc/json_rpc.hpp"
#include "rpc/servo_protocol.hpp"

extern char** environ;

namespace {

using namespace troupe;
using SteadyClock = std::chrono::steady_clock;
using Micros = std::chrono::duration<double, std::micro>;

constexpr const char* kServo = TROUPE_RT_SERVO;
constexpr const char* kEcho = TROUPE_RT_ECHO;
constexpr const char* kStepText = "noop";

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "troupe_roundtrip_bench: %s\n", what.c_str());
  std::exit(2);
}

// ---- statistics ----

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  std::size_t rank = static_cast<std::size_t>(p * static_cast<double>(values.size()) + 0.999999);
  rank = std::clamp<std::size_t>(rank, 1, values.size());
  return values[rank - 1];
}
double mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / static_cast<double>(values.size());
}
double median(const std::vector<double>& values) { return percentile(values, 0.5); }

// ---- the messages troupe sends, built with troupe's own rpc code ----

std::unique_ptr<rpc::ServoProtocol> protocol() {
  return rpc::make_servo_protocol(config::Protocol::Troupe);
}

std::string frame(std::int64_t id, std::string_view method, const nlohmann::json& params) {
  return rpc::encode_frame(config::Framing::ContentLength, rpc::encode_request(id, method, params));
}

rpc::StepParams noop_step_params(const std::string& role) {
  rpc::StepParams params;
  params.process = role;
  params.step_type = plan::StepType::Given;
  params.step = kStepText;
  params.original_step = kStepText;
  params.parameters = rpc::step_parameters(kStepText);
  params.timeout_ms = 30000;
  return params;
}

rpc::InitializeParams initialize_params(const std::string& role) {
  rpc::InitializeParams params;
  params.role = role;
  params.platform = "cpp";
  params.scenario = "noop";
  params.feature = "bench";
  params.test_run_id = "20261126T000000Z-00000000-000000";  // same length as troupe's
  params.host_pid = static_cast<int>(::getpid());
  return params;
}

// ---- a minimal hand-written driver: posix_spawn + pipes, blocking reads ----

struct Child {
  pid_t pid = -1;
  int in = -1, out = -1, err = -1;  // our ends
  std::string buffer;               // stdout bytes read but not consumed

  void write_all(const std::string& bytes) const {
    const char* data = bytes.data();
    std::size_t size = bytes.size();
    while (size > 0) {
      ssize_t n = ::write(in, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        die(std::string("write: ") + std::strerror(errno));
      }
      data += n;
      size -= static_cast<std::size_t>(n);
    }
  }
  bool fill() {
    char chunk[64 * 1024];
    for (;;) {
      ssize_t n = ::read(out, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
  }
  // One Content-Length frame's body.
  std::string read_frame() {
    std::size_t header_end;
    while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) die("servo closed stdout");
    std::size_t colon = buffer.find(':');
    std::size_t length = std::strtoul(buffer.c_str() + colon + 1, nullptr, 10);
    std::size_t total = header_end + 4 + length;
    while (buffer.size() < total)
      if (!fill()) die("servo closed stdout inside a frame");
    std::string body = buffer.substr(header_end + 4, length);
    buffer.erase(0, total);
    return body;
  }
  void close_stdin() {
    if (in >= 0) ::close(in);
    in = -1;
  }
  // Reads stdout and stderr to EOF and reaps the process.
  void wait_exit() {
    char chunk[4096];
    for (int* fd : {&out, &err}) {
      while (*fd >= 0) {
        ssize_t n = ::read(*fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          ::close(*fd);
          *fd = -1;
        }
      }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) == -1 && errno == EINTR) {
    }
  }
};

Child spawn(const std::vector<std::string>& argv, const std::string& role) {
  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
    die("pipe2 failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);  // troupe too gives each servo its group
  // The variables troupe adds (exec/spawn_spec.cpp).
  std::vector<std::string> env_strings;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) env_strings.emplace_back(*e);
  env_strings.push_back("TROUPE_ROLE=" + role);
  env_strings.push_back("TROUPE_PLATFORM=cpp");
  env_strings.push_back("TROUPE_FRAMING=content-length");
  std::vector<char*> envp, args;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  Child child;
  int rc = ::posix_spawn(&child.pid, args[0], &actions, &attr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) die(std::string("posix_spawn: ") + std::strerror(rc));
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  child.in = in[1];
  child.out = out[0];
  child.err = err[0];
  return child;
}

// A raw session with the C++ servo, speaking the same messages troupe does.
struct RawServo {
  Child child;
  std::int64_t next_id = 1;
  std::string role;

  std::string call(std::string_view method, const nlohmann::json& params) {
    child.write_all(frame(next_id++, method, params));
    return child.read_frame();
  }
  void start(const std::string& r) {
    role = r;
    child = spawn({kServo}, role);
    call(rpc::kHealthMethod, protocol()->health_params());
    call(rpc::kInitializeMethod, protocol()->initialize_params(initialize_params(role)));
  }
};

// ---- troupe: exec::run_plan with a hand-built plan ----

config::Config make_config() {
  config::Config config;
  config.dir = std::filesystem::current_path();
  config.file = config.dir / "bench.json";
  config::Platform platform;
  platform.name = "cpp";
  platform.command = {kServo};
  platform.cwd = config.dir;
  config.platforms.push_back(platform);
  config.roles["a"] = {"cpp"};
  config.roles["b"] = {"cpp"};
  return config;
}

plan::TestCase make_test_case(const std::vector<std::string>& roles, std::size_t steps,
                              std::size_t index) {
  auto pickle = std::make_shared<gherkin::Pickle>();
  pickle->id = "p" + std::to_string(index);
  pickle->uri = "bench.feature";
  pickle->name = "noop";
  pickle->feature_name = "bench";
  plan::TestCase tc;
  tc.id = "bench.feature:" + std::to_string(index + 1) + ":cpp";
  tc.name = "cpp | noop";
  tc.pickle = pickle;
  tc.roles = roles;
  for (const auto& role : roles) tc.combination.push_back({role, "cpp"});
  for (std::size_t i = 0; i < steps; ++i) {
    plan::PlannedStep step;
    step.pickle_step_id = "s" + std::to_string(i);
    step.keyword = "Given ";
    step.text = kStepText;
    step.stripped = kStepText;
    step.location = {static_cast<int>(i) + 2, 5};
    step.type = plan::StepType::Given;
    step.action = plan::StepAction::Send;
    step.role = roles[i % roles.size()];
    tc.steps.push_back(std::move(step));
  }
  return tc;
}

class TimingSink : public exec::EventSink {
 public:
  std::vector<SteadyClock::time_point> step_started, step_finished, case_started, case_finished,
      servo_started, servo_exited;
  std::size_t failures = 0;
  std::string first_error;

  void on_step_started(const exec::StepStarted&) override {
    step_started.push_back(SteadyClock::now());
  }
  void on_step_finished(const exec::StepFinished& e) override {
    step_finished.push_back(SteadyClock::now());
    if (e.status != exec::Status::Passed) note(e.error);
  }
  void on_servo_exited(const exec::ServoExited&) override {
    servo_exited.push_back(SteadyClock::now());
  }
  void on_servo_started(const exec::ServoStarted&) override {
    servo_started.push_back(SteadyClock::now());
  }
  void on_test_case_started(const exec::TestCaseStarted&) override {
    case_started.push_back(SteadyClock::now());
  }
  void on_test_case_finished(const exec::TestCaseFinished& e) override {
    case_finished.push_back(SteadyClock::now());
    if (e.status != exec::Status::Passed) note(e.error);
  }

 private:
  void note(const std::string& error) {
    if (failures++ == 0) first_error = error;
  }
};

void check(const TimingSink& sink) {
  if (sink.failures > 0) die("troupe run failed: " + sink.first_error);
}

// ---- benchmark 1: step round trip ----

double self_cpu_us() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto us = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_usec); };
  return us(usage.ru_utime) + us(usage.ru_stime);
}


struct Figures {
  double p50 = 0, p99 = 0, mean = 0;
};
Figures figures(const std::vector<double>& us) {
  return {percentile(us, 0.5), percentile(us, 0.99), mean(us)};
}

std::string capture_step_reply() {
  RawServo servo;
  servo.start("a");
  std::string reply =
      servo.call(rpc::kExecuteStepMethod, protocol()->step_params(noop_step_params("a")));
  servo.call(rpc::kCleanupMethod, protocol()->cleanup_params());
  servo.call(rpc::kShutdownMethod, protocol()->shutdown_params());
  servo.child.close_stdin();
  servo.child.wait_exit();
  return reply;
}

// Requests with the ids troupe would use (1 health, 2 initialize, then the steps).
std::vector<std::string> step_frames(std::size_t count) {
  auto proto = protocol();
  nlohmann::json params = proto->step_params(noop_step_params("a"));
  std::vector<std::string> frames;
  for (std::size_t i = 0; i < count; ++i)
    frames.push_back(frame(static_cast<std::int64_t>(i) + 3, rpc::kExecuteStepMethod, params));
  return frames;
}

std::vector<double> raw_round_trips(const std::vector<std::string>& argv, std::size_t warmup,
                                    std::size_t steps, bool real_servo) {
  auto frames = step_frames(warmup + steps);
  Child child;
  if (real_servo) {
    RawServo servo;
    servo.start("a");
    child = std::move(servo.child);
  } else {
    child = spawn(argv, "a");
  }
  std::vector<double> us;
  us.reserve(steps);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    auto t0 = SteadyClock::now();
    child.write_all(frames[i]);
    child.read_frame();
    auto t1 = SteadyClock::now();
    if (i >= warmup) us.push_back(Micros(t1 - t0).count());
  }
  child.close_stdin();
  child.wait_exit();
  return us;
}

std::vector<double> troupe_round_trips(std::size_t warmup, std::size_t steps,
                                       double* cpu_per_step = nullptr) {
  config::Config config = make_config();
  plan::TestPlan plan;
  plan.test_cases.push_back(make_test_case({"a"}, warmup + steps, 0));
  TimingSink sink;
  sink.step_started.reserve(warmup + steps);
  sink.step_finished.reserve(warmup + steps);
  double cpu0 = self_cpu_us();
  exec::run_plan(plan, config, exec::RunOptions{}, sink);
  if (cpu_per_step != nullptr)
    *cpu_per_step = (self_cpu_us() - cpu0) / static_cast<double>(warmup + steps);
  check(sink);
  std::vector<double> us;
  for (std::size_t i = warmup; i < sink.step_finished.size(); ++i)
    us.push_back(Micros(sink.step_finished[i] - sink.step_started[i]).count());
  if (us.size() != steps) die("troupe ran " + std::to_string(us.size()) + " steps");
  return us;
}

int bench_step(std::size_t steps, std::size_t warmup, int reps) {
  std::string reply = capture_step_reply();
  std::string request = step_frames(1).front();
  std::printf("== Step round trip: no-op step, %zu steps per repetition (after %zu warm-up), "
              "%d repetitions ==\n", steps, warmup, reps);
  std::printf(
      "method: troupe = exec::run_plan on a hand-built plan (1 test case, 1 role, Send steps "
      "\"%s\")\n"
      "  to the C++ SDK servo (troupe_rt_noop_servo); the EventSink takes steady_clock at "
      "StepStarted\n"
      "  and StepFinished, so the figure is troupe's whole per-step path: params JSON, encode, "
      "uv_write,\n"
      "  servo (SDK parse, step on its worker thread, reply), uv read, decode, step result "
      "events.\n"
      "  raw = a blocking write() of the same request frame (%zu bytes) to a minimal C++ echo "
      "process\n"
      "  (troupe_rt_echo) that reads one Content-Length frame and writes back the servo's real "
      "reply\n"
      "  (%zu bytes body); timed write-to-full-reply with steady_clock. Also shown: the same raw "
      "driver\n"
      "  against the SDK servo itself (how much of troupe's figure is the servo's own work).\n"
      "  'troupe cpu' = the bench process's own CPU time (getrusage user+sys) per step during "
      "run_plan:\n"
      "  troupe's side only, servo excluded, and much less sensitive to machine load.\n",
      kStepText, request.size(), reply.size());
  std::printf("  reply body: %s\n\n", reply.c_str());
  std::printf("%-4s %12s %12s %12s %12s %12s %12s %12s\n", "rep", "raw p50", "raw p99", "sdk p50",
              "sdk p99", "troupe p50", "troupe p99", "troupe cpu");
  std::vector<double> raw50, raw99, sdk50, sdk99, tr50, tr99, trmean, rawmean, trcpu;
  for (int r = 0; r < reps; ++r) {
    Figures raw = figures(raw_round_trips({kEcho, reply}, warmup, steps, false));
    Figures sdk = figures(raw_round_trips({}, warmup, steps, true));
    double cpu = 0;
    Figures tr = figures(troupe_round_trips(warmup, steps, &cpu));
    trcpu.push_back(cpu);
    raw50.push_back(raw.p50);
    raw99.push_back(raw.p99);
    rawmean.push_back(raw.mean);
    sdk50.push_back(sdk.p50);
    sdk99.push_back(sdk.p99);
    tr50.push_back(tr.p50);
    tr99.push_back(tr.p99);
    trmean.push_back(tr.mean);
    std::printf("%-4d %10.1fus %10.1fus %10.1fus %10.1fus %10.1fus %10.1fus %10.1fus\n", r + 1,
                raw.p50, raw.p99, sdk.p50, sdk.p99, tr.p50, tr.p99, cpu);
    std::fflush(stdout);
  }
  double r50 = median(raw50), r99 = median(raw99), s50 = median(sdk50), s99 = median(sdk99),
         t50 = median(tr50), t99 = median(tr99);
  std::printf("%-4s %10.1fus %10.1fus %10.1fus %10.1fus %10.1fus %10.1fus %10.1fus\n", "med", r50,
              r99, s50, s99, t50, t99, median(trcpu));
  std::printf("means (median over reps): raw %.1fus, troupe %.1fus\n", median(rawmean),
              median(trmean));
  std::printf("RATIO troupe/raw: p50 %.2fx, p99 %.2fx (goal <= 2x: %s)\n", t50 / r50, t99 / r99,
              t50 / r50 <= 2.0 ? "met" : "MISSED");
  std::printf("      raw-driver/SDK-servo vs raw echo: p50 %.2fx; troupe vs raw-driver/SDK-servo: "
              "p50 %.2fx\n\n", s50 / r50, t50 / s50);
  return 0;
}

// ---- benchmark 2: test case overhead ----

// The same exchange troupe has with the servos of one test case, in troupe's order: a role's
// servo is spawned, health-checked and initialized at its first step; at the end both get
// cleanup, then shutdown, their stdin closes and both are waited for (both at once).
double raw_test_case(std::size_t steps) {
  auto t0 = SteadyClock::now();
  RawServo servos[2];
  bool started[2] = {false, false};
  auto proto = protocol();
  for (std::size_t i = 0; i < steps; ++i) {
    std::size_t s = i % 2;
    const char* role = s == 0 ? "a" : "b";
    if (!started[s]) {
      servos[s].start(role);
      started[s] = true;
    }
    servos[s].call(rpc::kExecuteStepMethod, proto->step_params(noop_step_params(role)));
  }
  for (auto& s : servos) s.child.write_all(frame(s.next_id++, rpc::kCleanupMethod, proto->cleanup_params()));
  for (auto& s : servos) s.child.read_frame();
  for (auto& s : servos) s.child.write_all(frame(s.next_id++, rpc::kShutdownMethod, proto->shutdown_params()));
  for (auto& s : servos) s.child.read_frame();
  for (auto& s : servos) s.child.close_stdin();
  for (auto& s : servos) s.child.wait_exit();
  return Micros(SteadyClock::now() - t0).count();
}

// Per test case times; `cpu` gets the driver's own CPU time (user + system, not the servos').
std::vector<double> raw_test_cases(std::size_t cases, std::size_t steps, double& cpu) {
  std::vector<double> us;
  double cpu0 = self_cpu_us();
  for (std::size_t i = 0; i < cases; ++i) us.push_back(raw_test_case(steps));
  cpu += self_cpu_us() - cpu0;
  return us;
}

std::vector<double> troupe_test_cases(std::size_t cases, std::size_t steps, double& cpu) {
  config::Config config = make_config();
  plan::TestPlan plan;
  for (std::size_t i = 0; i < cases; ++i)
    plan.test_cases.push_back(make_test_case({"a", "b"}, steps, i));
  TimingSink sink;
  double cpu0 = self_cpu_us();
  exec::run_plan(plan, config, exec::RunOptions{}, sink);
  cpu += self_cpu_us() - cpu0;
  check(sink);
  if (sink.case_finished.size() != cases) die("troupe ran fewer test cases");
  std::vector<double> us;
  for (std::size_t i = 0; i < cases; ++i)
    us.push_back(Micros(sink.case_finished[i] - sink.case_started[i]).count());
  return us;
}

int bench_testcase(std::size_t cases, std::size_t steps, int reps, std::size_t batch) {
  batch = std::clamp<std::size_t>(batch, 1, cases);
  std::printf("== Test case overhead: 2 C++ servos (roles a, b), %zu no-op steps alternating "
              "a/b, %zu test cases per side per repetition, %d repetitions ==\n", steps, cases, reps);
  std::printf(
      "method: troupe = exec::run_plan (jobs 1) on a plan of such test cases; per test case "
      "time =\n"
      "  TestCaseStarted..TestCaseFinished taken with steady_clock in the EventSink (spawns, "
      "health,\n"
      "  initialize, steps, cleanup, shutdown, stdin close, exit and process-group drain).\n"
      "  raw = a hand-written blocking driver (posix_spawn with POSIX_SPAWN_SETSID + 3 pipes per "
      "servo)\n"
      "  exchanging the same messages in the same order: spawn+health+initialize at a role's "
      "first step,\n"
      "  %zu executeStep, cleanup and shutdown to both, close both stdins, read stdout/stderr to "
      "EOF,\n"
      "  waitpid both; timed per test case with steady_clock.\n"
      "  The two sides alternate in batches of %zu test cases so both see the same machine load.\n"
      "  'cpu/case' = the driver process's own CPU time (getrusage, user+sys; servos excluded) per "
      "test case:\n"
      "  a load-independent view of what troupe itself costs.\n\n",
      steps, batch);
  std::printf("%-4s %10s %10s %10s %10s | %10s %10s %10s %10s | %6s\n", "rep", "raw mean",
              "raw p50", "raw p90", "raw cpu/c", "tr mean", "tr p50", "tr p90", "tr cpu/c",
              "p50 x");
  std::vector<double> rm, r50, tm, t50, rc, tc;
  for (int r = 0; r < reps; ++r) {
    std::vector<double> raw, tr;
    double raw_cpu = 0, tr_cpu = 0;
    for (std::size_t done = 0; done < cases; done += batch) {
      std::size_t n = std::min(batch, cases - done);
      auto a = raw_test_cases(n, steps, raw_cpu);
      auto b = troupe_test_cases(n, steps, tr_cpu);
      raw.insert(raw.end(), a.begin(), a.end());
      tr.insert(tr.end(), b.begin(), b.end());
    }
    double n = static_cast<double>(cases);
    rm.push_back(mean(raw));
    r50.push_back(percentile(raw, 0.5));
    rc.push_back(raw_cpu / n);
    tm.push_back(mean(tr));
    t50.push_back(percentile(tr, 0.5));
    tc.push_back(tr_cpu / n);
    std::printf("%-4d %8.0fus %8.0fus %8.0fus %8.0fus | %8.0fus %8.0fus %8.0fus %8.0fus | %5.2fx\n",
                r + 1, rm.back(), r50.back(), percentile(raw, 0.9), rc.back(), tm.back(),
                t50.back(), percentile(tr, 0.9), tc.back(), t50.back() / r50.back());
    std::fflush(stdout);
  }
  std::printf("%-4s %8.0fus %8.0fus %10s %8.0fus | %8.0fus %8.0fus %10s %8.0fus |\n", "med",
              median(rm), median(r50), "", median(rc), median(tm), median(t50), "", median(tc));
  double ratio_mean = median(tm) / median(rm), ratio_p50 = median(t50) / median(r50);
  std::vector<double> per_rep;
  for (std::size_t i = 0; i < t50.size(); ++i) per_rep.push_back(t50[i] / r50[i]);
  std::printf("RATIO troupe/raw per test case: mean %.2fx, p50 %.2fx (median of the per-repetition "
              "p50 ratios %.2fx; goal <= 1.5x: %s); driver CPU %.2fx\n\n",
              ratio_mean, ratio_p50, median(per_rep), ratio_p50 <= 1.5 ? "met" : "MISSED",
              median(tc) / median(rc));
  return 0;
}

std::size_t option(int argc, char** argv, const char* name, std::size_t fallback) {
  for (int i = 2; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return std::strtoul(argv[i + 1], nullptr, 10);
  return fallback;
}

void print_load() {
  double load[3] = {0, 0, 0};
  if (::getloadavg(load, 3) == 3)
    std::printf("machine: %ld CPUs online, load average %.2f %.2f %.2f\n\n",
                ::sysconf(_SC_NPROCESSORS_ONLN), load[0], load[1], load[2]);
}

}  // namespace

int main(int argc, char** argv) {
  std::string what = argc > 1 ? argv[1] : "all";
  if (what == "profile-steps") {  // troupe's side only, e.g. under valgrind --tool=callgrind
    Figures tr = figures(troupe_round_trips(200, option(argc, argv, "--steps", 10000)));
    std::printf("troupe p50 %.1fus p99 %.1fus\n", tr.p50, tr.p99);
    return 0;
  }
  if (what == "profile-cases") {  // where troupe's test case time goes
    std::size_t cases = option(argc, argv, "--cases", 100), steps = 10;
    config::Config config = make_config();
    plan::TestPlan plan;
    for (std::size_t i = 0; i < cases; ++i)
      plan.test_cases.push_back(make_test_case({"a", "b"}, steps, i));
    TimingSink sink;
    exec::run_plan(plan, config, exec::RunOptions{}, sink);
    check(sink);
    std::vector<double> spawn_us, ready_us, spawn2_us, ready2_us, rest_us;
    std::vector<double> first_step, steps_us, to_exit1, to_exit2, exit_to_end;
    for (std::size_t i = 0; i < cases; ++i) {
      auto& ss = sink.step_started;
      auto& sf = sink.step_finished;
      first_step.push_back(Micros(sf[i * steps] - sink.case_started[i]).count());
      steps_us.push_back(Micros(sf[i * steps + steps - 1] - sf[i * steps]).count());
      to_exit1.push_back(Micros(sink.servo_exited[2 * i] - sf[i * steps + steps - 1]).count());
      to_exit2.push_back(Micros(sink.servo_exited[2 * i + 1] - sf[i * steps + steps - 1]).count());
      exit_to_end.push_back(Micros(sink.case_finished[i] - sink.servo_exited[2 * i + 1]).count());
      spawn_us.push_back(Micros(sink.servo_started[2 * i] - ss[i * steps]).count());
      ready_us.push_back(Micros(sf[i * steps] - sink.servo_started[2 * i]).count());
      spawn2_us.push_back(Micros(sink.servo_started[2 * i + 1] - ss[i * steps + 1]).count());
      ready2_us.push_back(Micros(sf[i * steps + 1] - sink.servo_started[2 * i + 1]).count());
      rest_us.push_back(Micros(sf[i * steps + steps - 1] - sf[i * steps + 1]).count());
    }
    std::printf("p50: spawn a %.0fus, a ready+step %.0fus, spawn b %.0fus, b ready+step %.0fus, "
                "steps 3-10 %.0fus\n", median(spawn_us), median(ready_us), median(spawn2_us),
                median(ready2_us), median(rest_us));
    std::printf("p50: start..step1 %.0fus, step1..step10 %.0fus, last step..exit1 %.0fus, "
                "..exit2 %.0fus, exit2..finished %.0fus\n",
                median(first_step), median(steps_us), median(to_exit1), median(to_exit2),
                median(exit_to_end));
    return 0;
  }
  print_load();
  if (what == "step" || what == "all")
    bench_step(option(argc, argv, "--steps", 10000), option(argc, argv, "--warmup", 200),
               static_cast<int>(option(argc, argv, "--reps", 5)));
  if (what == "testcase" || what == "all")
    bench_testcase(option(argc, argv, "--cases", 200), option(argc, argv, "--case-steps", 10),
                   static_cast<int>(option(argc, argv, "--reps", 5)),
                   option(argc, argv, "--batch", 10));
  if (what != "step" && what != "testcase" && what != "all") {
    std::fprintf(stderr, "usage: troupe_roundtrip_bench step|testcase|all [options]\n");
    return 2;
  }
  print_load();
  return 0;
}
