// Helper threads that stay up for a whole stream and share the pieces of one job at a time with
// the thread that posts it.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace solen {
inline namespace v1 {
namespace detail {

/// Pieces 0 .. pieces-1 of some work; `work(piece, thread)` runs each exactly once, on the
/// posting thread (thread 0) or a helper (1 ..).
struct PieceJob {
  std::size_t pieces = 0;
  std::function<void(std::size_t piece, unsigned thread)> work;
  std::atomic<std::size_t> next{0};
  std::size_t finished = 0;  ///< pieces done (guarded by the pool's mutex)
  unsigned running = 0;      ///< helpers inside the job (guarded by the pool's mutex)
};

/// Helpers start on a job as soon as it is posted, while the poster does other work (reading
/// the next block, writing the previous one); the poster then joins in and waits for the last
/// piece. Threads are started once, not once per block.
class PiecePool {
 public:
  explicit PiecePool(unsigned helpers) {
    for (unsigned t = 1; t <= helpers; ++t) threads_.emplace_back([this, t] { help(t); });
  }
  ~PiecePool() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  PiecePool(const PiecePool&) = delete;
  PiecePool& operator=(const PiecePool&) = delete;

  /// Hands `job` to the helpers; it must stay alive until finish(job) returns.
  void post(PieceJob& job) {
    job.next.store(0, std::memory_order_relaxed);
    job.finished = 0;
    job.running = 0;
    if (threads_.empty()) return;
    {
      std::lock_guard<std::mutex> lock(m_);
      job_ = &job;
      ++generation_;
    }
    wake_.notify_all();
  }

  /// Runs the pieces left on this thread, then waits until every piece is done.
  void finish(PieceJob& job) {
    const std::size_t done = run(job, 0);
    std::unique_lock<std::mutex> lock(m_);
    job.finished += done;
    done_.wait(lock, [&] { return job.finished == job.pieces && job.running == 0; });
    if (job_ == &job) job_ = nullptr;  // a helper waking late must not touch a reused job
  }

 private:
  static std::size_t run(PieceJob& job, unsigned thread) {
    std::size_t done = 0;
    for (std::size_t i; (i = job.next.fetch_add(1, std::memory_order_relaxed)) < job.pieces; ++done)
      job.work(i, thread);
    return done;
  }

  void help(unsigned thread) {
    std::uint64_t seen = 0;
    for (;;) {
      PieceJob* job = nullptr;
      {
        std::unique_lock<std::mutex> lock(m_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        job = job_;
        if (!job) continue;
        ++job->running;
      }
      const std::size_t done = run(*job, thread);
      {
        std::lock_guard<std::mutex> lock(m_);
        job->finished += done;
        --job->running;
      }
      done_.notify_all();
    }
  }

  std::mutex m_;
  std::condition_variable wake_, done_;
  PieceJob* job_ = nullptr;
  std::uint64_t generation_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
