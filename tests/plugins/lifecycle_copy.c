// SPDX-License-Identifier: MIT
/* Process state copied at fork, reset at exec (see lifecycle.h). */
#include <string.h>

#include "lifecycle.h"

LIFECYCLE_TOOL("lifecycle_copy", HY_TOOL_FORK_COPIES_STATE | HY_TOOL_EXEC_RESETS_STATE);
