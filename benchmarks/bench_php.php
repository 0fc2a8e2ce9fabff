<?php
// PHP batch through the C ABI (FFI): evaluateFile (file to file, streamed inside libsolen),
// evaluateJsonl (JSON Lines string in and out) and evaluateMany (arrays in, arrays out).
//
//   SOLEN_LIBRARY=build-bench/capi/libsolen.so.1 php benchmarks/bench_php.php \
//       [--households=N | --input=FILE.jsonl] [--modes=file,jsonl,many] [--year=Y] [--as-of=D]
//       [--threads=T] [--solen=PATH] [--output=PATH] [--tsv]
//
// The caseload comes from --input or from `solen generate N --seed 1 --year Y` (national
// profile); arrays are decoded before the clock starts. Peak memory is the process's peak RSS
// (getrusage): run one mode per process (run.sh does) to get the peak of that path alone.
// SPDX-License-Identifier: Apache-2.0
declare(strict_types=1);

require __DIR__ . '/../bindings/php/autoload.php';

$opt = getopt('', ['households:', 'input:', 'output:', 'modes:', 'year:', 'as-of:', 'threads:', 'solen:',
    'repeat:', 'tsv']);
$n = (int)($opt['households'] ?? 200000);
$year = (int)($opt['year'] ?? 2024);
$asOf = $opt['as-of'] ?? sprintf('%d-06-15', $year);
$threads = (int)($opt['threads'] ?? 2);
$repeat = (int)($opt['repeat'] ?? 3);
$solen = $opt['solen'] ?? (getenv('SOLEN_CLI') ?: __DIR__ . '/../build-bench/bin/solen');
$tsv = isset($opt['tsv']);
$modes = explode(',', $opt['modes'] ?? 'file,jsonl,many');
$output = $opt['output'] ?? '/dev/null';
$input = $opt['input'] ?? null;

if ($input === null) {
    $input = tempnam(sys_get_temp_dir(), 'solen_bench_');
    register_shutdown_function(fn () => @unlink($input));
    passthru(sprintf('%s generate %d --seed 1 --year %d -o %s', escapeshellarg($solen), $n, $year,
        escapeshellarg($input)), $rc);
    if ($rc !== 0) {
        fwrite(STDERR, "cannot run $solen generate\n");
        exit(1);
    }
}
$n = 0;
$fh = fopen($input, 'rb');
while (!feof($fh)) {
    $n += substr_count((string) fread($fh, 1 << 20), "\n");
}
fclose($fh);
// Only what the chosen modes need is loaded, so that a mode's peak RSS is its own.
$text = array_intersect($modes, ['jsonl', 'many']) !== [] ? file_get_contents($input) : '';
$households = [];
if (in_array('many', $modes, true)) {
    foreach (explode("\n", rtrim($text, "\n")) as $line) {
        $households[] = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
    }
    if (!in_array('jsonl', $modes, true)) {
        $text = '';
    }
}
$engine = new Solen\Engine();

function cpu_seconds(): float
{
    $u = getrusage();
    return $u['ru_utime.tv_sec'] + $u['ru_stime.tv_sec'] + ($u['ru_utime.tv_usec'] + $u['ru_stime.tv_usec']) / 1e6;
}

function peak_rss_mb(): float
{
    return getrusage()['ru_maxrss'] / 1024;
}

/** [wall seconds, CPU seconds] of the fastest of $repeat runs of $run. */
function best_of(int $repeat, callable $run): array
{
    $best = [INF, 0.0];
    for ($r = 0; $r < $repeat; ++$r) {
        $t0 = hrtime(true);
        $c0 = cpu_seconds();
        $run();
        $wall = (hrtime(true) - $t0) / 1e9;
        if ($wall < $best[0]) {
            $best = [$wall, cpu_seconds() - $c0];
        }
    }
    return $best;
}

function expect(bool $ok): void
{
    if (!$ok) {
        fwrite(STDERR, "decision count mismatch\n");
        exit(1);
    }
}

$runs = [
    'file' => ['php evaluateFile (file to file)',
        fn () => expect($engine->evaluateFile($input, $output, $asOf, false, $threads)['households'] === $n)],
    'jsonl' => ['php evaluateJsonl (string)',
        fn () => expect(substr_count($engine->evaluateJsonl($text, $asOf, false, $threads), "\n") === $n)],
    'many' => ['php evaluateMany (arrays)',
        fn () => expect(count($engine->evaluateMany($households, $asOf, false, $threads)) === $n)],
];
$results = [];
foreach ($modes as $mode) {
    [$s, $cpu] = best_of($repeat, $runs[$mode][1]);
    $results[] = [$runs[$mode][0], $s, $cpu];
}

$count = $n;
foreach ($results as [$name, $s, $cpu]) {
    if ($tsv) {
        printf("binding\t%s\tnational\t%d\t%d\t%d\t%.3f\t%.0f\t%.0f\t%.3f\n", $name, $year, $count, $threads, $s,
            $count / $s, peak_rss_mb(), $cpu);
    } else {
        printf("%-32s %9d households  %d threads  %8.3f s (CPU %7.3f s)  %12.0f households/s\n", $name, $count,
            $threads, $s, $cpu, $count / $s);
    }
}
if (!$tsv) {
    printf("peak RSS %.0f MB (includes what the modes loaded: the JSON Lines, %d arrays)\n", peak_rss_mb(),
        count($households));
}
