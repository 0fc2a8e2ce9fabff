// libFuzzer target: the JSON Lines paths. Engine::evaluate_jsonl (library and C ABI batch) and
// evaluate_stream (the `solen evaluate` path, read here in tiny blocks so that lines straddle
// them). Invariants: exactly one decision per non-blank line, in order, strict JSON each; the
// stream agrees with the batch line by line (status, id, error code and path).
// SPDX-License-Identifier: Apache-2.0
#include <cstdint>
#include <cstdio>
#include <stdio.h>  // fmemopen, open_memstream (POSIX)
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "solen/stream.hpp"

using namespace solen;

namespace {
std::vector<std::string_view> lines_of(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t pos = 0; pos < s.size();) {
    std::size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) nl = s.size();
    out.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // Two bytes of configuration: the stream's block size and the line limit.
  const std::size_t chunk = 1 + data[0] % 61;
  const std::size_t limit = 40 + static_cast<std::size_t>(data[1]) * 4;
  const std::string_view in(reinterpret_cast<const char*>(data) + 2, size - 2);
  const Engine& e = fuzz::engine();

  BatchOptions b;
  b.threads = 1;
  b.eval.as_of = Date(2020, 1, 15);
  b.eval.reasons = false;
  b.eval.limits.max_bytes = limit;
  std::string batch;
  e.evaluate_jsonl(in, batch, b);
  const std::vector<std::string_view> out = lines_of(batch);
  FUZZ_ASSERT(batch.empty() || batch.back() == '\n', "batch output ends with a newline");
  FUZZ_ASSERT(out.size() == fuzz::non_blank_lines(in), "one decision per non-blank line");
  std::vector<nlohmann::json> decisions;
  for (std::string_view l : out) decisions.push_back(fuzz::check_decision_text(l));

  // The streaming path on the same bytes.
  std::FILE* fin = ::fmemopen(const_cast<char*>(in.data()), in.size(), "rb");
  if (fin == nullptr) return 0;  // size 0
  char* obuf = nullptr;
  std::size_t olen = 0;
  std::FILE* fout = open_memstream(&obuf, &olen);
  StreamOptions so;
  so.batch = b;
  so.chunk_bytes = chunk;
  const StreamResult r = evaluate_stream(e, fin, fout, so);
  std::fclose(fin);
  std::fclose(fout);
  const std::string streamed(obuf, olen);
  std::free(obuf);
  FUZZ_ASSERT(!r.read_error && !r.write_error, "stream I/O error");
  const std::vector<std::string_view> sl = lines_of(streamed);
  FUZZ_ASSERT(sl.size() == out.size(), "stream and batch give different numbers of decisions: " +
                                           std::to_string(sl.size()) + " vs " + std::to_string(out.size()));
  FUZZ_ASSERT(r.lines == sl.size(), "StreamResult.lines");
  for (std::size_t i = 0; i < sl.size(); ++i) {
    const nlohmann::json d = fuzz::check_decision_text(sl[i]);
    const nlohmann::json& w = decisions[i];
    FUZZ_ASSERT(d["status"] == w["status"] && d["id"] == w["id"],
                "stream and batch disagree on line " + std::to_string(i) + ": " + std::string(sl[i]) +
                    " vs " + std::string(out[i]));
    if (d["status"] == "error")
      FUZZ_ASSERT(d["error"]["code"] == w["error"]["code"] && d["error"]["path"] == w["error"]["path"],
                  "stream and batch disagree on the error of line " + std::to_string(i));
    else
      FUZZ_ASSERT(sl[i] == out[i], "stream and batch decisions differ on line " + std::to_string(i));
  }
  return 0;
}
