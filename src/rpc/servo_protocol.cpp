#include "rpc/servo_protocol.hpp"

#include "rpc/harmony_protocol.hpp"
#include "rpc/troupe_protocol.hpp"

namespace troupe::rpc {

std::unique_ptr<ServoProtocol> make_servo_protocol(config::Protocol protocol) {
  if (protocol == config::Protocol::Harmony) return std::make_unique<HarmonyProtocol>();
  return std::make_unique<TroupeProtocol>();
}

}  // namespace troupe::rpc
