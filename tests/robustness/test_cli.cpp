// Robustness of the command-line tool: `solen evaluate` on the bad-household corpus (exit 0,
// one expected decision per non-blank line, in order), byte-identical output with --threads 1
// and --threads 4, and `solen check` / `solen evaluate --rules` on broken packs (exit 1, every
// problem listed with its JSON path, nothing evaluated).
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "rob_common.hpp"

#ifndef ROB_SOLEN_CLI
#error "ROB_SOLEN_CLI must name the solen executable"
#endif
#ifndef ROB_WORK_DIR
#error "ROB_WORK_DIR must name a scratch directory"
#endif

namespace {

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct Run {
  int status = -1;
  std::string out, err;
};

/// Runs `solen ARGS` through the shell, stdout and stderr captured in files.
Run solen(const std::string& args, const std::string& name) {
  const std::string out = std::string(ROB_WORK_DIR) + "/" + name + ".out";
  const std::string err = std::string(ROB_WORK_DIR) + "/" + name + ".err";
  const std::string cmd = quote(ROB_SOLEN_CLI) + " " + args + " >" + quote(out) + " 2>" + quote(err);
  const int raw = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + (WIFSIGNALED(raw) ? WTERMSIG(raw) : 0);
  r.out = rob::read_file(out);
  r.err = rob::read_file(err);
  return r;
}

const std::string corpus_file = rob::fixtures + "/corpus.jsonl";
const std::string caseload_file = rob::fixtures + "/caseload.jsonl";

}  // namespace

TEST_CASE("cli: solen evaluate on the bad-household corpus") {
  const Run r = solen("evaluate --as-of 2020-01-15 " + quote(corpus_file), "corpus");
  CAPTURE(r.err);
  CHECK(r.status == 0);
  for (const std::string& problem : rob::check_output(r.out)) FAIL_CHECK(problem);
  CHECK_FALSE(rob::has_sentinel(r.err));

  const Run stdin_run = solen("evaluate --as-of 2020-01-15 - <" + quote(corpus_file), "corpus-stdin");
  CHECK(stdin_run.status == 0);
  CHECK(stdin_run.out == r.out);

  const std::string out_file = std::string(ROB_WORK_DIR) + "/corpus-o.jsonl";
  const Run o = solen("evaluate --as-of 2020-01-15 -o " + quote(out_file) + " " + quote(corpus_file), "corpus-o");
  CHECK(o.status == 0);
  CHECK(o.out.empty());
  CHECK(rob::read_file(out_file) == r.out);
}

TEST_CASE("cli: identical bytes with --threads 1 and --threads 4") {
  for (const std::string& file : {corpus_file, caseload_file}) {
    CAPTURE(file);
    const Run one = solen("evaluate --as-of 2020-01-15 --threads 1 " + quote(file), "threads-1");
    const Run four = solen("evaluate --as-of 2020-01-15 --threads 4 " + quote(file), "threads-4");
    CHECK(one.status == 0);
    CHECK(four.status == 0);
    CHECK_FALSE(one.out.empty());
    CHECK(one.out == four.out);
    const Run q1 = solen("evaluate --as-of 2020-01-15 --no-reasons --threads 1 " + quote(file), "quiet-1");
    const Run q4 = solen("evaluate --as-of 2020-01-15 --no-reasons --threads 4 " + quote(file), "quiet-4");
    CHECK(q1.status == 0);
    CHECK(q1.out == q4.out);
    CHECK(rob::split_lines(q1.out).size() == rob::split_lines(one.out).size());
  }
}

TEST_CASE("cli: solen check lists every problem of a broken pack with its JSON path") {
  for (const rob::PackCase& p : rob::broken_packs()) {
    CAPTURE(p.name);
    const Run r = solen("check " + quote(p.path()), "check-" + p.name);
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.status == 1);
    for (const rob::json& want : p.issues) {
      CAPTURE(want.dump());
      CHECK(rob::text_reports(r.out + r.err, want));
    }
  }
  const Run ok = solen("check " + quote(rob::valid_pack_path()), "check-valid");
  CHECK(ok.status == 0);
}

TEST_CASE("cli: solen evaluate with a broken pack exits 1 and evaluates nothing") {
  for (const rob::PackCase& p : rob::broken_packs()) {
    CAPTURE(p.name);
    const Run r = solen("evaluate --as-of 2020-01-15 --rules " + quote(p.path()) + " " + quote(caseload_file),
                        "rules-" + p.name);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
  }
  const Run missing = solen("evaluate --as-of 2020-01-15 " + quote(rob::fixtures + "/no-such-input.jsonl"), "missing-input");
  CHECK(missing.status == 1);
  const Run usage = solen("evaluate --as-of 2016-02-30 " + quote(corpus_file), "bad-date");
  CHECK(usage.status == 2);
  CHECK(usage.out.empty());
}
