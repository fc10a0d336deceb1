/* os-window-private.h — shared between os-window.c and os-window-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-window.h"

G_BEGIN_DECLS

struct _OsWindow
{
  GtkApplicationWindow parent_instance;

  /* template children */
  OsParamPanel    *panel;
  OsPlotView      *plot_error, *plot_spectrum, *plot_overlaps, *plot_function;
  GtkToggleButton *weights_toggle, *features_toggle, *centered_toggle, *log_toggle;
  GtkRevealer     *banner_revealer;
  GtkLabel        *banner_label;
  GtkInscription  *status_label, *progress_label;   /* fixed size: new text does not relayout the window */
  GtkProgressBar  *progress;
  GtkMenuButton   *menu_button;

  OsEngine        *engine;
  OsView           view;           /* spectrum settings; the rest comes from the panel */
  OsFigure        *figure;         /* newest snapshot shown */
  guint            figure_generation;
  int              updating;
  gboolean         presentation;   /* larger text for a projector */
};

/* os-window-actions.c: win.export (s), win.dismiss-banner, Ctrl+E. */
void os_window_class_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
