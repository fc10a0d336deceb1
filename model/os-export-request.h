/* os-export-request.h — everything that makes an exported figure what it
 * is: the plot, the parameters, the x-axis, the simulation and spectrum
 * settings, the phase diagram's quantity and y-axis, the style and the
 * page. From it come the figure's provenance: the parameters as
 * key=value lines and the `onestep-explorer export …` command line that
 * draws the same figure again, spelled with the shared flags
 * (os-flags.h) from the values, not echoed from argv. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "os-figure.h"
#include "os-figure-style.h"
#include "os-phase.h"

G_BEGIN_DECLS

typedef struct
{
  const char      *plot;          /* "error" … "all", "phase" (static string) */
  OsParams         params;
  OsView           view;          /* x-axis, spectrum, simulation             */
  gboolean         presentation;
  OsFigureStyle    style;
  OsPageSize       page;
  /* the phase diagram */
  OsPhaseQuantity  quantity;
  OsSweep          y_axis;
  int              phase_points;  /* cells per axis                           */
} OsExportRequest;

/* Defaults: all four plots, os_params_init_default, os_view_init_default,
 * the export style, 1200 × 800 px, the phase diagram of ε_g over α × η̃. */
void     os_export_request_init       (OsExportRequest *request);

/* "student=tanh\nteacher=tanh\neta=1\n…": the parameters, the axes and, when
 * they matter, the simulation and the phase diagram's settings, one per
 * line, numbers with 17 digits. */
char    *os_export_request_parameters (const OsExportRequest *request);

/* "onestep-explorer export --plot error --student tanh … --output FILE",
 * quoted for a POSIX shell where needed; csv may be NULL. */
char    *os_export_request_command    (const OsExportRequest *request, const char *output,
                                       const char *csv);

/* "One-Step Explorer 0.1.0" */
const char *os_export_software        (void);

G_END_DECLS
