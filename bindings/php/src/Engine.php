<?php
// Solen engine for PHP: arrays in, arrays out, SolenException on failure, one C call per batch.
// SPDX-License-Identifier: Apache-2.0
declare(strict_types=1);

namespace Solen;

/**
 * An engine over a rule pack (the embedded one by default). Immutable; released when the
 * object is destroyed. Households and decisions are PHP arrays (JSON objects, format 1).
 */
final class Engine
{
    private const ENCODE = JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
        | JSON_PRESERVE_ZERO_FRACTION;
    private const DECODE = JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING;

    private \FFI $ffi;
    private ?\FFI\CData $handle = null;
    /** @var array{id: string, version: string, sha256: string, title: string} */
    private array $pack;

    /**
     * @param ?string $rules null for the embedded rule pack, JSON text of a pack (starting
     *                       with "{"), or the path of a JSON pack file.
     * @throws SolenException status E_RULES (invalid pack) or E_IO (unreadable file)
     * @throws LibraryException when libsolen cannot be loaded
     */
    public function __construct(?string $rules = null)
    {
        $this->ffi = Library::ffi();
        $out = $this->ffi->new('solen_engine*');
        if ($rules === null) {
            $status = $this->ffi->solen_engine_new_default(\FFI::addr($out));
        } elseif (str_starts_with(ltrim($rules), '{')) {
            $status = $this->ffi->solen_engine_new_from_json($rules, strlen($rules), \FFI::addr($out));
        } else {
            $status = $this->ffi->solen_engine_new_from_file($rules, \FFI::addr($out));
        }
        $this->check($status);
        $this->handle = $out;
        $this->pack = [
            'id' => (string) $this->ffi->solen_engine_pack_id($out),
            'version' => (string) $this->ffi->solen_engine_pack_version($out),
            'sha256' => (string) $this->ffi->solen_engine_pack_sha256($out),
            'title' => (string) $this->ffi->solen_engine_pack_title($out),
        ];
    }

    public function __destruct()
    {
        if ($this->handle !== null) {
            $this->ffi->solen_engine_free($this->handle);
            $this->handle = null;
        }
    }

    /** @return array{id: string, version: string, sha256: string, title: string} */
    public function pack(): array
    {
        return $this->pack;
    }

    /** Product version of the loaded library, e.g. "1.0.0". */
    public static function version(): string
    {
        return (string) Library::ffi()->solen_version_string();
    }

    /**
     * Evaluates one household and returns its decision.
     *
     * @param array<string, mixed> $household household format 1
     * @param ?string $asOf "YYYY-MM-DD" for a household without its own "as_of"
     * @param bool $reasons false leaves the reason lists empty (faster; same answers)
     * @return array<string, mixed> the decision ("status" is "ok" or "excluded")
     * @throws SolenException E_PARSE / E_SCHEMA (with getErrorCode(), getPath()) when the
     *                        household cannot be read or is invalid; E_INVALID_ARGUMENT for a
     *                        bad $asOf
     */
    public function evaluate(array $household, ?string $asOf = null, bool $reasons = true): array
    {
        $json = self::encode($household);
        if (is_array($json)) {
            throw new SolenException($json['error']['message'], $json['status_code'],
                $json['error']['code']);
        }
        $options = self::options($asOf, $reasons, 0);
        $out = $this->ffi->new('char*');
        $len = $this->ffi->new('size_t');
        $status = $this->ffi->solen_evaluate_ex($this->handle(), $json, strlen($json), $options,
            $options === null ? 0 : strlen($options), \FFI::addr($out), \FFI::addr($len));
        return json_decode($this->take($status, $out, $len), true, 512, self::DECODE);
    }

    /**
     * Evaluates many households with one batch call: one decision per household, same order
     * and keys. A household that cannot be read or is invalid gets an error decision
     * (["status" => "error", "error" => ["code", "path", "message"]]); it never stops the batch.
     *
     * @param array<array-key, array<string, mixed>|object> $households
     * @param int $threads 0 = every core
     * @return array<array-key, array<string, mixed>>
     * @throws SolenException only when the batch itself cannot run
     */
    public function evaluateMany(array $households, ?string $asOf = null, bool $reasons = true,
                                 int $threads = 0): array
    {
        $lines = [];
        $results = [];
        foreach ($households as $key => $household) {
            $json = is_array($household) || is_object($household) ? self::encode($household)
                : self::encodingError('not_an_object', 'a household must be an array or object', null);
            if (is_array($json)) {
                unset($json['status_code']);
                $results[$key] = $json;  // could not even be encoded: its own error decision
            } else {
                $lines[$key] = $json;
                $results[$key] = null;
            }
        }
        if ($lines !== []) {
            $out = $this->evaluateJsonl(implode("\n", $lines), $asOf, $reasons, $threads);
            $decisions = json_decode('[' . str_replace("\n", ',', rtrim($out, "\n")) . ']', true,
                512, self::DECODE);
            if (count($decisions) !== count($lines)) {
                throw new SolenException(sprintf('%d households gave %d decisions',
                    count($lines), count($decisions)), Status::E_INTERNAL, 'batch_mismatch');
            }
            $i = 0;
            foreach (array_keys($lines) as $key) {
                $results[$key] = $decisions[$i++];
            }
        }
        return $results;
    }

    /**
     * JSON Lines in, JSON Lines out: one decision per non-blank line, in order. No
     * per-household PHP work; the result is copied once into the returned string (on a VM
     * whose page faults are slow, USE_ZEND_ALLOC_HUGE_PAGES=1 makes that copy cheaper).
     *
     * @throws SolenException only when the batch itself cannot run
     */
    public function evaluateJsonl(string $jsonl, ?string $asOf = null, bool $reasons = true,
                                  int $threads = 0): string
    {
        $options = self::options($asOf, $reasons, $threads);
        $out = $this->ffi->new('char*');
        $len = $this->ffi->new('size_t');
        $status = $this->ffi->solen_evaluate_batch_ex($this->handle(), $jsonl, strlen($jsonl),
            $options, $options === null ? 0 : strlen($options), \FFI::addr($out),
            \FFI::addr($len));
        return $this->take($status, $out, $len);
    }

    /**
     * Streams the JSON Lines file $inPath into $outPath inside libsolen, with bounded memory
     * whatever the size of the file: one decision per non-blank line, in order, error
     * decisions for bad lines. $outPath is created or truncated once $inPath could be opened.
     * The fastest path for a caseload: no PHP work per household, no PHP memory.
     *
     * @return array<string, mixed> the caseload summary ("households", "status", "route",
     *                              "urgency", "measures", "cheque_energie_status", "totals"...)
     * @throws SolenException E_IO with getErrorCode() "unreadable_file", "unwritable_file",
     *                        "read_error" or "write_error"; E_INVALID_ARGUMENT ("same_file"
     *                        when $outPath is $inPath, or bad options)
     */
    public function evaluateFile(string $inPath, string $outPath, ?string $asOf = null,
                                 bool $reasons = true, int $threads = 0): array
    {
        if (str_contains($inPath, "\0") || str_contains($outPath, "\0")) {
            throw new SolenException('a path contains a NUL byte', Status::E_INVALID_ARGUMENT,
                'invalid_path');
        }
        $options = self::options($asOf, $reasons, $threads);
        $out = $this->ffi->new('char*');
        $len = $this->ffi->new('size_t');
        $status = $this->ffi->solen_evaluate_file($this->handle(), $inPath, $outPath, $options,
            $options === null ? 0 : strlen($options), \FFI::addr($out), \FFI::addr($len));
        return json_decode($this->take($status, $out, $len), true, 512, self::DECODE);
    }

    private function handle(): \FFI\CData
    {
        if ($this->handle === null) {
            throw new SolenException('the engine has been released', Status::E_INVALID_ARGUMENT,
                'null_argument');
        }
        return $this->handle;
    }

    /** Copies and frees an owned C string, or throws for a non-OK status. */
    private function take(int $status, \FFI\CData $out, \FFI\CData $len): string
    {
        try {
            $this->check($status);
            return \FFI::isNull($out) ? '' : \FFI::string($out, $len->cdata);
        } finally {
            if (!\FFI::isNull($out)) {
                $this->ffi->solen_string_free($out);
            }
        }
    }

    private function check(int $status): void
    {
        if ($status !== Status::OK) {
            throw new SolenException(
                (string) $this->ffi->solen_last_error(),
                $status,
                (string) $this->ffi->solen_last_error_code(),
                (string) $this->ffi->solen_last_error_path(),
            );
        }
    }

    private static function options(?string $asOf, bool $reasons, int $threads): ?string
    {
        $options = [];
        if ($asOf !== null) {
            $options['as_of'] = $asOf;
        }
        if (!$reasons) {
            $options['reasons'] = false;
        }
        if ($threads !== 0) {
            $options['threads'] = $threads;
        }
        return $options === [] ? null : json_encode($options, self::ENCODE);
    }

    /**
     * One household as one line of JSON, or (when PHP cannot encode it, e.g. invalid UTF-8)
     * the error decision the engine would give it, plus its status in 'status_code'.
     *
     * @param array<string, mixed>|object $household
     * @return string|array<string, mixed>
     */
    private static function encode(array|object $household): string|array
    {
        try {
            // A household is an object: PHP's empty array would otherwise encode as a list.
            if ($household === []) return '{}';
            return json_encode($household, self::ENCODE);
        } catch (\JsonException $e) {
            $utf8 = $e->getCode() === JSON_ERROR_UTF8 || $e->getCode() === JSON_ERROR_UTF16;
            return self::encodingError($utf8 ? 'invalid_utf8' : 'unencodable',
                'the household cannot be encoded as JSON: ' . $e->getMessage(),
                is_array($household) ? ($household['id'] ?? null) : ($household->id ?? null));
        }
    }

    /** @return array<string, mixed> */
    private static function encodingError(string $code, string $message, mixed $id): array
    {
        return [
            'id' => is_int($id) || (is_string($id) && preg_match('//u', $id) === 1) ? $id : null,
            'status' => 'error',
            'error' => ['code' => $code, 'path' => '', 'message' => $message],
            'status_code' => $code === 'unencodable' ? Status::E_INVALID_ARGUMENT : Status::E_PARSE,
        ];
    }
}
