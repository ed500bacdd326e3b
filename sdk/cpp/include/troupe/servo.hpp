#pragma once
// troupe::Servo: registers steps and serves them to the troupe runner over JSON-RPC 2.0.
//
//   troupe::Servo servo;
//   servo.given("the buffer {string} has size {int}", [](troupe::Step& s, std::string name, int n)
//   {
//     s.log.info("creating " + name);
//     s.context["size"] = n;
//   });
//   return servo.run(argc, argv);
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include "troupe/source_location.hpp"
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "troupe/cucumber_expressions/cucumber_expression.hpp"
#include "troupe/cucumber_expressions/regular_expression.hpp"
#include "troupe/framing.hpp"
#include "troupe/log.hpp"
#include "troupe/rpc_fields.hpp"
#include "troupe/session.hpp"
#include "troupe/snippet.hpp"
#include "troupe/stdout_capture.hpp"
#include "troupe/step.hpp"
#include "troupe/step_definition.hpp"
#include "troupe/step_errors.hpp"
#include "troupe/step_worker.hpp"
#include "troupe/type_name.hpp"

namespace troupe {

class Servo {
 public:
  using HookFunction = std::function<void(Hook&)>;

  template <class F>
  Servo& given(std::string_view pattern, F&& function,
               SourceLocation where = SourceLocation::current()) {
    return add("given", std::string(pattern), is_regex_pattern(pattern), std::forward<F>(function),
               where);
  }
  template <class F>
  Servo& when(std::string_view pattern, F&& function,
              SourceLocation where = SourceLocation::current()) {
    return add("when", std::string(pattern), is_regex_pattern(pattern), std::forward<F>(function),
               where);
  }
  template <class F>
  Servo& then(std::string_view pattern, F&& function,
              SourceLocation where = SourceLocation::current()) {
    return add("then", std::string(pattern), is_regex_pattern(pattern), std::forward<F>(function),
               where);
  }
  // A step usable with any keyword.
  template <class F>
  Servo& step(std::string_view pattern, F&& function,
              SourceLocation where = SourceLocation::current()) {
    return add("any", std::string(pattern), is_regex_pattern(pattern), std::forward<F>(function),
               where);
  }

  template <class F>
  Servo& given(Regex pattern, F&& function,
               SourceLocation where = SourceLocation::current()) {
    return add("given", std::move(pattern.pattern), true, std::forward<F>(function), where);
  }
  template <class F>
  Servo& when(Regex pattern, F&& function,
              SourceLocation where = SourceLocation::current()) {
    return add("when", std::move(pattern.pattern), true, std::forward<F>(function), where);
  }
  template <class F>
  Servo& then(Regex pattern, F&& function,
              SourceLocation where = SourceLocation::current()) {
    return add("then", std::move(pattern.pattern), true, std::forward<F>(function), where);
  }
  template <class F>
  Servo& step(Regex pattern, F&& function,
              SourceLocation where = SourceLocation::current()) {
    return add("any", std::move(pattern.pattern), true, std::forward<F>(function), where);
  }

  // A custom {name} parameter type; the regexp should only use non-capturing groups (?:...).
  Servo& define_parameter_type(std::string name, std::string regexp,
                               SourceLocation where = SourceLocation::current()) {
    try {
      parameter_types_.define(cucumber_expressions::ParameterType{
          std::move(name), {std::move(regexp)}, nullptr, nullptr});
    } catch (const std::exception& error) {
      registration_errors_.push_back(location_of(where) + ": " + error.what());
    }
    return *this;
  }

  // Runs after `initialize`; takes no argument or a troupe::Hook&.
  template <class F>
  Servo& on_initialize(F&& hook) {
    initialize_hooks_.push_back(as_hook(std::forward<F>(hook)));
    return *this;
  }
  // Runs on `cleanup` at the end of a test case, to release what the steps acquired.
  template <class F>
  Servo& on_cleanup(F&& hook) {
    cleanup_hooks_.push_back(as_hook(std::forward<F>(hook)));
    return *this;
  }

  // Serves until stdin closes or `shutdown`; the framing comes from `--framing
  // ndjson|content-length` or TROUPE_FRAMING (default content-length). Returns the process exit
  // code.
  int run(int argc, char** argv) {
    std::string error;
    const auto framing = framing_from(argc, argv, error);
    if (!framing) {
      std::cerr << "troupe servo: " << error << std::endl;
      return 2;
    }
    return run(*framing);
  }

  int run(Framing framing);

  // Step definitions compiled so far (after run() starts, or after compile()).
  const std::vector<StepDefinition>& definitions() const { return definitions_; }

  // Compiles every registered pattern; returns the problems, one line each, empty when all is well.
  std::vector<std::string> compile();

 private:
  struct Registration {
    std::string type;
    std::string pattern;
    bool is_regex;
    std::string location;
    StepInvoker invoke;
    std::size_t value_parameters;
  };

  struct Outcome {
    bool success = true;
    std::string error;
    std::string error_type;
    nlohmann::json extra = nlohmann::json::object();
  };

  // A step or hook handed to the worker; the worker writes `outcome` before setting `done`.
  struct Execution {
    nlohmann::json id;
    std::string description;
    std::shared_ptr<LogSink> logs = std::make_shared<LogSink>();
    std::unique_ptr<Step> step;
    nlohmann::json context_before;
    Outcome outcome;
    std::atomic<bool> done{false};
    std::optional<std::chrono::steady_clock::time_point> deadline;
    std::chrono::milliseconds timeout{0};
  };

  static bool is_regex_pattern(std::string_view pattern) {
    return !pattern.empty() && (pattern.front() == '^' || pattern.back() == '$');
  }

  static std::string location_of(const SourceLocation& where) {
    return std::string(where.file_name()) + ":" + std::to_string(where.line());
  }

  template <class F>
  static HookFunction as_hook(F&& hook) {
    if constexpr (std::is_invocable_v<F&, Hook&>) {
      return [hook = std::forward<F>(hook)](Hook& context) mutable { hook(context); };
    } else {
      static_assert(std::is_invocable_v<F&>, "troupe: a hook takes no argument or a troupe::Hook&");
      return [hook = std::forward<F>(hook)](Hook&) mutable { hook(); };
    }
  }

  template <class F>
  Servo& add(std::string type, std::string pattern, bool is_regex, F&& function,
             const SourceLocation& where) {
    std::size_t value_parameters = 0;
    auto invoke =
        detail::make_invoker(std::decay_t<F>(std::forward<F>(function)), value_parameters);
    registrations_.push_back(Registration{std::move(type), std::move(pattern), is_regex,
                                          location_of(where), std::move(invoke), value_parameters});
    return *this;
  }

  static std::optional<Framing> framing_from(int argc, char** argv, std::string& error) {
    std::string name;
    if (const char* env = std::getenv("TROUPE_FRAMING"); env && *env) name = env;
    for (int i = 1; i < argc; ++i) {
      const std::string_view argument = argv[i];
      if (argument == "--framing") {
        if (i + 1 >= argc) {
          error = "--framing needs a value: content-length or ndjson";
          return std::nullopt;
        }
        name = argv[++i];
      } else if (argument.starts_with("--framing=")) {
        name = std::string(argument.substr(10));
      }
    }
    if (name.empty()) return Framing::ContentLength;
    auto framing = parse_framing(name);
    if (!framing) error = "unknown framing '" + name + "' (expected content-length or ndjson)";
    return framing;
  }

  // Protocol loop pieces (main thread only).
  void send(const nlohmann::json& message);
  void reply(const nlohmann::json& id, nlohmann::json result);
  void reply_error(const nlohmann::json& id, int code, const std::string& message);
  void handle_frame(const Frame& frame);
  void handle_request(const nlohmann::json& request);
  void initialize(const nlohmann::json& id, const nlohmann::json& params);
  void execute_step(const nlohmann::json& id, const nlohmann::json& params);
  void run_hooks(const nlohmann::json& id, const std::vector<HookFunction>& hooks,
                 const std::string& description);
  void start(std::shared_ptr<Execution> execution, std::function<void(Execution&)> body);
  void finish_running();
  void time_out_running();
  nlohmann::json result_of(const Execution& execution) const;
  bool refuse_if_stuck(const nlohmann::json& id);

  static constexpr std::size_t kMaxMatchedStepBytes = 8192;

  cucumber_expressions::ParameterTypeRegistry parameter_types_;
  std::vector<Registration> registrations_;
  std::vector<StepDefinition> definitions_;
  std::vector<std::string> registration_errors_;
  std::vector<HookFunction> initialize_hooks_;
  std::vector<HookFunction> cleanup_hooks_;

  Framing framing_ = Framing::ContentLength;
  Session session_ = Session::from_environment();
  int protocol_fd_ = -1;
  bool protocol_broken_ = false;
  bool shutdown_requested_ = false;
  std::unique_ptr<StdoutCapture> capture_;
  std::unique_ptr<StepWorker> worker_;
  std::shared_ptr<Execution> running_;
  std::shared_ptr<Execution> stuck_;  // timed out, still occupying the worker
};

inline std::vector<std::string> Servo::compile() {
  namespace ce = cucumber_expressions;
  std::vector<std::string> problems = registration_errors_;
  definitions_.clear();
  for (const auto& registration : registrations_) {
    const std::string where = registration.location + ": step '" + registration.pattern + "': ";
    try {
      StepDefinition definition{
          registration.type, registration.pattern, registration.is_regex, registration.location,
          nullptr,           registration.invoke};
      std::size_t captures = 0;
      if (registration.is_regex) {
        auto expression = std::make_shared<ce::RegularExpression>(registration.pattern);
        captures = expression->parameter_count();
        definition.match = [expression](const std::string& text) {
          return expression->match(text);
        };
      } else {
        auto expression =
            std::make_shared<ce::CucumberExpression>(registration.pattern, parameter_types_);
        captures = expression->parameter_count();
        definition.match = [expression](const std::string& text) {
          return expression->match(text);
        };
      }
      if (captures != registration.value_parameters) {
        problems.push_back(where + "the pattern has " + std::to_string(captures) +
                           " parameter(s) but the step function takes " +
                           std::to_string(registration.value_parameters) +
                           " (besides an optional troupe::Step&)");
        continue;
      }
      definitions_.push_back(std::move(definition));
    } catch (const std::exception& error) {
      problems.push_back(where + error.what());
    }
  }
  return problems;
}

inline void Servo::send(const nlohmann::json& message) {
  if (protocol_broken_) return;
  const auto body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const auto frame = encode_frame(framing_, body);
  std::size_t offset = 0;
  while (offset < frame.size()) {
    const auto written = write(protocol_fd_, frame.data() + offset, frame.size() - offset);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      // The runner is gone; the loop ends when stdin reports end of file.
      protocol_broken_ = true;
      return;
    }
    offset += static_cast<std::size_t>(written);
  }
}

inline void Servo::reply(const nlohmann::json& id, nlohmann::json result) {
  if (id.is_discarded()) return;  // a notification gets no reply
  send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

inline void Servo::reply_error(const nlohmann::json& id, int code, const std::string& message) {
  if (id.is_discarded()) return;
  send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

inline void Servo::handle_frame(const Frame& frame) {
  if (!frame.error.empty()) {
    reply_error(nullptr, -32700, "Parse error: " + frame.error);
    return;
  }
  nlohmann::json request;
  try {
    request = nlohmann::json::parse(frame.body);
  } catch (const nlohmann::json::exception& error) {
    reply_error(nullptr, -32700, std::string("Parse error: ") + error.what());
    return;
  }
  try {
    handle_request(request);
  } catch (const std::exception& error) {
    const auto id = request.is_object() && request.contains("id") ? request["id"] : nullptr;
    reply_error(id, -32603, std::string("Internal error: ") + error.what());
  }
}

inline void Servo::handle_request(const nlohmann::json& request) {
  if (!request.is_object()) {
    reply_error(nullptr, -32600,
                request.is_array() ? "Invalid Request: batches are not supported"
                                   : "Invalid Request: expected a JSON object");
    return;
  }
  nlohmann::json id(nlohmann::json::value_t::discarded);
  if (auto found = request.find("id"); found != request.end()) {
    if (!found->is_string() && !found->is_number() && !found->is_null()) {
      reply_error(nullptr, -32600, "Invalid Request: id must be a string, a number or null");
      return;
    }
    id = *found;
  }
  const auto method = request.find("method");
  if (method == request.end() || !method->is_string()) {
    reply_error(id.is_discarded() ? nlohmann::json(nullptr) : id, -32600,
                "Invalid Request: method must be a string");
    return;
  }
  if (auto version = request.find("jsonrpc"); version != request.end() && *version != "2.0") {
    reply_error(id, -32600, "Invalid Request: jsonrpc must be \"2.0\"");
    return;
  }
  const auto params = rpc_fields::params_object(request);
  const auto name = method->get<std::string>();
  if (name == "health") {
    reply(id, true);
  } else if (name == "initialize") {
    initialize(id, params);
  } else if (name == "discover") {
    auto steps = nlohmann::json::array();
    for (const auto& definition : definitions_) {
      steps.push_back({{"type", definition.type},
                       {"pattern", definition.pattern},
                       {"kind", definition.is_regex ? "regular-expression" : "cucumber-expression"},
                       {"location", definition.location}});
    }
    reply(id, {{"steps", steps}});
  } else if (name == "executeStep") {
    execute_step(id, params);
  } else if (name == "cleanup") {
    run_hooks(id, cleanup_hooks_, "cleanup");
  } else if (name == "shutdown" || name == "exit") {
    reply(id, {{"success", true}});
    shutdown_requested_ = true;
  } else {
    reply_error(id, -32601, "Method not found: " + name);
  }
}

inline void Servo::initialize(const nlohmann::json& id, const nlohmann::json& params) {
  using rpc_fields::text_field;
  Session session = Session::from_environment();
  session.role = text_field(params, "role", session.role);
  session.platform = text_field(params, "platform", session.platform);
  session.scenario = text_field(params, "scenario", "");
  session.feature = text_field(params, "feature", "");
  session.feature_id = text_field(params, "featureId", session.feature_id);
  session.test_run_id = text_field(params, "testRunId", session.test_run_id);
  if (const auto* pid = rpc_fields::field(params, "hostPid"); pid && pid->is_number_integer()) {
    session.host_pid = pid->get<long long>();
  }
  if (const auto* tags = rpc_fields::field(params, "tags"); tags && tags->is_array()) {
    for (const auto& tag : *tags) {
      if (tag.is_string()) session.tags.push_back(tag.get<std::string>());
      if (tag.is_object() && tag.contains("name") && tag["name"].is_string()) {
        session.tags.push_back(tag["name"].get<std::string>());
      }
    }
  }
  session_ = std::move(session);
  run_hooks(id, initialize_hooks_, "initialize");
}

inline bool Servo::refuse_if_stuck(const nlohmann::json& id) {
  if (!stuck_) return false;
  reply(id, {{"success", false},
             {"error", "the servo is still running '" + stuck_->description +
                           "', which timed out; it can not run anything else"},
             {"errorType", "Busy"}});
  return true;
}

inline void Servo::run_hooks(const nlohmann::json& id, const std::vector<HookFunction>& hooks,
                             const std::string& description) {
  if (hooks.empty()) {
    reply(id, {{"success", true}});
    return;
  }
  if (refuse_if_stuck(id)) return;
  auto execution = std::make_shared<Execution>();
  execution->id = id;
  execution->description = description;
  start(execution, [this, &hooks](Execution& running) {
    Hook hook{session_, Logger(running.logs)};
    for (const auto& function : hooks) function(hook);
  });
}

inline void Servo::execute_step(const nlohmann::json& id, const nlohmann::json& params) {
  using rpc_fields::field;
  using rpc_fields::text_field;
  const auto* text = field(params, "step");
  const auto* original = field(params, "originalStep");
  if ((!text || !text->is_string()) && (!original || !original->is_string())) {
    reply_error(id, -32602, "Invalid params: executeStep needs params.step (a string)");
    return;
  }
  auto step = std::make_unique<Step>();
  step->original_text = text_field(params, "originalStep", "");
  step->text = text && text->is_string() ? text->get<std::string>() : step->original_text;
  if (step->original_text.empty()) step->original_text = step->text;
  step->type = rpc_fields::step_type(field(params, "stepType"));
  step->process = text_field(params, "process", "");
  if (const auto* broadcast = field(params, "isBroadcast"); broadcast && broadcast->is_boolean()) {
    step->is_broadcast = broadcast->get<bool>();
  }
  if (const auto* timeout = field(params, "timeoutMs"); timeout && !timeout->is_null()) {
    if (!timeout->is_number() || timeout->get<double>() < 0) {
      reply_error(id, -32602, "Invalid params: timeoutMs must be a non-negative number");
      return;
    }
    step->timeout = std::chrono::milliseconds(timeout->get<long long>());
  }
  if (const auto* context = field(params, "context"); context && !context->is_null()) {
    if (!context->is_object()) {
      reply_error(id, -32602, "Invalid params: context must be an object");
      return;
    }
    step->context = *context;
  }
  if (const auto* parameters = field(params, "parameters"); parameters && parameters->is_object()) {
    step->parameters = *parameters;
  }
  std::string problem;
  step->table = rpc_fields::data_table(field(params, "table"), problem);
  step->doc_string = rpc_fields::doc_string(field(params, "docString"), problem);
  if (!problem.empty()) {
    reply_error(id, -32602, "Invalid params: " + problem);
    return;
  }
  step->role = session_.role;
  step->platform = session_.platform;
  step->test_run_id = session_.test_run_id;
  step->scenario = session_.scenario;
  step->feature = session_.feature;
  step->tags = session_.tags;

  if (step->text.size() > kMaxMatchedStepBytes) {
    // std::regex recurses per character; a huge text would overflow the stack.
    reply(id, {{"success", false},
               {"error", "step text of " + std::to_string(step->text.size()) +
                             " bytes is longer than the " + std::to_string(kMaxMatchedStepBytes) +
                             " bytes a step pattern is matched against; pass large data in a doc "
                             "string or a data table"},
               {"errorType", "StepTooLong"}});
    return;
  }
  // Keyword-agnostic like Cucumber; the keyword only breaks ties between candidates.
  std::vector<std::pair<const StepDefinition*, std::vector<cucumber_expressions::Argument>>> found;
  try {
    for (const auto& definition : definitions_) {
      if (auto arguments = definition.match(step->text))
        found.emplace_back(&definition, *arguments);
    }
  } catch (const std::exception& error) {
    reply(id, {{"success", false},
               {"error", "matching '" + step->text + "' failed: " + error.what()},
               {"errorType", type_name(typeid(error))}});
    return;
  }
  if (found.size() > 1) {
    decltype(found) same_type;
    for (auto& candidate : found) {
      if (candidate.first->type == step->type || candidate.first->type == "any") {
        same_type.push_back(candidate);
      }
    }
    if (same_type.size() == 1) found = std::move(same_type);
  }
  if (found.empty()) {
    const auto snippet = cpp_snippet(step->type, step->text);
    reply(id, {{"success", false},
               {"error", "undefined step: " + step->text + "\n\nImplement it with:\n" + snippet},
               {"errorType", "UndefinedStep"},
               {"snippet", snippet}});
    return;
  }
  if (found.size() > 1) {
    std::string message = "ambiguous step: " + step->text + " matches " +
                          std::to_string(found.size()) + " step definitions:";
    auto candidates = nlohmann::json::array();
    for (const auto& [definition, arguments] : found) {
      message += "\n  '" + definition->pattern + "' (" + definition->location + ")";
      candidates.push_back({{"pattern", definition->pattern}, {"location", definition->location}});
    }
    reply(id, {{"success", false},
               {"error", message},
               {"errorType", "AmbiguousStep"},
               {"candidates", candidates}});
    return;
  }
  if (refuse_if_stuck(id)) return;

  auto execution = std::make_shared<Execution>();
  execution->id = id;
  execution->description = step->original_text;
  execution->context_before = step->context;
  execution->timeout = step->timeout;
  step->log = Logger(execution->logs);
  execution->step = std::move(step);
  StepInvoker invoke = found.front().first->invoke;
  start(execution, [invoke = std::move(invoke), arguments = std::move(found.front().second)](
                       Execution& running) { invoke(*running.step, arguments); });
}

inline void Servo::start(std::shared_ptr<Execution> execution,
                         std::function<void(Execution&)> body) {
  if (execution->timeout.count() > 0) {
    execution->deadline = std::chrono::steady_clock::now() + execution->timeout;
  }
  running_ = execution;
  StdoutCapture* capture = capture_.get();
  worker_->submit([execution, body = std::move(body), capture] {
    capture->set_sink(execution->logs);
    Outcome outcome;
    try {
      body(*execution);
    } catch (const std::exception& error) {
      outcome = Outcome{false, error.what(), type_name(typeid(error)), nlohmann::json::object()};
    } catch (...) {
      outcome = Outcome{false, "unknown exception", current_exception_type_name(),
                        nlohmann::json::object()};
    }
    capture->drain();
    capture->set_sink(nullptr);
    execution->outcome = std::move(outcome);
    execution->done.store(true, std::memory_order_release);
  });
}

inline nlohmann::json Servo::result_of(const Execution& execution) const {
  const Outcome& outcome = execution.outcome;
  nlohmann::json result = {{"success", outcome.success}};
  if (!outcome.success) {
    result["error"] = outcome.error;
    result["errorType"] = outcome.error_type;
  }
  result["logs"] = execution.logs->snapshot();
  if (const Step* step = execution.step.get()) {
    // Only what the step changed; a removed key is sent as null.
    auto changed = nlohmann::json::object();
    for (const auto& [key, value] : step->context.items()) {
      const auto before = execution.context_before.find(key);
      if (before == execution.context_before.end() || *before != value) changed[key] = value;
    }
    for (const auto& [key, value] : execution.context_before.items()) {
      if (!step->context.contains(key)) changed[key] = nullptr;
    }
    if (!changed.empty()) result["context"] = changed;
    if (!step->data.is_null()) result["data"] = step->data;
  }
  return result;
}

inline void Servo::finish_running() {
  if (stuck_ && stuck_->done.load(std::memory_order_acquire)) stuck_.reset();
  if (!running_ || !running_->done.load(std::memory_order_acquire)) return;
  auto execution = std::move(running_);
  reply(execution->id, result_of(*execution));
}

inline void Servo::time_out_running() {
  auto execution = std::move(running_);
  reply(execution->id, {{"success", false},
                        {"error", "timed out after " + std::to_string(execution->timeout.count()) +
                                      " ms: " + execution->description},
                        {"errorType", "Timeout"},
                        {"logs", execution->logs->snapshot()}});
  stuck_ = std::move(execution);
}

inline int Servo::run(Framing framing) {
  framing_ = framing;
  const auto problems = compile();
  if (!problems.empty()) {
    for (const auto& problem : problems) std::cerr << "troupe servo: " << problem << '\n';
    std::cerr << std::flush;
    return 1;
  }
  capture_ = std::make_unique<StdoutCapture>();
  std::string error;
  protocol_fd_ = capture_->start(error);
  if (protocol_fd_ < 0) {
    std::cerr << "troupe servo: " << error << std::endl;
    return 1;
  }
  int wake[2];
  if (pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    std::cerr << "troupe servo: can not create a pipe: " << std::strerror(errno) << std::endl;
    return 1;
  }
  worker_ = std::make_unique<StepWorker>(wake[1]);
  FrameDecoder decoder(framing_);
  bool input_closed = false;
  char buffer[65536];
  while (true) {
    while (!running_ && !shutdown_requested_) {
      auto frame = decoder.next();
      if (!frame) break;
      handle_frame(*frame);
    }
    if (shutdown_requested_) break;
    // After end of input the running step still gets its answer (or its timeout), then we leave.
    if (input_closed && !running_) {
      if (decoder.has_partial_message()) {
        std::cerr << "troupe servo: stdin closed in the middle of a message" << std::endl;
      }
      break;
    }
    int timeout_ms = -1;
    if (running_ && running_->deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          *running_->deadline - std::chrono::steady_clock::now());
      timeout_ms = static_cast<int>(std::max<long long>(0, left.count() + 1));
    }
    // POLLERR on the protocol fd means nobody reads our replies any more: the runner is gone.
    pollfd fds[3] = {
        {input_closed ? -1 : STDIN_FILENO, POLLIN, 0}, {wake[0], POLLIN, 0}, {protocol_fd_, 0, 0}};
    const int ready = poll(fds, 3, timeout_ms);
    if (ready < 0 && errno != EINTR) break;
    if (ready > 0 && (fds[2].revents & (POLLERR | POLLHUP)) != 0) {
      if (running_) {
        std::cerr << "troupe servo: the runner stopped reading while '" << running_->description
                  << "' was running; exiting" << std::endl;
      }
      break;
    }
    if (ready > 0 && fds[1].revents != 0) {
      while (read(wake[0], buffer, sizeof buffer) > 0) {
      }
      finish_running();
    }
    if (running_ && running_->deadline && std::chrono::steady_clock::now() >= *running_->deadline &&
        !running_->done.load(std::memory_order_acquire)) {
      time_out_running();
    }
    if (ready > 0 && fds[0].revents != 0) {
      const auto count = read(STDIN_FILENO, buffer, sizeof buffer);
      if (count > 0) {
        decoder.feed(std::string_view(buffer, static_cast<std::size_t>(count)));
      } else if (count == 0 || (errno != EINTR && errno != EAGAIN)) {
        input_closed = true;
      }
    }
  }
  if (worker_->busy()) {
    // User code is still running and can not be stopped safely: leave without unwinding it.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(0);
  }
  worker_.reset();
  capture_->stop();
  capture_.reset();
  close(wake[0]);
  close(wake[1]);
  return 0;
}

}  // namespace troupe
