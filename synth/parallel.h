#pragma once
// A helper thread that shares batches of independent jobs with the calling thread:
// start() hands the helper a batch, the caller does other work, then finish() makes
// the caller take jobs too until the batch is done. Which thread runs a job never
// changes its result, so output stays deterministic.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace mucpt::synth {

class BatchHelper {
 public:
  BatchHelper();
  ~BatchHelper();
  BatchHelper(const BatchHelper&) = delete;
  BatchHelper& operator=(const BatchHelper&) = delete;

  void start(size_t jobs, std::function<void(size_t)> job);
  void finish();  // rethrows the first exception a job threw

 private:
  void run_jobs();
  void helper_loop();

  std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::function<void(size_t)> job_;
  size_t jobs_ = 0;
  std::atomic<size_t> next_{0};
  size_t generation_ = 0;
  bool helper_busy_ = false;
  bool stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace mucpt::synth
