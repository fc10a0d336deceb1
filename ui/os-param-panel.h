/* os-param-panel.h — the left-hand panel: activations, the six sliders of
 * THEORY.md §8 (each with a validated entry), the x-axis and its range,
 * the simulation controls, and live read-outs at the slider values
 * (r, c, γ of §2, ε_g of §5, the floors of §6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "os-figure.h"
#include "os-slider.h"

G_BEGIN_DECLS

#define OS_TYPE_PARAM_PANEL (os_param_panel_get_type ())
G_DECLARE_FINAL_TYPE (OsParamPanel, os_param_panel, OS, PARAM_PANEL, GtkBox)

/* Signal "changed" (no arguments): the user (or a setter below) changed a
 * parameter, the x-axis, its range or the simulation settings. */
GtkWidget *os_param_panel_new             (void);

void       os_param_panel_get_params      (OsParamPanel *panel, OsParams *out);
/* Fills the sweep, simulate, sim and sim_points fields of view; leaves the
 * spectrum fields alone. */
void       os_param_panel_get_view        (OsParamPanel *panel, OsView *view);

/* Programmatic changes (command line, tests, benchmark); each moves the
 * widgets and emits "changed" once. */
void       os_param_panel_set_params      (OsParamPanel *panel, const OsParams *params);
void       os_param_panel_set_value       (OsParamPanel *panel, OsParamId id, double value);
void       os_param_panel_set_axis        (OsParamPanel *panel, OsParamId axis);
void       os_param_panel_set_range       (OsParamPanel *panel, double from, double to);
void       os_param_panel_set_simulation  (OsParamPanel *panel, gboolean simulate, int d, int seeds);
/* Every control at once (a preset, a parameter file, undo/redo): the
 * parameters, the x-axis with its range, points and spacing, the
 * simulation switch, d and seeds, and the network size of the finite-size
 * theory (0 = d → ∞). Emits "changed" once. d
 * and seeds must lie in the spin buttons' ranges
 * (os_param_panel_check_simulation). */
void       os_param_panel_set_all         (OsParamPanel *panel, const OsParams *params,
                                           const OsSweep *sweep, gboolean simulate,
                                           int d, int seeds, int network_d);
/* The network size of the finite-size theory (docs/SCIENCE.md §10): 0 for
 * d → ∞, else 10–10⁸; the simulation's d replaces it while that runs. */
void       os_param_panel_set_network_size (OsParamPanel *panel, int network_d);
/* FALSE with OS_ERROR_INVALID_ARGUMENT naming the key and the panel's
 * range when d or seeds do not fit the panel's spin buttons. */
gboolean   os_param_panel_check_simulation (int d, int seeds, GError **error);

/* Compact: the read-outs' meanings wrap rather than widen the panel
 * (presentation mode's larger text on a 1024 × 768 screen). */
void       os_param_panel_set_compact     (OsParamPanel *panel, gboolean compact);
/* Shows r, c, γ, ε_g and the floors of the figure (NULL or no theory:
 * dashes). */
void       os_param_panel_show_readouts   (OsParamPanel *panel, const OsFigure *figure);

/* For tests: the slider, the entry and its error label of one parameter,
 * the text of the read-out "r", "c", "gamma", "test_error", "linear",
 * "spike", "kernel", "finite_error", "eta_bbp", "spike_singular_value" or
 * "bulk_edge", and the x-axis drop-down. */
OsSlider  *os_param_panel_get_scale       (OsParamPanel *panel, OsParamId id);
GtkEditable *os_param_panel_get_entry     (OsParamPanel *panel, OsParamId id);
GtkLabel  *os_param_panel_get_error_label (OsParamPanel *panel, OsParamId id);
const char *os_param_panel_get_readout   (OsParamPanel *panel, const char *name);
GtkDropDown *os_param_panel_get_axis_dropdown (OsParamPanel *panel);

/* The default x range of an axis (α: 0.1–5, …) and whether it is spaced
 * logarithmically. */
void       os_param_panel_default_range   (OsParamId axis, double *from, double *to,
                                           gboolean *log_spacing);

G_END_DECLS
