/* os-plot-labels.h — axis labels, the parameter note and values, in the
 * paper's symbols.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-params.h"

G_BEGIN_DECLS

/* Axis labels and notes in the paper's symbols. */
const char *os_plot_param_axis_label (OsParamId id);   /* "readout samples α = n/d" */
/* "tanh → tanh · η̃ = 1 · α₀ = 0.5 · …" without the parameter `skip`
 * (pass OS_PARAM_N to keep all). Newly allocated markup. */
char       *os_plot_params_note      (const OsParams *params, OsParamId skip);
/* The same without two parameters (a comparison's, and the axis). */
char       *os_plot_params_note_without (const OsParams *params, OsParamId skip, OsParamId skip_too);
/* %.4g of a value as markup-safe text with a real minus sign. */
char       *os_plot_format_value     (double value);

G_END_DECLS
