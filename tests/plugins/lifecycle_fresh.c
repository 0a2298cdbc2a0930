// SPDX-License-Identifier: MIT
/* Fresh process state at fork, kept across exec (see lifecycle.h). */
#include <string.h>

#include "lifecycle.h"

LIFECYCLE_TOOL("lifecycle_fresh", 0);
