// A servo exercising every SDK feature; the protocol tests drive it over pipes.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <troupe/servo.hpp>

namespace {

struct BufferFullError : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace

int main(int argc, char** argv) {
  troupe::Servo servo;
  servo.given("the buffer {string} has size {int}",
              [](troupe::Step& step, const std::string& name, int size) {
                step.log.debug("creating buffer " + name);
                step.log.info("buffer " + name + " has " + std::to_string(size) + " bytes");
                step.context["buffer"] = name;
                step.context["size"] = size;
              });
  servo.then(
      "the context value {string} is {int}", [](troupe::Step& step, std::string key, long value) {
        troupe::expect(step.context.contains(key), "context has no key '" + key + "'");
        troupe::expect(step.context[key] == value, "context '" + key + "' is " +
                                                       step.context[key].dump() + ", expected " +
                                                       std::to_string(value));
      });
  servo.when("the context key {string} is removed",
             [](troupe::Step& step, std::string key) { step.context.erase(key); });
  servo.when("a step fails with {string}",
             [](std::string message) { throw std::runtime_error(message); });
  servo.when("a buffer overflows", [] { throw BufferFullError("buffer is full"); });
  servo.when("a step throws a number", [] { throw 42; });
  servo.then("{int} equals {int}", [](int left, int right) {
    troupe::expect(left == right, std::to_string(left) + " != " + std::to_string(right));
  });
  servo.given("an ambiguous step", [] {});
  servo.given("an {word} step", [](std::string) {});
  servo.when("the step sleeps {int} ms", [](troupe::Step& step, int ms) {
    step.log.info("sleeping");
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  });
  servo.when("the step prints", [] {
    std::cout << "from cout" << std::endl;
    std::printf("from printf\n");
    std::printf("without newline");
  });
  servo.when("the step prints {int} lines", [](int lines) {
    for (int i = 0; i < lines; ++i) std::cout << "line " << i << " of printed output\n";
  });
  servo.given("the following buffers:", [](troupe::Step& step) {
    troupe::expect(step.table.has_value(), "no data table");
    nlohmann::json names = nlohmann::json::array();
    for (const auto& row : step.table->rows) names.push_back(row.at("name"));
    step.data = {{"headers", step.table->headers},
                 {"names", names},
                 {"firstSize", step.table->cell(0, "size")}};
  });
  servo.given("the document:", [](troupe::Step& step) {
    troupe::expect(step.doc_string.has_value(), "no doc string");
    return nlohmann::json{{"content", step.doc_string->content},
                          {"mediaType", step.doc_string->media_type}};
  });
  servo.then("the session is reported", [](troupe::Step& step) {
    step.data = {{"role", step.role},
                 {"platform", step.platform},
                 {"testRunId", step.test_run_id},
                 {"scenario", step.scenario},
                 {"process", step.process},
                 {"type", step.type},
                 {"originalStep", step.original_text},
                 {"tags", step.tags}};
  });
  servo.given(troupe::Regex{R"(^I have (\d+) cukes( in my belly)?$)"},
              [](int count, std::optional<std::string> where) {
                return nlohmann::json{{"count", count}, {"where", where ? *where : "nowhere"}};
              });
  servo.then("the value {float} is typed", [](double value) { return value * 2; });
  servo.on_initialize(
      [](troupe::Hook& hook) { hook.log.info("initialized as " + hook.session.role); });
  servo.on_cleanup([](troupe::Hook& hook) {
    hook.log.info("released resources");
    std::cout << "cleanup printed" << std::endl;
  });
  return servo.run(argc, argv);
}
