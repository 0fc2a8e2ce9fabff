// Helpers shared by the robustness tests (C++ API, C ABI, CLI): fixtures, expectations and the
// checks every interface must pass. Depends on nlohmann/json only (not on the Solen core).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rob {

using json = nlohmann::json;

#ifndef ROB_FIXTURES_DIR
#error "ROB_FIXTURES_DIR must name the directory written by make_fixtures"
#endif
inline const std::string fixtures = ROB_FIXTURES_DIR;

/// Values planted in bad fields of the corpus: no error message may ever quote them.
inline const char* const sentinels[] = {"Zorglub", "31415926", "Dupont"};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Lines split on '\n' only (a '\r' stays in the line), as the engine splits JSON Lines.
inline std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    lines.emplace_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

/// Blank in the product's sense: only spaces, tabs and CR (no decision is written for it).
inline bool blank(std::string_view line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

struct Expectation {
  std::size_t line = 0;  ///< 1-based line of the corpus
  json id;               ///< string or null
  std::string status;    ///< ok | excluded | error
  std::string code, path, note;
  bool raw = true;       ///< cannot go through a dict/array of a binding
};

struct Corpus {
  std::string text;                  ///< corpus.jsonl, byte for byte
  std::vector<std::string> lines;    ///< all lines, blank ones included
  std::vector<Expectation> expected; ///< one per non-blank line, in order
};

inline const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus k;
    k.text = read_file(fixtures + "/corpus.jsonl");
    k.lines = split_lines(k.text);
    for (const std::string& l : split_lines(read_file(fixtures + "/corpus.expected.jsonl"))) {
      if (l.empty()) continue;
      json j = json::parse(l);
      Expectation e;
      e.line = j.at("line").get<std::size_t>();
      e.id = j.at("id");
      e.status = j.at("status").get<std::string>();
      e.code = j.value("code", "");
      e.path = j.value("path", "");
      e.note = j.value("note", "");
      e.raw = j.value("raw", true);
      k.expected.push_back(std::move(e));
    }
    std::size_t non_blank = 0;
    for (const std::string& l : k.lines) non_blank += blank(l) ? 0 : 1;
    if (non_blank != k.expected.size())
      throw std::runtime_error("corpus.expected.jsonl does not describe every non-blank line");
    return k;
  }();
  return c;
}

inline const std::string& line_of(const Expectation& e) { return corpus().lines.at(e.line - 1); }

/// The household of a line, for the one-household calls: the line without the CR of a CRLF
/// ending (line framing, which the JSON Lines readers drop too).
inline std::string household_of(const Expectation& e) {
  std::string text = line_of(e);
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

/// Short, printable description of an expectation for failure messages.
inline std::string describe(const Expectation& e) {
  std::string s = "corpus line " + std::to_string(e.line) + " (" + e.note + "): expected " + e.status;
  if (e.status == "error") s += " " + e.code + " at '" + e.path + "'";
  return s + " id " + e.id.dump();
}

inline bool has_sentinel(std::string_view text) {
  for (const char* s : sentinels)
    if (text.find(s) != std::string_view::npos) return true;
  return false;
}

/// Checks one decision (JSON text) against its expectation; returns "" or what is wrong.
inline std::string check_decision(const Expectation& e, std::string_view decision_text) {
  json d;
  try {
    d = json::parse(decision_text);
  } catch (const std::exception& ex) {
    return "the decision is not valid JSON: " + std::string(ex.what());
  }
  if (!d.is_object()) return "the decision is not an object";
  if (d.value("status", json()) != e.status) return "status " + d.value("status", json()).dump();
  if (d.value("id", json("<missing>")) != e.id) return "id " + d.value("id", json("<missing>")).dump();
  if (e.status == "excluded") {
    // An objection: the id and the reason, nothing else (no personal data).
    const json want = {{"id", e.id}, {"status", "excluded"}, {"reason", "objection"}};
    if (d != want) return "an excluded decision must be exactly " + want.dump();
    if (has_sentinel(decision_text)) return "personal data in an excluded decision";
  }
  if (e.status == "error") {
    if (d.size() != 3 || !d.contains("error")) return "an error decision has exactly id, status, error";
    const json& err = d["error"];
    if (!err.is_object() || err.size() != 3) return "error must be {code, path, message}";
    if (err.value("code", "") != e.code) return "code " + err.value("code", json()).dump();
    if (err.value("path", json()) != e.path) return "path " + err.value("path", json()).dump();
    const std::string msg = err.value("message", "");
    if (msg.empty()) return "empty message";
    if (has_sentinel(msg)) return "the message quotes personal data: " + msg;
  }
  if (e.status == "ok" && !d.contains("tariffs")) return "an ok decision without tariffs";
  return "";
}

/// Checks a whole JSON Lines output against the corpus: one decision per non-blank line, in
/// order, each as expected. Returns the list of problems (empty when all is well).
inline std::vector<std::string> check_output(std::string_view out) {
  std::vector<std::string> problems;
  const Corpus& c = corpus();
  if (!out.empty() && out.back() != '\n') problems.push_back("the output does not end with a newline");
  std::vector<std::string> lines = split_lines(out);
  if (lines.size() != c.expected.size())
    problems.push_back(std::to_string(c.expected.size()) + " decisions expected, " +
                       std::to_string(lines.size()) + " written");
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < lines.size() && i < c.expected.size(); ++i) {
    std::string why = check_decision(c.expected[i], lines[i]);
    if (why.empty()) continue;
    if (++wrong <= 10) problems.push_back(describe(c.expected[i]) + ": " + why);
  }
  if (wrong > 10) problems.push_back(std::to_string(wrong - 10) + " more wrong decisions not shown");
  return problems;
}

// ---- rule packs ------------------------------------------------------------------------------

struct PackCase {
  std::string name, file;
  json issues;  ///< [{"code","path"} | {"path_prefix"}]
  std::string text() const { return read_file(fixtures + "/packs/" + file); }
  std::string path() const { return fixtures + "/packs/" + file; }
};

inline std::vector<PackCase> broken_packs() {
  std::vector<PackCase> out;
  for (const std::string& l : split_lines(read_file(fixtures + "/packs/expected.jsonl"))) {
    if (l.empty()) continue;
    json j = json::parse(l);
    out.push_back({j.at("name").get<std::string>(), j.at("file").get<std::string>(), j.at("issues")});
  }
  return out;
}

inline std::string valid_pack_path() { return fixtures + "/packs/valid.json"; }

/// Does `found` (a list of {code, path}) report the expected issue?
inline bool reports(const std::vector<std::pair<std::string, std::string>>& found, const json& want) {
  for (const auto& [code, path] : found) {
    if (want.contains("path_prefix")) {
      if (path.rfind(want["path_prefix"].get<std::string>(), 0) == 0) return true;
    } else if (code == want.at("code").get<std::string>() && path == want.at("path").get<std::string>()) {
      return true;
    }
  }
  return false;
}

/// Does a free text (an exception message, `solen check` output) have a line naming the
/// expected issue: "<path>: <message> [<code>]" (the path "/" for the whole document)?
inline bool text_reports(std::string_view text, const json& want) {
  for (const std::string& line : split_lines(text)) {
    if (want.contains("path_prefix")) {
      if (line.find(want["path_prefix"].get<std::string>()) != std::string::npos) return true;
      continue;
    }
    std::string path = want.at("path").get<std::string>();
    if (path.empty()) path = "/";
    const std::size_t at = line.find(path + ": ");
    if (at == std::string::npos) continue;
    const std::string before = line.substr(0, at);
    if (before.find_first_not_of(" \t") != std::string::npos) continue;  // the path starts the line
    if (line.find("[" + want.at("code").get<std::string>() + "]") != std::string::npos) return true;
  }
  return false;
}

}  // namespace rob
