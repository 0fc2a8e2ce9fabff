// Streaming JSON Lines evaluation: bounded memory whatever the caseload size, output in input
// order, one decision per non-blank line (an over-long line becomes an error decision).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "solen/engine.hpp"
#include "solen/summary.hpp"

namespace solen {
inline namespace v1 {

struct StreamOptions {
  BatchOptions batch;
  std::size_t chunk_bytes = std::size_t{8} << 20;  ///< input read per step (memory bound)
  Summary* summary = nullptr;                       ///< filled when not null
};

struct StreamResult {
  std::uint64_t lines = 0;  ///< decisions written
  bool read_error = false;
  bool write_error = false;
};

namespace detail {
/// A line is either text or a marker for a line that exceeded the byte limit.
struct LineRef {
  std::string_view text;
  bool too_long = false;
};

inline void too_long_decision(const Engine& e, ByteBlock& out, std::size_t limit) {
  Decision d;
  d.status = DecisionStatus::error;
  d.id_known = false;
  d.error = {"line_too_long", "", "the line exceeds the limit of " + std::to_string(limit) + " bytes"};
  write_decision(d, e.compiled(), out, false);
}
}  // namespace detail

/// Reads JSON Lines from `in` until EOF and writes decisions to `out`.
inline StreamResult evaluate_stream(const Engine& engine, std::FILE* in, std::FILE* out,
                                    const StreamOptions& so) {
  StreamResult res;
  const std::size_t limit = so.batch.eval.limits.max_bytes;
  const unsigned threads = detail::thread_count(so.batch.threads);
  std::vector<char> buf;
  std::string carry;        // the incomplete last line of the previous block
  bool skipping = false;    // inside a line already known to be too long
  bool skipped_text = false;  // ... which has non-blank content (a blank one yields nothing)
  std::vector<detail::LineRef> lines;
  std::vector<detail::ByteBlock> outs(threads);  // decisions written in place, then to `out`
  std::vector<Summary> sums(threads);
  buf.resize(so.chunk_bytes);
  bool eof = false;
  while (!eof) {
    std::size_t n = std::fread(buf.data(), 1, buf.size(), in);
    if (n < buf.size()) {
      eof = true;
      if (std::ferror(in)) res.read_error = true;
    }
    lines.clear();
    std::string_view block(buf.data(), n);
    std::string joined;  // carry + first line of this block
    std::size_t pos = 0;
    // A complete line (without its '\n'): too long and not blank -> an error marker.
    auto push = [&](std::string_view line) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (detail::blank(line)) return;
      if (line.size() > limit) lines.push_back({{}, true});
      else lines.push_back({line, false});
    };
    auto end_skip = [&](std::string_view tail) {
      if (skipped_text || !detail::blank(tail)) lines.push_back({{}, true});
      skipping = skipped_text = false;
    };
    while (pos < block.size()) {
      std::size_t nl = block.find('\n', pos);
      if (nl == std::string_view::npos) break;
      std::string_view part = block.substr(pos, nl - pos);
      if (skipping) {
        end_skip(part);
      } else if (!carry.empty()) {
        joined = std::move(carry);
        carry.clear();
        joined.append(part);
        push(joined);
      } else {
        push(part);
      }
      pos = nl + 1;
    }
    std::string_view rest = block.substr(std::min(pos, block.size()));
    if (skipping) {
      skipped_text = skipped_text || !detail::blank(rest);
    } else if (carry.size() + rest.size() > limit + 1) {  // +1: a '\r' before the '\n'
      skipping = true;
      skipped_text = !detail::blank(carry) || !detail::blank(rest);
      carry.clear();
    } else {
      carry.append(rest);
    }
    if (eof) {
      if (skipping) end_skip({});
      else if (!carry.empty()) push(carry);
    }
    unsigned parts = lines.size() < 256 ? 1 : threads;
    detail::parallel_ranges(lines.size(), parts, [&](std::size_t b, std::size_t e, unsigned t) {
      detail::ByteBlock& o = outs[t];
      o.clear();
      for (std::size_t i = b; i < e; ++i) {
        if (lines[i].too_long) {
          detail::too_long_decision(engine, o, limit);
          if (so.summary) ++sums[t].households, ++sums[t].status[1];
        } else {
          const Decision& d = detail::evaluate_text(engine, lines[i].text, o, so.batch.eval);
          if (so.summary) sums[t].add(d);
        }
        o.push_back('\n');
      }
    });
    for (unsigned t = 0; t < parts; ++t) {
      if (!outs[t].empty() && std::fwrite(outs[t].data(), 1, outs[t].size(), out) != outs[t].size())
        res.write_error = true;
    }
    res.lines += lines.size();
    if (so.batch.progress) so.batch.progress(res.lines);
    (void)joined;
  }
  if (so.summary)
    for (const Summary& s : sums) so.summary->merge(s);
  return res;
}

}  // namespace v1
}  // namespace solen
