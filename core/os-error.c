/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "os-error.h"

G_DEFINE_QUARK (onestep-error-quark, os_error)
