// Robustness of the streaming path behind `solen evaluate` (evaluate_stream): the corpus and the
// caseload read in small blocks, so that lines (and over-long lines) straddle block boundaries;
// same decisions as evaluate_jsonl, identical bytes whatever the thread count.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>

#include "rob_common.hpp"
#include "solen/stream.hpp"

using namespace solen;

namespace {

const Engine& engine() {
  static const Engine e = Engine::embedded();
  return e;
}

StreamOptions stream_options(unsigned threads, std::size_t chunk) {
  StreamOptions so;
  so.batch.eval.as_of = Date::parse("2020-01-15");
  so.batch.threads = threads;
  so.chunk_bytes = chunk;
  return so;
}

/// Runs evaluate_stream over `input` in a file (from byte `from` on) to a string; `on_block`,
/// when set, runs after each block's decisions are written, with the input file.
std::string stream(const std::string& input, StreamOptions so, StreamResult* result = nullptr,
                   long from = 0, const std::function<void(std::FILE*)>& on_block = {}) {
  std::FILE* in = std::tmpfile();
  std::FILE* out = std::tmpfile();
  REQUIRE(in != nullptr);
  REQUIRE(out != nullptr);
  REQUIRE(std::fwrite(input.data(), 1, input.size(), in) == input.size());
  REQUIRE(std::fseek(in, from, SEEK_SET) == 0);
  if (on_block) so.batch.progress = [&](std::size_t) { on_block(in); };
  StreamResult r = evaluate_stream(engine(), in, out, so);
  struct stat st {};
  REQUIRE(::fstat(::fileno(in), &st) == 0);
  CHECK(std::ftell(in) == static_cast<long>(st.st_size));  // the progress bar reads it
  std::fflush(out);
  std::rewind(out);
  std::string text;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, out)) > 0) text.append(buf, n);
  std::fclose(in);
  std::fclose(out);
  CHECK_FALSE(r.read_error);
  CHECK_FALSE(r.write_error);
  if (result) *result = r;
  return text;
}

}  // namespace

TEST_CASE("stream: the corpus gives one expected decision per non-blank line whatever the block size") {
  const std::string& text = rob::corpus().text;
  std::string reference;
  for (std::size_t chunk : {std::size_t{8} << 20, std::size_t{1} << 20, std::size_t{65536}, std::size_t{4093}}) {
    for (unsigned threads : {1u, 4u}) {
      CAPTURE(chunk);
      CAPTURE(threads);
      StreamResult r;
      const std::string out = stream(text, stream_options(threads, chunk), &r);
      for (const std::string& problem : rob::check_output(out)) FAIL_CHECK(problem);
      CHECK(r.lines == rob::corpus().expected.size());
      if (reference.empty()) reference = out;
      const bool same = out == reference;
      CHECK(same);
    }
  }
}

TEST_CASE("stream: same bytes as evaluate_jsonl with 1 and 4 threads") {
  const std::string caseload = rob::read_file(rob::fixtures + "/caseload.jsonl");
  BatchOptions b;
  b.eval.as_of = Date::parse("2020-01-15");
  b.threads = 1;
  std::string batch;
  engine().evaluate_jsonl(caseload, batch, b);
  const std::string one = stream(caseload, stream_options(1, std::size_t{8} << 20));
  const std::string four = stream(caseload, stream_options(4, 100000));
  const bool same1 = one == batch, same4 = four == batch;
  CHECK(same1);
  CHECK(same4);
}

TEST_CASE("stream: a mapped file gives the bytes of the same file read, from any position") {
  // A block that starts in the middle of a page maps from the page's start: odd block sizes
  // and a start after a first line put every block there.
  const std::string caseload = rob::read_file(rob::fixtures + "/caseload.jsonl");
  const std::size_t first_line = caseload.find('\n') + 1;
  REQUIRE(first_line > 1);
  for (std::size_t chunk : {std::size_t{8} << 20, std::size_t{4093}, std::size_t{65537}}) {
    for (long from : {0L, static_cast<long>(first_line)}) {
      CAPTURE(chunk);
      CAPTURE(from);
      StreamOptions mapped = stream_options(2, chunk), read = mapped;
      read.map_files = false;
      StreamResult rm, rr;
      const std::string by_map = stream(caseload, mapped, &rm, from);
      const std::string by_read = stream(caseload, read, &rr, from);
      CHECK(rm.lines == rr.lines);
      CHECK(rm.lines == rob::split_lines(caseload.substr(static_cast<std::size_t>(from))).size());
      const bool same = by_map == by_read;
      CHECK(same);
    }
  }
  const std::string none = stream(std::string(), stream_options(1, 4093));
  CHECK(none.empty());
}

TEST_CASE("stream: a file that grows while it is evaluated is read to its new end, mapped or read") {
  // The progress callback runs between blocks: what it appends must be evaluated too, as
  // fread would see it (the mapped path takes the file's size again at each block).
  const std::string caseload = rob::read_file(rob::fixtures + "/caseload.jsonl");
  const std::string extra = "\n{\"id\":\"APPENDED\",\"members\":[{\"role\":\"declarant\"}]}\n";
  REQUIRE(caseload.size() > 4 * 4093);
  for (bool map : {true, false}) {
    CAPTURE(map);
    StreamOptions so = stream_options(1, 4093);
    so.map_files = map;
    bool appended = false;
    auto append = [&](std::FILE* in) {
      if (appended) return;
      appended = true;
      REQUIRE(::pwrite(::fileno(in), extra.data(), extra.size(), static_cast<off_t>(caseload.size())) ==
              static_cast<ssize_t>(extra.size()));
    };
    StreamResult r;
    const std::string text = stream(caseload, so, &r, 0, append);
    CHECK(appended);
    CHECK(r.lines == rob::split_lines(caseload).size() + 1);
    CHECK(text.find("\"id\":\"APPENDED\"") != std::string::npos);
  }
}

TEST_CASE("stream: an over-long line costs only its own decision even without a final newline") {
  StreamOptions so = stream_options(1, 64);
  so.batch.eval.limits.max_bytes = 100;
  const std::string ok = R"({"id":"S","members":[{"role":"declarant"}]})";
  const std::string longline = R"({"id":"L","members":[{"role":"declarant"}],"x":")" + std::string(300, 'y') + "\"}";
  for (const std::string& input : {longline + "\n" + ok + "\n", ok + "\n" + longline, longline + "\r\n" + ok,
                                   ok + "\n\n" + longline + "\n" + longline + "\n" + ok + "\n"}) {
    CAPTURE(input.size());
    const std::string out = stream(input, so);
    std::size_t expected = 0;
    for (const std::string& l : rob::split_lines(input)) expected += rob::blank(l) ? 0 : 1;
    const std::vector<std::string> lines = rob::split_lines(out);
    CHECK(lines.size() == expected);
    for (const std::string& l : lines) {
      const rob::json d = rob::json::parse(l);
      if (d["status"] == "error") {
        CHECK(d["error"]["code"] == "line_too_long");
        CHECK(d["id"].is_null());
      } else {
        CHECK(d["id"] == "S");
      }
    }
  }
}
