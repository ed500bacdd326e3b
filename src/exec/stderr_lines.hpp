#pragma once
// Splits a servo's stderr into lines, keeping memory bounded: at most `max_bytes` are passed on in
// total (then one note line), and the last few lines are kept for failure messages.
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
  // Passes on a final line without a newline.
  void finish();
  // The last lines seen (at most kTailLines, at most kTailBytes), joined with '\n'.
  std::string tail() const;

  static constexpr std::size_t kTailLines = 20;
  static constexpr std::size_t kTailBytes = 4096;

 private:
  void emit(std::string line);

  std::size_t max_bytes_;
  LineHandler on_line_;
  std::string partial_;
  std::size_t passed_bytes_ = 0;
  bool cut_ = false;
  std::deque<std::string> tail_;
  std::size_t tail_bytes_ = 0;
};

}  // namespace troupe::exec
