// FILE* streams over memory, so that the in-memory batch runs on the streaming core unchanged.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/mman.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>

namespace solen::capi {

/// The caller's JSON Lines read in place, and the decisions written once into the buffer that
/// is handed to the caller (no intermediate string, no final copy).
///
/// The output's final size is unknown until the end, so it is extrapolated from the
/// output/input ratio of the blocks done so far; before the first block is done, three times
/// the input is reserved (address space only: pages are touched as they are written). Growing a
/// large block is cheap anyway: glibc's realloc moves an mmap'ed block with mremap, without
/// copying it.
class MemoryBatch {
 public:
  explicit MemoryBatch(std::string_view input) : in_(input) {}
  MemoryBatch(const MemoryBatch&) = delete;
  MemoryBatch& operator=(const MemoryBatch&) = delete;
  ~MemoryBatch() { std::free(data_); }

  /// FILE* handles (the caller fcloses them). The output is unbuffered: fwrite() copies
  /// straight into the buffer, and a failed growth makes it fail, which the stream reports as a
  /// write error. The input needs a buffer: glibc reads an unbuffered cookie stream one byte
  /// per call.
  std::FILE* open_input() {
    cookie_io_functions_t io{};
    io.read = [](void* c, char* buf, std::size_t n) -> ssize_t {
      return static_cast<ssize_t>(static_cast<MemoryBatch*>(c)->read(buf, n));
    };
    std::FILE* f = fopencookie(this, "r", io);
    if (f != nullptr && std::setvbuf(f, nullptr, _IOFBF, std::size_t{1} << 20) != 0) {
      std::fclose(f);
      return nullptr;
    }
    return f;
  }

  std::FILE* open_output() {
    cookie_io_functions_t io{};
    io.write = [](void* c, const char* buf, std::size_t n) -> ssize_t {
      return static_cast<MemoryBatch*>(c)->append(buf, n) ? static_cast<ssize_t>(n) : -1;
    };
    std::FILE* f = fopencookie(this, "w", io);
    if (f != nullptr) std::setvbuf(f, nullptr, _IONBF, 0);
    return f;
  }

  std::size_t size() const noexcept { return size_; }

  /// The NUL-terminated decisions for solen_string_free(); the object no longer owns them.
  char* release() {
    if (data_ == nullptr && !grow(1)) throw std::bad_alloc();
    data_[size_] = '\0';
    char* p = data_;
    data_ = nullptr;
    size_ = capacity_ = 0;
    return p;
  }

 private:
  static constexpr std::size_t huge_page = std::size_t{2} << 20;

  std::size_t read(char* buf, std::size_t n) noexcept {
    // The streaming core writes every decision of a block before it reads the next one, so
    // at the first read after some output, the output holds the decisions of the input read so
    // far: a clean ratio sample. (A block takes several reads: later ones must not resample.)
    if (size_ > sample_out_) {
      sample_in_ = pos_;
      sample_out_ = size_;
    }
    std::size_t k = n < in_.size() - pos_ ? n : in_.size() - pos_;
    if (k > 0) std::memcpy(buf, in_.data() + pos_, k);
    pos_ += k;
    return k;
  }

  bool append(const char* p, std::size_t n) noexcept {
    if (size_ + n + 1 > capacity_ && !grow(size_ + n + 1)) return false;
    std::memcpy(data_ + size_, p, n);
    size_ += n;
    return true;
  }

  std::size_t estimate(std::size_t needed) const noexcept {
    double rest = static_cast<double>(in_.size() - pos_);
    double ratio = sample_in_ > 0
                       ? static_cast<double>(sample_out_) / static_cast<double>(sample_in_)
                       : 3.0;
    // The rest of the input at the same ratio, plus 1/16 of slack.
    return needed + static_cast<std::size_t>(rest * ratio * 1.0625) + (std::size_t{64} << 10);
  }

  bool grow(std::size_t needed) noexcept {
    std::size_t want = estimate(needed);
    if (want < capacity_ + capacity_ / 8) want = capacity_ + capacity_ / 8;
    void* p = nullptr;
    if (data_ == nullptr && want >= huge_page) {
      // Aligned so that transparent huge pages can back it: one page fault per 2 MiB instead
      // of one per 4 KiB (page faults were a quarter of the batch's time on small VMs).
      if (posix_memalign(&p, huge_page, want) != 0) p = nullptr;
    } else {
      p = std::realloc(data_, want);
    }
    if (p == nullptr && want > needed) {  // the estimate may exceed the overcommit limit
      want = needed;
      p = std::realloc(data_, want);
    }
    if (p == nullptr) return false;
    data_ = static_cast<char*>(p);
    capacity_ = want;
#ifdef MADV_HUGEPAGE
    auto start = (reinterpret_cast<std::uintptr_t>(data_) + huge_page - 1) & ~(huge_page - 1);
    auto end = (reinterpret_cast<std::uintptr_t>(data_) + capacity_) & ~(huge_page - 1);
    if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
#endif
    return true;
  }

  std::string_view in_;
  std::size_t pos_ = 0;         ///< input bytes read so far
  std::size_t sample_in_ = 0;   ///< input bytes whose decisions are all written ...
  std::size_t sample_out_ = 0;  ///< ... and the size of those decisions
  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace solen::capi
