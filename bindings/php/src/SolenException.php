<?php
// The exception thrown when a call into libsolen fails: status, stable code, JSON path.
// SPDX-License-Identifier: Apache-2.0
declare(strict_types=1);

namespace Solen;

/**
 * A call into libsolen failed. getCode() and getStatus() return the solen_status value
 * (see Status), getErrorCode() a stable snake_case code ("invalid_json", "invalid_date"...),
 * getPath() a JSON pointer to the offending place ("" for the whole input).
 */
class SolenException extends \RuntimeException
{
    public function __construct(
        string $message,
        int $status,
        private readonly string $errorCode = '',
        private readonly string $path = '',
        ?\Throwable $previous = null,
    ) {
        parent::__construct($message, $status, $previous);
    }

    public function getStatus(): int
    {
        return $this->getCode();
    }

    public function getStatusName(): string
    {
        return Status::name($this->getCode());
    }

    public function getErrorCode(): string
    {
        return $this->errorCode;
    }

    public function getPath(): string
    {
        return $this->path;
    }
}
