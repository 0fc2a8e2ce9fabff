<?php
// Checks the php-fpm deployment path: the scope "SOLEN" loaded by preload.php is used.
// SPDX-License-Identifier: Apache-2.0
declare(strict_types=1);

require_once (getenv('SOLEN_SOURCE_DIR') ?: dirname(__DIR__, 2)) . '/bindings/php/autoload.php';

$ffi = \FFI::scope('SOLEN');  // throws when preload.php did not run
$engine = new Solen\Engine();
$d = $engine->evaluate(['id' => 'T1', 'as_of' => '2019-05-01',
    'members' => [['role' => 'declarant', 'age' => 40]],
    'income' => ['rfr' => '7800', 'rfr_year' => 2017]]);
printf("preloaded scope SOLEN: %s (ABI %d)\n", $d['tariffs']['cheque_energie']['amount'],
    $ffi->solen_abi_version());
