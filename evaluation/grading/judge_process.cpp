#include "evaluation/grading/judge_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "common/line_reader.h"
#include "common/log.h"

extern char** environ;

namespace mucpt {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kErrTail = 2000;

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Writing to a command that has closed its stdin raises SIGPIPE, which would end this
// process: the signal is blocked in this thread while the command runs, and a pending
// one is discarded before the old mask comes back. Nothing process-wide changes.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, &old_);
  }
  ~SigpipeBlocked() {
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    const timespec none{0, 0};
    while (sigtimedwait(&pipe, nullptr, &none) == SIGPIPE) {
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

 private:
  sigset_t old_;
};

pid_t spawn_shell(const std::string& command, int stdin_fd, int stdout_fd, int stderr_fd) {
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_adddup2(&files, stdin_fd, 0);
  posix_spawn_file_actions_adddup2(&files, stdout_fd, 1);
  posix_spawn_file_actions_adddup2(&files, stderr_fd, 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group (to kill it whole), every signal at its default and none
  // blocked (SIGPIPE is blocked here while it starts).
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setsigmask(&attr, &none);
  const char* argv[] = {"sh", "-c", command.c_str(), nullptr};
  pid_t pid = -1;
  const int error = posix_spawn(&pid, "/bin/sh", &files, &attr, const_cast<char* const*>(argv), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&files);
  if (error != 0) throw IoError("cannot start the judge '" + command + "' with /bin/sh: " + std::strerror(error));
  return pid;
}

}  // namespace

JudgeProcessResult run_judge_process(const std::string& command, std::string_view input, double timeout_s,
                                     size_t max_output) {
  SigpipeBlocked sigpipe_blocked;
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
    throw IoError(std::string("cannot make pipes for the judge: ") + std::strerror(errno));
  pid_t pid;
  try {
    pid = spawn_shell(command, in[0], out[1], err[1]);
  } catch (...) {
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    throw;
  }
  close_fd(in[0]);
  close_fd(out[1]);
  close_fd(err[1]);
  int to_child = in[1], from_out = out[0], from_err = err[0];
  for (int fd : {to_child, from_out, from_err}) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  if (input.empty()) close_fd(to_child);

  JudgeProcessResult result;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
  auto ms_left = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  };
  size_t written = 0;
  char buf[65536];
  while (from_out >= 0 || from_err >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    for (int fd : {to_child, from_out, from_err})
      if (fd >= 0) fds[n++] = {fd, static_cast<short>(fd == to_child ? POLLOUT : POLLIN), 0};
    const auto left = ms_left();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    if (poll(fds, n, static_cast<int>(left)) < 0 && errno != EINTR)
      throw IoError(std::string("poll on the judge's pipes: ") + std::strerror(errno));
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == to_child) {
        const ssize_t w = ::write(to_child, input.data() + written, input.size() - written);
        if (w > 0) written += static_cast<size_t>(w);
        // All written, or the command closed its stdin (EPIPE): its answer decides.
        if (written == input.size() || (w < 0 && errno != EAGAIN && errno != EINTR)) close_fd(to_child);
        continue;
      }
      const ssize_t r = ::read(fds[i].fd, buf, sizeof buf);
      if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      if (r <= 0) {
        close_fd(fds[i].fd == from_out ? from_out : from_err);
        continue;
      }
      if (fds[i].fd == from_out) {
        const size_t keep = std::min(static_cast<size_t>(r), max_output - std::min(max_output, result.out.size()));
        result.out.append(buf, keep);
        if (keep < static_cast<size_t>(r)) result.out_truncated = true;
      } else {
        result.err_tail.append(buf, static_cast<size_t>(r));
        if (result.err_tail.size() > 2 * kErrTail) result.err_tail.erase(0, result.err_tail.size() - kErrTail);
      }
    }
  }
  close_fd(to_child);
  close_fd(from_out);
  close_fd(from_err);

  // Its output is closed; it may still be running (it closed stdout and went on).
  int status = 0;
  while (!result.timed_out) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw IoError(std::string("waiting for the judge: ") + std::strerror(errno));
    if (ms_left() <= 0) result.timed_out = true;
    else std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (result.timed_out) {
    ::kill(-pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return result;
  }
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  if (result.err_tail.size() > kErrTail) result.err_tail.erase(0, result.err_tail.size() - kErrTail);
  return result;
}

std::string describe_failure(const JudgeProcessResult& result, double timeout_s) {
  std::string what = result.timed_out ? concat("timed out after ", timeout_s, " s")
                     : result.signal != 0 ? concat("killed by signal ", result.signal)
                                          : concat("exit code ", result.exit_code);
  std::string err = result.err_tail;
  while (!err.empty() && std::isspace(static_cast<unsigned char>(err.back()))) err.pop_back();
  if (!err.empty()) what += "; stderr: " + err.substr(err.size() > 300 ? err.size() - 300 : 0);
  return what;
}

}  // namespace mucpt
