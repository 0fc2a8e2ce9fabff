// Version of the Solen engine (product version; the C ABI has its own in solen.h).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#define SOLEN_ENGINE_VERSION_MAJOR 1
#define SOLEN_ENGINE_VERSION_MINOR 1
#define SOLEN_ENGINE_VERSION_PATCH 0
#define SOLEN_ENGINE_VERSION "1.1.0"
