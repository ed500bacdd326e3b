// The servo of the soak run: the C++ SDK with a step that does nothing and one that sleeps.
#include <chrono>
#include <thread>
#include <troupe/servo.hpp>

int main(int argc, char** argv) {
  troupe::Servo servo;
  servo.step("noop", [] {});
  servo.step("sleeps {int} ms",
             [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); });
  return servo.run(argc, argv);
}
