#pragma once
// Splits a servo's stderr into lines, keeping memory bounded: at most `max_bytes` are passed on in
// total, and the last few lines are kept for failure messages. Beyond the limit, lines are only
// counted; when stderr ends one note line says how much was dropped:
//   [troupe] stderr cut at the limit of 1048576 bytes (1072693248 bytes dropped)
#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

namespace troupe::exec {

class StderrLines {
 public:
  using LineHandler = std::function<void(std::string line)>;
  StderrLines(std::size_t max_bytes, LineHandler on_line);

  void feed(std::string_view bytes);
  // Passes on a final line without a newline, then the cut note if the limit was reached.
  // Idempotent.
  void finish();
  // The last lines seen (at most kTailLines, at most kTailBytes), joined with '\n'.
  std::string tail() const;

  static constexpr std::size_t kTailLines = 20;
  static constexpr std::size_t kTailBytes = 4096;

 private:
  void emit(std::string line);
  void flush_partial();

  std::size_t max_bytes_;
  LineHandler on_line_;
  std::string partial_;
  std::size_t received_bytes_ = 0;
  std::size_t passed_bytes_ = 0;  // lines passed on, each counted with its newline
  bool cut_ = false;
  bool cut_noted_ = false;
  std::deque<std::string> tail_;
  std::size_t tail_bytes_ = 0;
};

}  // namespace troupe::exec
