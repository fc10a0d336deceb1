/* os-figure-overlays.h — a figure with its pins or a comparison attached
 * (model/os-figure.h's overlays), each overlay's figure computed here: the
 * theory and the predicted spectra at its parameters along the figure's
 * axis (never the simulation). The command line's export, the handout and
 * the recordings use them; the window computes its pins in the background
 * (ui/os-window-view.c). GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-figure.h"

G_BEGIN_DECLS

/* fig with hidden series and pins (n ≤ 4; each labelled with what differs
 * from fig's parameters). */
OsFigure *os_figure_with_pins       (const OsFigure *fig, guint64 hidden, const OsParams *pins, int n,
                                     GCancellable *cancellable, GError **error);
/* fig with the values of one parameter compared (n ≥ 2): fig's own
 * curves give way to one per value, labelled "η̃ = 0.5". */
OsFigure *os_figure_with_comparison (const OsFigure *fig, guint64 hidden, OsParamId param,
                                     const double *values, int n, GCancellable *cancellable,
                                     GError **error);

/* The flags that spell what is drawn of fig, for a reproducing command
 * line: " --hide LIST", " --pin SPEC" per pin, " --compare NAME=v1,…"
 * ("" when nothing; each quoted for a POSIX shell where needed). */
char     *os_figure_shown_args      (const OsFigure *fig);

G_END_DECLS
