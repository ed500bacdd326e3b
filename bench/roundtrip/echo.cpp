// The raw baseline's peer: reads Content-Length frames on stdin and answers each with one
// fixed frame (argv[1] is its body: the C++ servo's real executeStep reply, so the bytes on the
// pipe have the servo's size). No JSON parsing: only the header is looked at.
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string body = argc > 1 ? argv[1] : "{}";
  const std::string reply = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  std::string in;
  char buffer[64 * 1024];
  for (;;) {
    // One frame: header up to the blank line, then Content-Length body bytes.
    std::size_t header_end;
    while ((header_end = in.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::read(0, buffer, sizeof buffer);
      if (n <= 0) return 0;
      in.append(buffer, static_cast<std::size_t>(n));
    }
    std::size_t at = in.find(':');
    std::size_t length = std::strtoul(in.c_str() + at + 1, nullptr, 10);
    std::size_t frame = header_end + 4 + length;
    while (in.size() < frame) {
      ssize_t n = ::read(0, buffer, sizeof buffer);
      if (n <= 0) return 0;
      in.append(buffer, static_cast<std::size_t>(n));
    }
    in.erase(0, frame);
    if (!write_all(1, reply.data(), reply.size())) return 0;
  }
}
