/* os-slider.h — a horizontal slider over a GtkAdjustment that only redraws.
 *
 * GtkScale places its knob by allocating a child widget, so every value
 * change re-lays out the window, and on X11 each toplevel relayout asks
 * the X server for the monitor work area (several round trips). OsSlider
 * draws the trough, the fill and the knob in one snapshot: moving it costs
 * one small repaint. Mouse (press to jump, drag), keyboard (arrows, Page
 * Up/Down, Home/End as the actions below), scroll and the accessible
 * slider role are as in GtkScale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OS_TYPE_SLIDER (os_slider_get_type ())
G_DECLARE_FINAL_TYPE (OsSlider, os_slider, OS, SLIDER, GtkWidget)

/* Actions (bound to keys): "slider.step" and "slider.page" take a signed
 * int (the number of steps or pages), "slider.home" and "slider.end" none. */

GtkWidget     *os_slider_new            (GtkAdjustment *adjustment);
GtkAdjustment *os_slider_get_adjustment (OsSlider *slider);
void           os_slider_set_adjustment (OsSlider *slider, GtkAdjustment *adjustment);

/* The value a press at x (widget coordinates) selects, and the x at which
 * the knob of value is drawn. */
double         os_slider_value_at       (OsSlider *slider, double x);
double         os_slider_x_of           (OsSlider *slider, double value);

G_END_DECLS
