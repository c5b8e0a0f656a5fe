#include "common/command_exit.h"

#include <chrono>
#include <exception>
#include <filesystem>
#include <string>
#include <thread>

#include "common/errors.h"
#include "common/log.h"

namespace mucpt {

namespace {

// Ranks often meet the same error together (a bad option, a model missing everywhere),
// so rank 0 speaks at once and ends the job; another rank speaks only if it is still
// alive a moment later, which means it met the error alone and rank 0 may be blocked.
constexpr auto kOtherRanksWait = std::chrono::milliseconds(500);

[[noreturn]] void end_all_ranks(const MpiContext& mpi, const std::string& message, int code) {
  if (mpi.rank() != 0) std::this_thread::sleep_for(kOtherRanksWait);
  log_error(message);
  mpi_abort(code);
}

int fail(const MpiContext& mpi, const std::string& message, int code) {
  if (mpi.size() > 1) end_all_ranks(mpi, message, code);
  log_error(message);
  return code;
}

}  // namespace

int run_with_exit_codes(const MpiContext& mpi, const std::function<int()>& body) {
  try {
    return body();
  } catch (const CommandError& e) {
    return fail(mpi, e.report(), e.exit_code());
  } catch (const std::filesystem::filesystem_error& e) {
    // A folder that cannot be made or a file in the way: the user's to fix, as the message
    // (with the path) says; exit 2.
    return fail(mpi, e.what(), 2);
  } catch (const std::exception& e) {
    return fail(mpi, std::string("fatal: ") + e.what(), 1);
  }
}

}  // namespace mucpt
