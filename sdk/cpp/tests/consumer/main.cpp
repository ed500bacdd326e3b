// The smallest useful servo, built against the installed SDK.
#include <troupe/servo.hpp>

int main(int argc, char** argv) {
  troupe::Servo servo;
  servo.given("the buffer {string} has size {int}",
              [](troupe::Step& step, std::string name, int size) {
                step.log.info("creating " + name);
                step.context["size"] = size;
              });
  return servo.run(argc, argv);
}
