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

#include "solen/detail/spin_wait.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Pieces 0 .. pieces-1 of some work; `work(piece, thread)` runs each exactly once, on the
/// posting thread (thread 0) or a helper (1 ..).
struct PieceJob {
  std::size_t pieces = 0;
  std::function<void(std::size_t piece, unsigned thread)> work;
  std::atomic<std::size_t> next{0};
  // Written under the pool's mutex; atomic so that a spinning thread may read them without it.
  std::atomic<std::size_t> finished{0};  ///< pieces done
  std::atomic<unsigned> running{0};      ///< helpers inside the job

  bool done() const {
    return running.load(std::memory_order_acquire) == 0 && finished.load(std::memory_order_acquire) == pieces;
  }
};

/// Helpers start on a job as soon as it is posted, while the poster does other work (reading
/// the next block, writing the previous one); the poster then joins in and waits for the last
/// piece. Threads are started once, not once per block. A thread about to wait first spins a
/// little (when every thread has a core of its own): on virtual machines a sleeping thread
/// takes tens of microseconds to wake, the time of a whole piece.
class PiecePool {
 public:
  explicit PiecePool(unsigned helpers) : spin_(helpers < std::thread::hardware_concurrency()) {
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
    job.finished.store(0, std::memory_order_relaxed);
    job.running.store(0, std::memory_order_relaxed);
    if (threads_.empty()) return;
    {
      std::lock_guard<std::mutex> lock(m_);
      job_ = &job;
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
  }

  /// Runs the pieces left on this thread, then waits until every piece is done.
  void finish(PieceJob& job) {
    const std::size_t done = run(job, 0);
    {
      std::lock_guard<std::mutex> lock(m_);
      job.finished.fetch_add(done, std::memory_order_relaxed);
    }
    maybe_spin([&] { return job.done(); });
    std::unique_lock<std::mutex> lock(m_);
    done_.wait(lock, [&] { return job.done(); });
    if (job_ == &job) job_ = nullptr;  // a helper waking late must not touch a reused job
  }

 private:
  static std::size_t run(PieceJob& job, unsigned thread) {
    std::size_t done = 0;
    for (std::size_t i; (i = job.next.fetch_add(1, std::memory_order_relaxed)) < job.pieces; ++done)
      job.work(i, thread);
    return done;
  }

  template <class Ready>
  void maybe_spin(Ready&& ready) const {
    if (spin_) detail::spin_until(ready);
  }

  void help(unsigned thread) {
    std::uint64_t seen = 0;
    for (;;) {
      PieceJob* job = nullptr;
      maybe_spin([&] { return generation_.load(std::memory_order_acquire) != seen || stop_.load(std::memory_order_relaxed); });
      {
        std::unique_lock<std::mutex> lock(m_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        job = job_;
        if (!job) continue;
        job->running.fetch_add(1, std::memory_order_relaxed);
      }
      const std::size_t done = run(*job, thread);
      {
        std::lock_guard<std::mutex> lock(m_);
        job->finished.fetch_add(done, std::memory_order_relaxed);
        job->running.fetch_sub(1, std::memory_order_release);
      }
      done_.notify_all();
    }
  }

  const bool spin_;
  std::mutex m_;
  std::condition_variable wake_, done_;
  PieceJob* job_ = nullptr;                   // guarded by m_
  std::atomic<std::uint64_t> generation_{0};  // written under m_
  std::atomic<bool> stop_{false};             // written under m_
  std::vector<std::thread> threads_;
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
