<?php
// Thrown when libsolen or its FFI declarations cannot be loaded, or the ABI does not match.
// SPDX-License-Identifier: Apache-2.0
declare(strict_types=1);

namespace Solen;

/** libsolen.so.1 could not be loaded (see Library::libraryPath()), or has another ABI. */
class LibraryException extends \RuntimeException
{
}
