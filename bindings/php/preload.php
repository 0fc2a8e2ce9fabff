<?php
// opcache.preload script for php-fpm: compiles the Solen\ classes and makes sure the FFI scope
// "SOLEN" exists. SPDX-License-Identifier: Apache-2.0
//
// Recommended php.ini for php-fpm (ffi.enable=preload is the Debian default):
//   ffi.enable=preload
//   ffi.preload=/path/to/bindings/php/solen_preload.h   ; loads libsolen.so.1 as scope "SOLEN"
//   opcache.enable=1
//   opcache.preload=/path/to/bindings/php/preload.php   ; optional: classes compiled once
//   opcache.preload_user=www-data
// Without ffi.preload, this script loads the scope itself with FFI::load(), which PHP allows
// only when it does not run as root (no opcache.preload_user). See docs/bindings.md.
declare(strict_types=1);

require_once __DIR__ . '/autoload.php';

try {
    \FFI::scope(\Solen\Library::SCOPE);  // already loaded by ffi.preload
} catch (\FFI\Exception) {
    \Solen\Library::preload();
}
if (function_exists('opcache_compile_file')) {
    foreach (glob(__DIR__ . '/src/*.php') ?: [] as $file) {
        if (!class_exists('Solen\\' . basename($file, '.php'), false)) {  // loaded ones are in
            opcache_compile_file($file);
        }
    }
}
