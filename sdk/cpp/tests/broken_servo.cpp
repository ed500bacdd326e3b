// A servo with registration mistakes: run() must refuse to start and name each one.
#include <troupe/servo.hpp>

int main(int argc, char** argv) {
  troupe::Servo servo;
  servo.given("a {color} ball", [](std::string) {});
  servo.given("three (brown)/black mice", [] {});
  servo.given("a buffer of {int} bytes", [] {});
  return servo.run(argc, argv);
}
