// The servo both benchmarks talk to: the C++ SDK with one step that does nothing.
#include <troupe/servo.hpp>

int main(int argc, char** argv) {
  troupe::Servo servo;
  servo.step("noop", [] {});
  return servo.run(argc, argv);
}
