#include "exec/servo_process.hpp"

#include <sys/wait.h>

#include <cerrno>
#include <csignal>

#include "exec/process_group.hpp"
#include "exec/timer.hpp"

namespace troupe::exec {

struct ServoProcess::Stream {
  uv_pipe_t pipe;
  ServoProcess* owner = nullptr;  // null once the owner is gone: callbacks then do nothing
  bool is_stdout = false;
  char buffer[64 * 1024];
};

namespace {

struct WriteRequest {
  uv_write_t request;
  std::string bytes;
};

uv_handle_t* as_handle(uv_pipe_t* pipe) {
  return reinterpret_cast<uv_handle_t*>(pipe);
}
uv_stream_t* as_stream(uv_pipe_t* pipe) {
  return reinterpret_cast<uv_stream_t*>(pipe);
}

}  // namespace

ServoProcess::ServoProcess(uv_loop_t* loop, Handlers handlers)
    : loop_(loop), handlers_(std::move(handlers)) {}

ServoProcess::~ServoProcess() {
  stdout_closed_timer_.reset();
  if (pid_ > 0 && process_group_alive(pid_)) {
    // Only reached on a hard abort (normally the group is gone before destruction): no time to
    // wait for the loop, so kill and reap synchronously. The servo and any member that is our
    // child (orphans re-parented to us) die at once from SIGKILL.
    signal_process_group(pid_, SIGKILL);
    int status = 0;
    if (!exited_)
      while (::waitpid(pid_, &status, 0) == -1 && errno == EINTR) {
      }
    for (;;) {
      pid_t reaped = ::waitpid(-pid_, &status, 0);
      if (reaped > 0 || (reaped == -1 && errno == EINTR)) continue;
      break;
    }
  }
  if (pid_ > 0) unregister_live_servo(pid_);
  close_stream(stdin_);
  close_stream(stdout_);
  close_stream(stderr_);
  if (process_ != nullptr) {
    process_->data = nullptr;
    uv_close(reinterpret_cast<uv_handle_t*>(process_),
             [](uv_handle_t* h) { delete reinterpret_cast<uv_process_t*>(h); });
  }
}

void ServoProcess::close_stream(Stream*& stream) {
  if (stream == nullptr) return;
  stream->owner = nullptr;
  if (!uv_is_closing(as_handle(&stream->pipe)))
    uv_close(as_handle(&stream->pipe),
             [](uv_handle_t* h) { delete static_cast<Stream*>(h->data); });
  stream = nullptr;
}

std::string ServoProcess::spawn(const SpawnSpec& spec) {
  if (spec.argv.empty()) return "empty command";
  auto make_stream = [this](bool is_stdout) {
    auto* stream = new Stream;
    stream->owner = this;
    stream->is_stdout = is_stdout;
    uv_pipe_init(loop_, &stream->pipe, 0);
    stream->pipe.data = stream;
    return stream;
  };
  stdin_ = make_stream(false);
  stdout_ = make_stream(true);
  stderr_ = make_stream(false);

  std::vector<char*> args;
  for (const auto& a : spec.argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<char*> env;
  for (const auto& e : spec.env) env.push_back(const_cast<char*>(e.c_str()));
  env.push_back(nullptr);
  const std::string cwd = spec.cwd.string();

  uv_stdio_container_t stdio[3];
  stdio[0].flags = static_cast<uv_stdio_flags>(UV_CREATE_PIPE | UV_READABLE_PIPE);
  stdio[0].data.stream = as_stream(&stdin_->pipe);
  stdio[1].flags = static_cast<uv_stdio_flags>(UV_CREATE_PIPE | UV_WRITABLE_PIPE);
  stdio[1].data.stream = as_stream(&stdout_->pipe);
  stdio[2].flags = static_cast<uv_stdio_flags>(UV_CREATE_PIPE | UV_WRITABLE_PIPE);
  stdio[2].data.stream = as_stream(&stderr_->pipe);

  uv_process_options_t options{};
  options.exit_cb = &ServoProcess::on_process_exit;
  options.file = args[0];
  options.args = args.data();
  options.env = env.data();
  options.cwd = cwd.empty() ? nullptr : cwd.c_str();
  // Detached = setsid(): the servo leads its own process group, so the group can be signalled.
  options.flags = UV_PROCESS_DETACHED;
  options.stdio_count = 3;
  options.stdio = stdio;

  process_ = new uv_process_t;
  process_->data = this;
  int rc = uv_spawn(loop_, process_, &options);
  if (rc != 0) {
    close_stream(stdin_);
    close_stream(stdout_);
    close_stream(stderr_);
    return std::string(uv_strerror(rc));
  }
  pid_ = process_->pid;
  register_live_servo(pid_);
  uv_read_start(as_stream(&stdout_->pipe), &ServoProcess::on_alloc, &ServoProcess::on_read);
  uv_read_start(as_stream(&stderr_->pipe), &ServoProcess::on_alloc, &ServoProcess::on_read);
  return {};
}

void ServoProcess::write(std::string bytes) {
  if (stdin_ == nullptr || uv_is_closing(as_handle(&stdin_->pipe))) return;
  auto* request = new WriteRequest{{}, std::move(bytes)};
  uv_buf_t buf = uv_buf_init(request->bytes.data(), static_cast<unsigned>(request->bytes.size()));
  int rc = uv_write(&request->request, as_stream(&stdin_->pipe), &buf, 1,
                    [](uv_write_t* req, int) { delete reinterpret_cast<WriteRequest*>(req); });
  // A failed write means the servo is gone; its exit is reported through on_exit.
  if (rc != 0) delete request;
}

void ServoProcess::close_stdin() {
  if (stdin_ == nullptr || uv_is_closing(as_handle(&stdin_->pipe))) return;
  auto* request = new uv_shutdown_t;
  request->data = stdin_;
  int rc = uv_shutdown(request, as_stream(&stdin_->pipe), [](uv_shutdown_t* req, int) {
    // Pending writes are flushed now; closing the fd is what the servo sees as EOF.
    auto* stream = static_cast<Stream*>(req->data);
    delete req;
    if (stream->owner != nullptr) close_stream(stream->owner->stdin_);
  });
  if (rc != 0) {
    delete request;
    close_stream(stdin_);
  }
}

void ServoProcess::signal_group(int signal) {
  if (pid_ > 0) signal_process_group(pid_, signal);
}

void ServoProcess::on_process_exit(uv_process_t* process, int64_t exit_status, int term_signal) {
  auto* self = static_cast<ServoProcess*>(process->data);
  if (self == nullptr) return;
  self->exited_ = true;
  self->stdout_closed_timer_.reset();
  unregister_live_servo(self->pid_);
  // Grandchildren in the servo's group must not outlive it.
  signal_process_group(self->pid_, SIGKILL);
  ExitStatus status;
  status.killed_because = self->killed_because_;
  if (term_signal != 0)
    status.signal = term_signal;
  else
    status.exit_code = static_cast<int>(exit_status);
  if (self->handlers_.on_exit) self->handlers_.on_exit(status);
}

void ServoProcess::on_alloc(uv_handle_t* handle, size_t, uv_buf_t* buf) {
  auto* stream = static_cast<Stream*>(handle->data);
  *buf = uv_buf_init(stream->buffer, sizeof(stream->buffer));
}

void ServoProcess::on_read(uv_stream_t* handle, ssize_t nread, const uv_buf_t* buf) {
  auto* stream = static_cast<Stream*>(handle->data);
  ServoProcess* self = stream->owner;
  if (self == nullptr) return;
  if (nread > 0) {
    std::string_view bytes(buf->base, static_cast<std::size_t>(nread));
    auto& handler = stream->is_stdout ? self->handlers_.on_stdout : self->handlers_.on_stderr;
    if (handler) handler(bytes);
    return;
  }
  if (nread == 0) return;  // EAGAIN
  // EOF or a read error: either way nothing more will come from this pipe.
  uv_read_stop(handle);
  bool is_stdout = stream->is_stdout;
  close_stream(is_stdout ? self->stdout_ : self->stderr_);
  auto& closed = is_stdout ? self->handlers_.on_stdout_closed : self->handlers_.on_stderr_closed;
  if (closed) closed();
  if (is_stdout && !self->exited_) self->watch_stdout_closed();
}

void ServoProcess::watch_stdout_closed() {
  if (!stdout_closed_timer_) stdout_closed_timer_ = std::make_unique<Timer>(loop_);
  stdout_closed_timer_->start(kStdoutClosedGraceMs, [this] {
    if (exited_ || pid_ <= 0) return;
    // Dead but not yet reported by libuv: its exit callback will say how it ended.
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid_)
      return;
    killed_because_ = "closed its stdout but kept running";
    signal_process_group(pid_, SIGKILL);
  });
}

}  // namespace troupe::exec
