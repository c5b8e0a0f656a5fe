#include "synth/parallel.h"

namespace mucpt::synth {

BatchHelper::BatchHelper() : thread_([this] { helper_loop(); }) {}

BatchHelper::~BatchHelper() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void BatchHelper::start(size_t jobs, std::function<void(size_t)> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job_ = std::move(job);
    jobs_ = jobs;
    next_ = 0;
    helper_busy_ = true;
    ++generation_;
  }
  wake_.notify_one();
}

void BatchHelper::run_jobs() {
  for (size_t i = next_++; i < jobs_; i = next_++) {
    try {
      job_(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!error_) error_ = std::current_exception();
    }
  }
}

void BatchHelper::finish() {
  run_jobs();
  std::unique_lock<std::mutex> lock(mutex_);
  done_.wait(lock, [this] { return !helper_busy_; });
  if (error_) {
    std::exception_ptr e = error_;
    error_ = nullptr;
    std::rethrow_exception(e);
  }
}

void BatchHelper::helper_loop() {
  size_t seen = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    run_jobs();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      helper_busy_ = false;
    }
    done_.notify_one();
  }
}

}  // namespace mucpt::synth
