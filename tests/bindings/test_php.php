<?php
// Test suite of the PHP binding (FFI) against the built libsolen: plain PHP assertions.
// SPDX-License-Identifier: Apache-2.0
// Run: SOLEN_LIBRARY=build/capi/libsolen.so php tests/bindings/test_php.php
// Ends with a line "N passed, N failed"; exit status 1 on any failure.
declare(strict_types=1);

$source = getenv('SOLEN_SOURCE_DIR') ?: dirname(__DIR__, 2);
require_once $source . '/bindings/php/autoload.php';

use Solen\Engine;
use Solen\Library;
use Solen\SolenException;
use Solen\Status;

$passed = 0;
$failed = 0;

function check(bool $condition, string $what): void
{
    global $passed, $failed;
    if ($condition) {
        ++$passed;
    } else {
        ++$failed;
        $caller = debug_backtrace()[0];
        fwrite(STDERR, sprintf("FAILED (line %d): %s\n", $caller['line'], $what));
    }
}

/** Runs $fn and returns the SolenException it throws (null when it throws nothing). */
function thrown(callable $fn): ?SolenException
{
    try {
        $fn();
    } catch (SolenException $e) {
        return $e;
    }
    return null;
}

function test(string $name, callable $fn): void
{
    global $failed;
    try {
        $fn();
        echo "ok   $name\n";
    } catch (\Throwable $e) {
        ++$failed;
        fwrite(STDERR, sprintf("ERROR %s: %s: %s\n%s\n", $name, get_class($e), $e->getMessage(),
            $e->getTraceAsString()));
    }
}

/** Every "reasons" list anywhere in a decision is empty. */
function no_reasons(mixed $node): bool
{
    if (!is_array($node)) {
        return true;
    }
    foreach ($node as $key => $value) {
        if ($key === 'reasons' && is_array($value) && $value !== []) {
            return false;
        }
        if (!no_reasons($value)) {
            return false;
        }
    }
    return true;
}

$household = [
    'id' => 'T1',
    'as_of' => '2019-05-01',
    'members' => [['role' => 'declarant', 'age' => 40]],
    'income' => ['rfr' => '7800', 'rfr_year' => 2017],
];
$noDate = $household;
unset($noDate['as_of']);
$noDate['id'] = 'T2';
$badAge = ['id' => 'T4', 'as_of' => '2019-05-01', 'members' => [['role' => 'declarant', 'age' => 400]]];

test('library and versions', function () {
    $ffi = Library::ffi();
    check($ffi->solen_abi_version() === Library::ABI_VERSION, 'ABI version');
    check(Engine::version() === '1.1.0', 'product version');
    check($ffi->SOLEN_E_RULES === Status::E_RULES, 'enum constants through FFI');
    check(Status::name(Status::E_PARSE) === 'SOLEN_E_PARSE', 'status names');
    check(Status::name(1234) === 'SOLEN_E_UNKNOWN', 'unknown status name');
    $header = file_get_contents(Library::headerPath());
    preg_match_all('/\bSOLEN_([A-Z_]+) = (\d+)/', $header, $m);
    $fromHeader = array_combine($m[1], array_map('intval', $m[2]));
    $mirror = (new \ReflectionClass(Status::class))->getConstants();
    check($fromHeader == $mirror, 'Status mirrors solen_status exactly');
});

test('evaluate a known household', function () use ($household) {
    $engine = new Engine();
    $pack = $engine->pack();
    check($pack['id'] !== '' && $pack['version'] !== '', 'pack id and version');
    check(preg_match('/^[0-9a-f]{64}$/', $pack['sha256']) === 1, 'pack sha256');
    $d = $engine->evaluate($household);
    check($d['id'] === 'T1' && $d['status'] === 'ok', 'id and status');
    check($d['tariffs']['cheque_energie']['status'] === 'eligible', 'cheque status');
    check($d['tariffs']['cheque_energie']['amount'] === '48.00', 'cheque amount');
    check($d['rulepack']['sha256'] === $pack['sha256'], 'decision names the pack');
    check(array_key_exists('protections', $d) && array_key_exists('schedule', $d)
        && array_key_exists('orientation', $d), 'decision sections');
});

test('as_of and reasons options', function () use ($household, $noDate) {
    $engine = new Engine();
    $d = $engine->evaluate($noDate, '2019-05-01');
    check($d['tariffs']['cheque_energie']['amount'] === '48.00', 'asOf date used');
    check(($d['as_of'] ?? null) === '2019-05-01', 'asOf echoed');
    $d = $engine->evaluate($household, '2030-01-01');
    check(($d['as_of'] ?? null) === '2019-05-01', "household's own date wins");
    $d = $engine->evaluate($household, null, false);
    check(no_reasons($d) && $d['tariffs']['cheque_energie']['amount'] === '48.00', 'reasons off');
    $e = thrown(fn () => $engine->evaluate($household, '2016-02-30'));
    check($e !== null && $e->getStatus() === Status::E_INVALID_ARGUMENT, 'bad asOf');
    check($e !== null && $e->getPath() === '/as_of', 'bad asOf path');
});

test('invalid households throw', function () use ($badAge) {
    $engine = new Engine();
    $e = thrown(fn () => $engine->evaluate($badAge));
    check($e !== null, 'exception thrown');
    check($e?->getCode() === Status::E_SCHEMA, 'schema status: ' . ($e?->getStatusName() ?? ''));
    check(str_starts_with($e?->getPath() ?? '', '/members/0'), 'path of the bad field');
    check(($e?->getErrorCode() ?? '') !== '' && ($e?->getMessage() ?? '') !== '', 'code, message');
    $e = thrown(fn () => $engine->evaluate(['id' => "bad \xff utf8", 'members' => []]));
    check($e?->getCode() === Status::E_PARSE && $e->getErrorCode() === 'invalid_utf8', 'bad UTF-8');
    $e = thrown(fn () => $engine->evaluate([]));
    check($e !== null && $e->getCode() === Status::E_SCHEMA, 'empty array is not an object');
});

test('evaluateMany keeps one result per household', function () use ($household, $noDate, $badAge) {
    $engine = new Engine();
    $out = $engine->evaluateMany(['a' => $household, 'b' => $badAge, 'c' => $noDate,
        'd' => ['id' => "T7 \xff", 'members' => []]], '2019-05-01');
    check(array_keys($out) === ['a', 'b', 'c', 'd'], 'keys and order kept');
    check($out['a']['status'] === 'ok' && $out['c']['status'] === 'ok', 'good households');
    check($out['b']['status'] === 'error' && isset($out['b']['error']['code']), 'error object');
    check($out['c']['tariffs']['cheque_energie']['amount'] === '48.00', 'asOf in batch');
    check($out['d']['status'] === 'error' && $out['d']['error']['code'] === 'invalid_utf8',
        'unencodable household is its own error');
    check($engine->evaluateMany([]) === [], 'empty batch');
    $mixed = $engine->evaluateMany([json_decode(json_encode($household)), 42]);
    check($mixed[0]['status'] === 'ok' && $mixed[1]['status'] === 'error'
        && $mixed[1]['error']['code'] === 'not_an_object', 'objects accepted, scalars are errors');
    $many = [];
    for ($i = 0; $i < 300; ++$i) {
        $many[] = ['id' => "H$i"] + $household;
    }
    $one = $engine->evaluateMany($many, null, false, 1);
    $two = $engine->evaluateMany($many, null, false, 2);
    check($one === $two && count($one) === 300 && $one[299]['id'] === 'H299', 'threads');
    $e = thrown(fn () => $engine->evaluateMany($many, null, true, -1));
    check($e?->getCode() === Status::E_INVALID_ARGUMENT, 'negative threads');
});

test('evaluateJsonl', function () use ($household) {
    $engine = new Engine();
    $text = json_encode($household) . "\n\n" . json_encode(['id' => 'T9'] + $household) . "\n{\n";
    $lines = explode("\n", rtrim($engine->evaluateJsonl($text, null, false), "\n"));
    check(count($lines) === 3, 'one line per non-blank input line');
    check(json_decode($lines[1], true)['id'] === 'T9', 'order');
    check(json_decode($lines[2], true)['status'] === 'error', 'bad line is an error decision');
    check($engine->evaluateJsonl('') === '', 'empty input');
});

test('evaluateFile', function () use ($household, $noDate) {
    $engine = new Engine();
    $dir = sys_get_temp_dir() . '/solen-php-' . getmypid();
    @mkdir($dir);
    $in = "$dir/in.jsonl";
    $out = "$dir/out.jsonl";
    $text = json_encode($household) . "\n{\"id\":\"F2\",\"members\":[\n\n   \r\n"
        . '{"id":"F3","members":[{"role":"declarant","age":400}]}' . "\r\n" . json_encode($noDate);
    file_put_contents($in, $text);
    $summary = $engine->evaluateFile($in, $out, '2019-05-01', false, 2);
    check($summary['households'] === 4, 'summary households');
    check($summary['status'] === ['ok' => 2, 'error' => 2, 'excluded' => 0], 'summary status');
    check(file_get_contents($out) === $engine->evaluateJsonl($text, '2019-05-01', false),
        'file output equals evaluateJsonl');
    $e = thrown(fn () => $engine->evaluateFile("$dir/missing.jsonl", "$dir/never.jsonl"));
    check($e?->getCode() === Status::E_IO && $e->getErrorCode() === 'unreadable_file',
        'unreadable input: ' . ($e?->getErrorCode() ?? ''));
    check(str_contains($e?->getMessage() ?? '', 'missing.jsonl') && !is_file("$dir/never.jsonl"),
        'message names the path, no output created');
    $e = thrown(fn () => $engine->evaluateFile($in, "$dir/no/such/out.jsonl"));
    check($e?->getCode() === Status::E_IO && $e->getErrorCode() === 'unwritable_file',
        'unwritable output');
    $e = thrown(fn () => $engine->evaluateFile($in, $in));
    check($e?->getCode() === Status::E_INVALID_ARGUMENT && $e->getErrorCode() === 'same_file'
        && file_get_contents($in) === $text, 'output is the input: refused, input intact');
    if (file_exists('/dev/full')) {
        $e = thrown(fn () => $engine->evaluateFile($in, '/dev/full'));
        check($e?->getErrorCode() === 'write_error', 'full device');
    }
    $e = thrown(fn () => $engine->evaluateFile($in, "$out\0x"));
    check($e?->getCode() === Status::E_INVALID_ARGUMENT, 'NUL byte in a path');
    $e = thrown(fn () => $engine->evaluateFile($in, $out, null, true, -1));
    check($e?->getCode() === Status::E_INVALID_ARGUMENT && $e->getPath() === '/threads',
        'bad threads');
    @unlink($in);
    @unlink($out);
    @rmdir($dir);
});

test('rule packs', function () use ($source, $household) {
    $default = new Engine();
    $path = $source . '/rules/fr-lille.json';
    if (is_file($path)) {
        $fromFile = new Engine($path);
        check($fromFile->pack()['sha256'] === $default->pack()['sha256'], 'same bytes, same sha');
        $fromText = new Engine(file_get_contents($path));
        check($fromText->pack()['id'] === $default->pack()['id'], 'pack from JSON text');
        check($fromText->evaluate($household)['tariffs']['cheque_energie']['amount'] === '48.00',
            'evaluates with a loaded pack');
    }
    $e = thrown(fn () => new Engine('{"format": 1, "id": "broken"}'));
    check($e?->getCode() === Status::E_RULES && $e->getMessage() !== '', 'bad pack');
    $e = thrown(fn () => new Engine('/nonexistent/pack.json'));
    check($e?->getCode() === Status::E_IO, 'missing file');
});

test('many engines are released', function () use ($household) {
    for ($i = 0; $i < 20; ++$i) {
        $engine = new Engine();
        $engine->evaluate($household);
        unset($engine);
    }
    check(true, 'no crash creating and destroying engines');
});

test('library loading errors', function () {
    $php = PHP_BINARY;
    $code = 'require getenv("SOLEN_SOURCE_DIR") . "/bindings/php/autoload.php";'
        . 'try { new Solen\Engine(); } catch (Solen\LibraryException $e) { echo "LibraryException"; }';
    $cmd = sprintf('SOLEN_SOURCE_DIR=%s SOLEN_LIBRARY=/nonexistent/libsolen.so.1 %s -r %s 2>&1',
        escapeshellarg($GLOBALS['source']), escapeshellarg($php), escapeshellarg($code));
    check(trim((string) shell_exec($cmd)) === 'LibraryException', 'bad SOLEN_LIBRARY');
});

printf("%d passed, %d failed\n", $passed, $failed);
exit($failed === 0 ? 0 : 1);
