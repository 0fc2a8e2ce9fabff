<?php
// Robustness of the PHP binding: the bad-household corpus through Engine::evaluate (throws
// Solen\SolenException with error code and path), evaluateMany and evaluateJsonl (one decision
// per household, in order), broken rule packs refused with every problem listed.
// SPDX-License-Identifier: Apache-2.0
// Run: SOLEN_LIBRARY=... php tests/robustness/test_robustness.php BUILD/tests/robustness/fixtures
declare(strict_types=1);

$source = getenv('SOLEN_SOURCE_DIR') ?: dirname(__DIR__, 2);
require_once $source . '/bindings/php/autoload.php';

use Solen\Engine;
use Solen\SolenException;
use Solen\Status;

const SENTINELS = ['Zorglub', '31415926', 'Dupont'];
const AS_OF = '2020-01-15';
$fixtures = $argv[1] ?? getenv('ROB_FIXTURES_DIR');

$failures = 0;
function check(bool $condition, string $what): void
{
    global $failures;
    if (!$condition) {
        ++$failures;
        fwrite(STDERR, "FAILED: $what\n");
    }
}

function split_lines(string $data): array
{
    $lines = explode("\n", $data);
    if ($lines !== [] && end($lines) === '') {
        array_pop($lines);
    }
    return $lines;
}

function is_blank(string $line): bool
{
    return trim($line, " \t\r") === '';
}

function has_sentinel(string $text): bool
{
    foreach (SENTINELS as $s) {
        if (str_contains($text, $s)) {
            return true;
        }
    }
    return false;
}

$corpus = file_get_contents("$fixtures/corpus.jsonl");
$lines = split_lines($corpus);
$expected = [];
foreach (split_lines(file_get_contents("$fixtures/corpus.expected.jsonl")) as $l) {
    if (trim($l) !== '') {
        $expected[] = json_decode($l, true, 512, JSON_THROW_ON_ERROR);
    }
}
check(count($expected) === count(array_filter($lines, fn ($l) => !is_blank($l))),
    'expectations out of date');

/** The household of a corpus line, without the CR of a CRLF ending (line framing). */
function line_of(array $e): string
{
    global $lines;
    $line = $lines[$e['line'] - 1];
    return str_ends_with($line, "\r") ? substr($line, 0, -1) : $line;
}

function describe(array $e): string
{
    $s = sprintf('line %d (%s): expected %s', $e['line'], $e['note'] ?? '', $e['status']);
    if ($e['status'] === 'error') {
        $s .= sprintf(" %s at '%s'", $e['code'], $e['path']);
    }
    return $s;
}

function check_decision(array $e, mixed $d, string $via): void
{
    $where = "$via: " . describe($e);
    if (!is_array($d)) {
        check(false, "$where: not an array");
        return;
    }
    check(($d['status'] ?? null) === $e['status'], "$where: status " . json_encode($d['status'] ?? null));
    check(array_key_exists('id', $d) && $d['id'] === $e['id'], "$where: id " . json_encode($d['id'] ?? null));
    if ($e['status'] === 'excluded') {
        check($d === ['id' => $e['id'], 'status' => 'excluded', 'reason' => 'objection'],
            "$where: an excluded decision must hold nothing else: " . json_encode($d));
    }
    if ($e['status'] === 'error') {
        $err = $d['error'] ?? [];
        check(array_keys($d) === ['id', 'status', 'error'], "$where: keys " . implode(',', array_keys($d)));
        check(($err['code'] ?? null) === $e['code'], "$where: code " . json_encode($err['code'] ?? null));
        check(($err['path'] ?? null) === $e['path'], "$where: path " . json_encode($err['path'] ?? null));
        $message = $err['message'] ?? '';
        check($message !== '' && !has_sentinel($message), "$where: message empty or personal: $message");
    }
}

/** A line a PHP array can express (objects stay objects: decoded as stdClass inside). */
function as_array(array $e): array
{
    return (array) json_decode(line_of($e), false, 512, JSON_THROW_ON_ERROR);
}

$engine = new Engine();

// evaluate(): one household at a time, arrays only (raw defects go through evaluateJsonl).
foreach ($expected as $e) {
    if ($e['raw']) {
        continue;
    }
    try {
        $d = $engine->evaluate(as_array($e), AS_OF);
        check($e['status'] !== 'error', 'evaluate: ' . describe($e) . ': no exception');
        check_decision($e, $d, 'evaluate');
    } catch (SolenException $x) {
        check($e['status'] === 'error', 'evaluate: ' . describe($e) . ': threw ' . $x->getMessage());
        check($x->getErrorCode() === $e['code'], 'evaluate: ' . describe($e) . ': code ' . $x->getErrorCode());
        check($x->getPath() === $e['path'], 'evaluate: ' . describe($e) . ': path ' . $x->getPath());
        check(in_array($x->getStatus(), [Status::E_PARSE, Status::E_SCHEMA], true),
            'evaluate: ' . describe($e) . ': status ' . $x->getStatusName());
        check($x->getMessage() !== '' && !has_sentinel($x->getMessage()),
            'evaluate: ' . describe($e) . ': message empty or personal: ' . $x->getMessage());
    }
}

// evaluateMany(): the array-expressible households in one batch, keys kept.
$many = [];
foreach ($expected as $i => $e) {
    if (!$e['raw']) {
        $many["h$i"] = as_array($e);
    }
}
check(count($many) > 50, 'too few array-expressible lines');
$decisions = $engine->evaluateMany($many, AS_OF);
check(array_keys($decisions) === array_keys($many), 'evaluateMany: keys and order kept');
foreach ($many as $key => $_) {
    check_decision($expected[(int) substr($key, 1)], $decisions[$key] ?? null, 'evaluateMany');
}

// evaluateJsonl(): the whole corpus as bytes (duplicate keys, invalid UTF-8, long lines...).
foreach ([0, 1, 4] as $threads) {
    $out = split_lines($engine->evaluateJsonl($corpus, AS_OF, true, $threads));
    check(count($out) === count($expected), "evaluateJsonl(threads=$threads): " . count($out) . ' lines');
    foreach ($expected as $i => $e) {
        if (isset($out[$i])) {
            check_decision($e, json_decode($out[$i], true, 512, JSON_BIGINT_AS_STRING), "evaluateJsonl($threads)");
        }
    }
}

// Broken rule packs: refused (E_RULES), every expected problem listed with its path.
function issue_reported(string $message, array $want): bool
{
    foreach (explode("\n", $message) as $line) {
        if (isset($want['path_prefix'])) {
            if (str_contains($line, $want['path_prefix'])) {
                return true;
            }
            continue;
        }
        $path = $want['path'] === '' ? '/' : $want['path'];
        if (str_starts_with(ltrim($line), "$path: ") && str_contains($line, '[' . $want['code'] . ']')) {
            return true;
        }
    }
    return false;
}

foreach (split_lines(file_get_contents("$fixtures/packs/expected.jsonl")) as $l) {
    $p = json_decode($l, true, 512, JSON_THROW_ON_ERROR);
    try {
        new Engine("$fixtures/packs/{$p['file']}");
        check(false, "pack {$p['name']}: accepted");
    } catch (SolenException $x) {
        check($x->getStatus() === Status::E_RULES, "pack {$p['name']}: status " . $x->getStatusName());
        foreach ($p['issues'] as $want) {
            check(issue_reported($x->getMessage(), $want),
                "pack {$p['name']}: " . json_encode($want) . ' not listed in ' . $x->getMessage());
        }
    }
}
new Engine("$fixtures/packs/valid.json");

if ($failures > 0) {
    fwrite(STDERR, "$failures failures\n");
    exit(1);
}
printf("ok: %d corpus lines through evaluate, evaluateMany, evaluateJsonl; broken packs refused\n",
    count($expected));
