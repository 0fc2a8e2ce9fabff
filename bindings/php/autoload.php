<?php
// PSR-4 autoloader for Solen\ when Composer is not used: require this file once.
// SPDX-License-Identifier: Apache-2.0
declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    $prefix = 'Solen\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
