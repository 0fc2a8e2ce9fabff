<?php
// Mirror of the C ABI's solen_status values (frozen; new values are only appended).
// SPDX-License-Identifier: Apache-2.0
declare(strict_types=1);

namespace Solen;

/** The solen_status codes of solen.h; also available as $ffi->SOLEN_E_PARSE etc. */
final class Status
{
    public const OK = 0;
    public const E_INVALID_ARGUMENT = 1;
    public const E_PARSE = 2;
    public const E_SCHEMA = 3;
    public const E_RULES = 4;
    public const E_EVALUATION = 5;
    public const E_NOMEM = 6;
    public const E_IO = 7;
    public const E_INTERNAL = 99;

    /** "SOLEN_E_PARSE" and so on; "SOLEN_E_UNKNOWN" for a value this binding does not know. */
    public static function name(int $status): string
    {
        foreach ((new \ReflectionClass(self::class))->getConstants() as $name => $value) {
            if ($value === $status) {
                return 'SOLEN_' . $name;
            }
        }
        return 'SOLEN_E_UNKNOWN';
    }
}
