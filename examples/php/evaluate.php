<?php
// PHP host of Solen (FFI): one household, then a small caseload in one batch call.
// SPDX-License-Identifier: Apache-2.0
// Usage: php examples/php/evaluate.php [CASELOAD.jsonl]
// Needs libsolen.so.1 (or SOLEN_LIBRARY=/path/to/libsolen.so); uses Composer's autoloader when
// present, else bindings/php/autoload.php.
declare(strict_types=1);

$binding = __DIR__ . '/../../bindings/php';
require_once is_file($binding . '/vendor/autoload.php') ? $binding . '/vendor/autoload.php'
    : $binding . '/autoload.php';

use Solen\Engine;
use Solen\SolenException;

$household = [
    'id' => 'T1',
    'as_of' => '2019-05-01',
    'members' => [['role' => 'declarant', 'age' => 40]],
    'income' => ['rfr' => '7800', 'rfr_year' => 2017],
];

$engine = new Engine();
$pack = $engine->pack();
printf("libsolen %s, rule pack %s %s\n", Engine::version(), $pack['id'], $pack['version']);

$decision = $engine->evaluate($household);
$cheque = $decision['tariffs']['cheque_energie'];
printf("%s: chèque énergie %s %s €\n", $decision['id'], $cheque['status'], $cheque['amount']);

try {
    $engine->evaluate(['id' => 'BAD', 'members' => [['role' => 'declarant', 'age' => 400]]]);
} catch (SolenException $e) {
    printf("BAD: rejected: %s %s at %s\n", $e->getStatusName(), $e->getErrorCode(), $e->getPath());
}

if (isset($argv[1])) {
    $households = [];
    foreach (file($argv[1], FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [] as $line) {
        $households[] = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
    }
} else {
    $households = [$household, ['id' => 'T2', 'as_of' => '2019-02-30'] + $household,
                   ['id' => 'T3'] + $household];
}
$decisions = $engine->evaluateMany($households, reasons: false);
$counts = array_count_values(array_column($decisions, 'status'));
ksort($counts);
printf("batch: %d decisions, %s\n", count($decisions),
    implode(', ', array_map(fn ($k, $v) => "$k $v", array_keys($counts), $counts)));
