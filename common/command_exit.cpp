#include "common/command_exit.h"

#include <exception>

#include "common/config.h"
#include "common/log.h"

namespace mucpt {

int run_with_exit_codes(const MpiContext& mpi, const std::function<int()>& body) {
  try {
    return body();
  } catch (const ConfigError& e) {
    if (mpi.rank() == 0) log_error("configuration: ", e.what());
    return 2;
  } catch (const UserError& e) {
    if (mpi.rank() == 0) log_error(e.what());
    return 2;
  } catch (const std::exception& e) {
    log_error("fatal: ", e.what());
    mpi_abort(1);
  }
}

}  // namespace mucpt
