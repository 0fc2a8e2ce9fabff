<?php
// PHP batch through the C ABI (FFI): (new Solen\Engine())->evaluateMany(array, $asOf, false)
// (arrays in, arrays out) and evaluateJsonl (JSON Lines string in and out).
//
//   SOLEN_LIBRARY=build-bench/capi/libsolen.so.1 php benchmarks/bench_php.php \
//       [--households=N] [--year=Y] [--as-of=D] [--threads=T] [--solen=PATH] [--tsv]
//
// The caseload comes from `solen generate N --seed 1 --year Y` (national profile) and is decoded
// into arrays before the clock starts. Peak memory is the process's peak RSS (getrusage).
// SPDX-License-Identifier: Apache-2.0
declare(strict_types=1);

require __DIR__ . '/../bindings/php/autoload.php';

$opt = getopt('', ['households:', 'year:', 'as-of:', 'threads:', 'solen:', 'repeat:', 'tsv']);
$n = (int)($opt['households'] ?? 200000);
$year = (int)($opt['year'] ?? 2024);
$asOf = $opt['as-of'] ?? sprintf('%d-06-15', $year);
$threads = (int)($opt['threads'] ?? 2);
$repeat = (int)($opt['repeat'] ?? 3);
$solen = $opt['solen'] ?? (getenv('SOLEN_CLI') ?: __DIR__ . '/../build-bench/bin/solen');
$tsv = isset($opt['tsv']);

$text = shell_exec(sprintf('%s generate %d --seed 1 --year %d', escapeshellarg($solen), $n, $year));
if (!is_string($text)) {
    fwrite(STDERR, "cannot run $solen generate\n");
    exit(1);
}
$households = [];
foreach (explode("\n", rtrim($text, "\n")) as $line) {
    $households[] = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
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

$results = [];
$best = INF;
$bestCpu = 0.0;
for ($r = 0; $r < $repeat; ++$r) {
    $t0 = hrtime(true);
    $c0 = cpu_seconds();
    $decisions = $engine->evaluateMany($households, $asOf, false, $threads);
    if ((hrtime(true) - $t0) / 1e9 < $best) {
        $best = (hrtime(true) - $t0) / 1e9;
        $bestCpu = cpu_seconds() - $c0;
    }
    if (count($decisions) !== count($households)) {
        fwrite(STDERR, "decision count mismatch\n");
        exit(1);
    }
    unset($decisions);
}
$results[] = ['php evaluateMany (arrays)', $best, $bestCpu];
$best = INF;
for ($r = 0; $r < $repeat; ++$r) {
    $t0 = hrtime(true);
    $c0 = cpu_seconds();
    $out = $engine->evaluateJsonl($text, $asOf, false, $threads);
    if ((hrtime(true) - $t0) / 1e9 < $best) {
        $best = (hrtime(true) - $t0) / 1e9;
        $bestCpu = cpu_seconds() - $c0;
    }
    if (substr_count($out, "\n") !== count($households)) {
        fwrite(STDERR, "decision count mismatch\n");
        exit(1);
    }
    unset($out);
}
$results[] = ['php evaluateJsonl (string)', $best, $bestCpu];

$count = count($households);
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
    printf("peak RSS %.0f MB (includes %d households as PHP arrays)\n", peak_rss_mb(), $count);
}
