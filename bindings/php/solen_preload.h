#define FFI_SCOPE "SOLEN"
#define FFI_LIB "libsolen.so.1"
/* For PHP: php.ini ffi.enable=preload + ffi.preload=<this file> (php-fpm), then FFI::scope("SOLEN"); see docs/bindings.md. Generated with bindings/ffi/solen_ffi.h from capi/include/solen/solen.h; do not edit. SPDX-License-Identifier: Apache-2.0 */
typedef enum solen_status {
  SOLEN_OK = 0,
  SOLEN_E_INVALID_ARGUMENT = 1,
  SOLEN_E_PARSE = 2,
  SOLEN_E_SCHEMA = 3,
  SOLEN_E_RULES = 4,
  SOLEN_E_EVALUATION = 5,
  SOLEN_E_NOMEM = 6,
  SOLEN_E_IO = 7,
  SOLEN_E_INTERNAL = 99
} solen_status;
typedef struct solen_engine solen_engine;
uint32_t solen_abi_version(void);
uint32_t solen_version_number(void);
const char* solen_version_string(void);
solen_status solen_engine_new_default(solen_engine** out);
solen_status solen_engine_new_from_json(const char* rules_json, size_t len, solen_engine** out);
solen_status solen_engine_new_from_file(const char* path, solen_engine** out);
void solen_engine_free(solen_engine* engine);
const char* solen_engine_pack_id(const solen_engine* engine);
const char* solen_engine_pack_version(const solen_engine* engine);
const char* solen_engine_pack_sha256(const solen_engine* engine);
const char* solen_engine_pack_title(const solen_engine* engine);
solen_status solen_evaluate(const solen_engine* engine, const char* household_json, size_t len, char** out_json, size_t* out_len);
solen_status solen_evaluate_ex(const solen_engine* engine, const char* household_json, size_t len, const char* options_json, size_t options_len, char** out_json, size_t* out_len);
solen_status solen_evaluate_batch(const solen_engine* engine, const char* jsonl, size_t len, char** out_jsonl, size_t* out_len);
solen_status solen_evaluate_batch_ex(const solen_engine* engine, const char* jsonl, size_t len, const char* options_json, size_t options_len, char** out_jsonl, size_t* out_len);
solen_status solen_evaluate_file(const solen_engine* engine, const char* in_path, const char* out_path, const char* options_json, size_t options_len, char** summary_json, size_t* summary_len);
void solen_string_free(char* s);
const char* solen_last_error(void);
const char* solen_last_error_code(void);
const char* solen_last_error_path(void);
const char* solen_status_name(solen_status status);
