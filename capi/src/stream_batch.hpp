// The C ABI's batch calls (memory and files) as thin runs of the streaming core evaluate_stream.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "memory_stream.hpp"
#include "solen/engine.hpp"
#include "solen/error.hpp"
#include "solen/stream.hpp"
#include "solen/summary.hpp"

namespace solen::capi {

/// Owns a FILE*; close() reports whether buffered data reached the file.
class File {
 public:
  explicit File(std::FILE* f) : f_(f) {}
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  ~File() { close(); }
  std::FILE* get() const { return f_; }
  bool close() {
    std::FILE* f = f_;
    f_ = nullptr;
    return f == nullptr || std::fclose(f) == 0;
  }

 private:
  std::FILE* f_;
};

inline StreamResult run_stream(const Engine& engine, std::FILE* in, std::FILE* out,
                               const BatchOptions& options, Summary* summary) {
  StreamOptions so;
  so.batch.eval = options.eval;
  so.batch.threads = options.threads;
  so.summary = summary;
  return evaluate_stream(engine, in, out, so);
}

/// JSON Lines in memory to decisions in one malloc'ed buffer (released by solen_string_free).
inline char* evaluate_memory(const Engine& engine, std::string_view jsonl,
                             const BatchOptions& options, std::size_t& out_len) {
  MemoryBatch batch(jsonl);
  File in(batch.open_input());
  File out(batch.open_output());
  if (in.get() == nullptr || out.get() == nullptr) throw std::bad_alloc();
  StreamResult r = run_stream(engine, in.get(), out.get(), options, nullptr);
  // Unbuffered: every fwrite() already reached the buffer, so a write error is a failed growth.
  if (r.write_error || !out.close()) throw std::bad_alloc();
  out_len = batch.size();
  return batch.release();
}

[[noreturn]] inline void io_error(const char* code, const std::string& message, int err) {
  throw Error(ErrorKind::io, code, "", err != 0 ? message + ": " + std::strerror(err) : message);
}

/// JSON Lines file to JSON Lines file, bounded memory. Paths are named in messages (they are
/// the caller's, not household data). The output is not created when the input cannot be read.
inline void evaluate_files(const Engine& engine, const char* in_path, const char* out_path,
                           const BatchOptions& options, Summary* summary) {
  File in(std::fopen(in_path, "rb"));
  if (in.get() == nullptr) io_error("unreadable_file", std::string("cannot read ") + in_path, errno);
  struct stat in_st {};
  struct stat out_st {};
  if (::fstat(::fileno(in.get()), &in_st) != 0)
    io_error("unreadable_file", std::string("cannot read ") + in_path, errno);
  if (S_ISDIR(in_st.st_mode))
    io_error("unreadable_file", std::string("cannot read ") + in_path, EISDIR);
  if (::stat(out_path, &out_st) == 0 && S_ISREG(in_st.st_mode) && out_st.st_dev == in_st.st_dev &&
      out_st.st_ino == in_st.st_ino) {
    // Opening the output would truncate the input before it is read.
    throw Error(ErrorKind::invalid_argument, "same_file", "",
                std::string("the output ") + out_path + " is the input file");
  }
  File out(std::fopen(out_path, "wb"));
  if (out.get() == nullptr)
    io_error("unwritable_file", std::string("cannot write ") + out_path, errno);
  StreamResult r = run_stream(engine, in.get(), out.get(), options, summary);
  int err = errno;
  std::string after = " after " + std::to_string(r.lines) + " decisions";
  if (r.read_error) io_error("read_error", std::string("reading ") + in_path + " failed" + after, err);
  bool written = !r.write_error && std::fflush(out.get()) == 0;
  err = errno;
  if (!out.close() || !written) {
    io_error("write_error", std::string("writing ") + out_path + " failed" + after, written ? errno : err);
  }
}

}  // namespace solen::capi
