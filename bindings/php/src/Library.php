<?php
// Loads libsolen.so.1 through PHP FFI once per process (or takes the preloaded scope).
// SPDX-License-Identifier: Apache-2.0
declare(strict_types=1);

namespace Solen;

/**
 * The FFI instance over libsolen, created lazily once per process.
 *
 * - CLI and tests: FFI::cdef() with the declarations of bindings/ffi/solen_ffi.h and the
 *   library named by SOLEN_LIBRARY, or the SONAME libsolen.so.1 (dynamic loader search).
 * - php-fpm (ffi.enable=preload, the default): FFI::cdef() is refused at request time, so
 *   bindings/php/preload.php, run by opcache.preload, loads the scope "SOLEN" once, and this
 *   class takes it with FFI::scope(). See docs/bindings.md.
 */
final class Library
{
    /** The C ABI version this binding is written for (SOLEN_ABI_VERSION). */
    public const ABI_VERSION = 1;
    public const SONAME = 'libsolen.so.1';
    public const SCOPE = 'SOLEN';

    private static ?\FFI $ffi = null;

    public static function ffi(): \FFI
    {
        if (self::$ffi === null) {
            $ffi = self::preloaded() ?? self::open();
            $abi = $ffi->solen_abi_version();
            if ($abi !== self::ABI_VERSION) {
                throw new LibraryException(sprintf(
                    'libsolen has C ABI version %d; this binding needs version %d',
                    $abi,
                    self::ABI_VERSION,
                ));
            }
            self::$ffi = $ffi;
        }
        return self::$ffi;
    }

    /** The library passed to dlopen(): $SOLEN_LIBRARY, else the SONAME. */
    public static function libraryPath(): string
    {
        $env = getenv('SOLEN_LIBRARY');
        return is_string($env) && $env !== '' ? $env : self::SONAME;
    }

    /** Path of the generated FFI declarations (solen_ffi.h). */
    public static function headerPath(): string
    {
        $env = getenv('SOLEN_FFI_HEADER');
        $candidates = [
            is_string($env) && $env !== '' ? $env : null,
            dirname(__DIR__, 2) . '/ffi/solen_ffi.h',          // source tree: bindings/ffi
            dirname(__DIR__) . '/solen_ffi.h',                  // a copy shipped beside src/
            '/usr/local/share/solen/solen_ffi.h',               // cmake --install (default)
            '/usr/share/solen/solen_ffi.h',
        ];
        foreach ($candidates as $path) {
            if ($path !== null && is_file($path)) {
                return $path;
            }
        }
        throw new LibraryException(
            'cannot find solen_ffi.h; set SOLEN_FFI_HEADER to its path (bindings/ffi/solen_ffi.h)'
        );
    }

    /** The declarations, optionally with the FFI_SCOPE/FFI_LIB lines FFI::load() needs. */
    public static function declarations(bool $forPreload = false): string
    {
        $text = file_get_contents(self::headerPath());
        if ($text === false) {
            throw new LibraryException('cannot read ' . self::headerPath());
        }
        if ($forPreload) {
            $text = sprintf("#define FFI_SCOPE \"%s\"\n#define FFI_LIB \"%s\"\n", self::SCOPE,
                addcslashes(self::libraryPath(), "\"\\")) . $text;
        }
        return $text;
    }

    /**
     * Loads the declarations into the named scope "SOLEN" (call from opcache.preload only):
     * FFI::load() needs a file, so a temporary one holds the declarations with FFI_SCOPE/FFI_LIB.
     */
    public static function preload(): void
    {
        $tmp = tempnam(sys_get_temp_dir(), 'solen_ffi_');
        if ($tmp === false) {
            throw new LibraryException('cannot create a temporary file for FFI::load()');
        }
        try {
            file_put_contents($tmp, self::declarations(true));
            if (\FFI::load($tmp) === null) {
                throw new LibraryException('FFI::load() failed for ' . self::libraryPath());
            }
        } finally {
            @unlink($tmp);
        }
    }

    private static function preloaded(): ?\FFI
    {
        try {
            return \FFI::scope(self::SCOPE);
        } catch (\FFI\Exception) {
            return null;  // no preloaded scope: open the library directly
        }
    }

    private static function open(): \FFI
    {
        $declarations = self::declarations();
        try {
            return \FFI::cdef($declarations, self::libraryPath());
        } catch (\FFI\Exception $e) {
            throw new LibraryException(sprintf(
                'cannot load the Solen library "%s" (%s); install libsolen.so.1 where the dynamic '
                . 'loader finds it, set SOLEN_LIBRARY to its path, or under php-fpm preload it '
                . '(docs/bindings.md)',
                self::libraryPath(),
                $e->getMessage(),
            ), 0, $e);
        }
    }
}
