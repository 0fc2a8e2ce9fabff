// The input of a stream in blocks: windows mapped from a regular file (no copy), else reads.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdio>
#include <string_view>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#define SOLEN_STREAM_CAN_MAP 1
#else
#define SOLEN_STREAM_CAN_MAP 0
#endif

namespace solen {
inline namespace v1 {
namespace detail {

/// The bytes of one block, valid until the block is filled again: either a buffer it owns or
/// a window of a mapped file.
class InputBlock {
 public:
  InputBlock() = default;
  InputBlock(const InputBlock&) = delete;
  InputBlock& operator=(const InputBlock&) = delete;
  ~InputBlock() { unmap(); }

  std::string_view text() const { return text_; }

 private:
  friend class InputSource;
  void unmap() {
#if SOLEN_STREAM_CAN_MAP
    if (map_ != nullptr) ::munmap(map_, map_len_);
#endif
    map_ = nullptr;
    map_len_ = 0;
  }

  std::vector<char> buffer_;
  void* map_ = nullptr;
  std::size_t map_len_ = 0;
  std::string_view text_;
};

/// Cuts a FILE's input into blocks of at most `chunk` bytes. A regular file is mapped window
/// by window from its current position: reading it into a buffer costs a copy through memory
/// that is cold at this size (a tenth of `solen evaluate`'s time, measured). Anything else (a
/// pipe, a terminal, a memory stream) or a failed mapping is read with fread. The FILE's
/// position follows the blocks handed out, so that ftell() measures the progress either way.
/// A mapped file must not shrink while a window of it is in use (as for any reader that maps
/// its input): the window would fault.
class InputSource {
 public:
  InputSource(std::FILE* in, std::size_t chunk, bool allow_map) : in_(in), chunk_(chunk < 1 ? 1 : chunk) {
#if SOLEN_STREAM_CAN_MAP
    if (!allow_map) return;
    const int fd = ::fileno(in);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
    const off_t pos = ::ftello(in);
    const long page = ::sysconf(_SC_PAGESIZE);
    if (pos < 0 || pos > st.st_size || page <= 0) return;
    fd_ = fd;
    pos_ = pos;
    size_ = st.st_size;
    page_ = static_cast<off_t>(page);
#else
    (void)allow_map;
#endif
  }

  bool mapped() const { return fd_ >= 0; }

  /// Fills `b` with the next block; `eof` is set once the input is exhausted (the block may
  /// still hold its last bytes) and `error` when reading failed.
  void next(InputBlock& b, bool& eof, bool& error) {
    b.unmap();
    if (fd_ >= 0 && map_next(b, eof)) return;
    b.buffer_.resize(chunk_);
    const std::size_t n = std::fread(b.buffer_.data(), 1, chunk_, in_);
    if (n < chunk_) {
      eof = true;
      if (std::ferror(in_)) error = true;
    }
    b.text_ = std::string_view(b.buffer_.data(), n);
  }

 private:
  /// Maps the next window; false (and reading from here on) when the system refuses.
  bool map_next(InputBlock& b, bool& eof) {
#if SOLEN_STREAM_CAN_MAP
    // The size is taken again for each window: a file that grew is read to its new end, as
    // fread would, and one that shrank only faults if it shrinks during this window's use.
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || st.st_size < pos_) {
      fd_ = -1;
      return false;
    }
    size_ = st.st_size;
    const off_t left = size_ - pos_;
    const std::size_t n = static_cast<std::size_t>(left) < chunk_ ? static_cast<std::size_t>(left) : chunk_;
    if (n == 0) {
      eof = true;
      b.text_ = {};
      return true;
    }
    const off_t base = pos_ - pos_ % page_;  // mappings start on a page
    const std::size_t len = static_cast<std::size_t>(pos_ - base) + n;
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;  // one call sets up every page instead of a fault per page
#endif
    void* p = ::mmap(nullptr, len, PROT_READ, flags, fd_, base);
    if (p == MAP_FAILED) {  // the FILE already stands at pos_: reading takes over from there
      fd_ = -1;
      return false;
    }
    b.map_ = p;
    b.map_len_ = len;
    b.text_ = std::string_view(static_cast<const char*>(p) + (pos_ - base), n);
    pos_ += static_cast<off_t>(n);
    ::fseeko(in_, pos_, SEEK_SET);
    eof = pos_ >= size_;
    return true;
#else
    (void)b;
    (void)eof;
    return false;
#endif
  }

  std::FILE* in_;
  std::size_t chunk_;
  int fd_ = -1;  ///< the mapped file, -1 when reading
#if SOLEN_STREAM_CAN_MAP
  off_t pos_ = 0, size_ = 0, page_ = 4096;
#endif
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
