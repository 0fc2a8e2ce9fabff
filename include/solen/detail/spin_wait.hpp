// A short busy wait before sleeping, shared by the thread pools of the batch paths.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>

namespace solen {
inline namespace v1 {
namespace detail {

/// How long a thread spins before it sleeps: on virtual machines a sleeping thread takes tens
/// of microseconds to wake, the time of a whole piece of households.
inline constexpr std::chrono::microseconds spin_limit{200};

/// Spins for at most spin_limit while `ready()` is false. Only worth it when every thread has
/// a core of its own.
template <class Ready>
void spin_until(Ready&& ready) {
  const auto until = std::chrono::steady_clock::now() + spin_limit;
  for (unsigned i = 1; !ready(); ++i) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
    if (i % 64 == 0 && std::chrono::steady_clock::now() > until) return;
  }
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
