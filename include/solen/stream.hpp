// Streaming JSON Lines evaluation: bounded memory whatever the caseload size, output in input
// order, one decision per non-blank line (an over-long line becomes an error decision).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "solen/detail/piece_pool.hpp"
#include "solen/detail/stream_input.hpp"
#include "solen/engine.hpp"
#include "solen/summary.hpp"

namespace solen {
inline namespace v1 {

struct StreamOptions {
  BatchOptions batch;
  std::size_t chunk_bytes = std::size_t{8} << 20;  ///< input read per step (memory bound)
  bool map_files = true;  ///< a regular file is mapped rather than read (same output, no copy)
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

namespace detail {
/// Cuts the blocks read from a stream into lines: a line may straddle blocks (kept in a carry)
/// and a line over the byte limit becomes an error marker without being kept.
class LineSplitter {
 public:
  explicit LineSplitter(std::size_t limit) : limit_(limit) {}

  /// Lines rebuilt from several blocks, owned with the block whose lines point into them.
  struct Joined {
    std::string first;  ///< the line that straddled the previous block
    std::string last;   ///< at the end of the stream, the line without a final newline
  };

  /// Appends the non-blank lines `block` completes (and at `eof` the last one) to `lines`,
  /// which may point into `block` and into `joined`.
  void split(std::string_view block, bool eof, std::vector<LineRef>& lines, Joined& joined) {
    std::size_t pos = 0;
    while (pos < block.size()) {
      const std::size_t nl = block.find('\n', pos);
      if (nl == std::string_view::npos) break;
      const std::string_view part = block.substr(pos, nl - pos);
      if (skipping_) {
        end_skip(part, lines);
      } else if (!carry_.empty()) {
        joined.first = std::move(carry_);
        carry_.clear();
        joined.first.append(part);
        push(joined.first, lines);
      } else {
        push(part, lines);
      }
      pos = nl + 1;
    }
    const std::string_view rest = block.substr(std::min(pos, block.size()));
    if (skipping_) {
      skipped_text_ = skipped_text_ || !blank(rest);
    } else if (carry_.size() + rest.size() > limit_ + 1) {  // +1: a '\r' before the '\n'
      skipping_ = true;
      skipped_text_ = !blank(carry_) || !blank(rest);
      carry_.clear();
    } else {
      carry_.append(rest);
    }
    if (eof) {
      if (skipping_) {
        end_skip({}, lines);
      } else if (!carry_.empty()) {
        joined.last = std::move(carry_);
        carry_.clear();
        push(joined.last, lines);
      }
    }
  }

 private:
  /// A complete line (without its '\n'): too long and not blank -> an error marker.
  void push(std::string_view line, std::vector<LineRef>& lines) const {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (blank(line)) return;
    if (line.size() > limit_) lines.push_back({{}, true});
    else lines.push_back({line, false});
  }
  void end_skip(std::string_view tail, std::vector<LineRef>& lines) {
    if (skipped_text_ || !blank(tail)) lines.push_back({{}, true});
    skipping_ = skipped_text_ = false;
  }

  std::size_t limit_;
  std::string carry_;          // the incomplete last line of the previous block
  bool skipping_ = false;      // inside a line already known to be too long
  bool skipped_text_ = false;  // ... which has non-blank content (a blank one yields nothing)
};

/// One block of the stream: its bytes, its lines, and their decisions in pieces of lines.
struct StreamBlock {
  static constexpr std::size_t piece_lines = 512;
  InputBlock input;
  LineSplitter::Joined joined;
  std::vector<LineRef> lines;
  std::vector<ByteBlock> outs;  ///< decisions of piece k, written in place
  PieceJob job;
  bool posted = false;
};
}  // namespace detail

/// Reads JSON Lines from `in` until EOF and writes decisions to `out`, in input order. Two
/// blocks alternate: while the helper threads evaluate one, this thread reads the next, then
/// joins the evaluation, hands the helpers the next block and writes the decisions.
inline StreamResult evaluate_stream(const Engine& engine, std::FILE* in, std::FILE* out,
                                    const StreamOptions& so) {
  StreamResult res;
  const std::size_t limit = so.batch.eval.limits.max_bytes;
  const unsigned threads = detail::thread_count(so.batch.threads);
  std::vector<Summary> sums(threads);
  detail::LineSplitter splitter(limit);
  detail::InputSource source(in, so.chunk_bytes, so.map_files);
  detail::StreamBlock blocks[2];
  bool eof = false;

  auto read = [&](detail::StreamBlock& b) {
    source.next(b.input, eof, res.read_error);
    b.lines.clear();
    splitter.split(b.input.text(), eof, b.lines, b.joined);
    const std::size_t pieces = (b.lines.size() + b.piece_lines - 1) / b.piece_lines;
    if (b.outs.size() < pieces) b.outs.resize(pieces);
    b.job.pieces = pieces;
    b.job.work = [&engine, &so, &sums, &b, limit](std::size_t piece, unsigned t) {
      detail::ByteBlock& o = b.outs[piece];
      o.clear();
      const std::size_t end = std::min(b.lines.size(), (piece + 1) * b.piece_lines);
      for (std::size_t i = piece * b.piece_lines; i < end; ++i) {
        if (b.lines[i].too_long) {
          detail::too_long_decision(engine, o, limit);
          if (so.summary) ++sums[t].households, ++sums[t].status[1];
        } else {
          const Decision& d = detail::evaluate_text(engine, b.lines[i].text, o, so.batch.eval);
          if (so.summary) sums[t].add(d);
        }
        o.push_back('\n');
      }
    };
  };

  detail::PiecePool pool(threads - 1);
  auto post = [&](detail::StreamBlock& b) {
    if (b.job.pieces == 0) return;
    pool.post(b.job);
    b.posted = true;
  };
  read(blocks[0]);
  post(blocks[0]);
  for (int cur = 0;; cur ^= 1) {
    detail::StreamBlock& now = blocks[cur];
    detail::StreamBlock& next = blocks[cur ^ 1];
    const bool more = !eof;
    if (more) read(next);  // while the helpers evaluate `now`
    if (now.posted) pool.finish(now.job);
    if (more) post(next);  // the helpers go on while `now` is written
    if (now.posted) {
      for (std::size_t k = 0; k < now.job.pieces; ++k) {
        const detail::ByteBlock& o = now.outs[k];
        if (!o.empty() && std::fwrite(o.data(), 1, o.size(), out) != o.size()) res.write_error = true;
      }
      now.posted = false;
      res.lines += now.lines.size();
      if (so.batch.progress) so.batch.progress(res.lines);
    }
    if (!more) break;
  }
  if (so.summary)
    for (const Summary& s : sums) so.summary->merge(s);
  return res;
}

}  // namespace v1
}  // namespace solen
