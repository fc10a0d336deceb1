/* os-drawn-widget.h — what OsSlider and OsProgress share: both draw
 * themselves in one snapshot (so that a new value only repaints) and are
 * bars of a fixed height that stretch sideways.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

/* The theme's accent colour (Adwaita's blue when the theme names none). */
static inline void
os_drawn_widget_accent (GtkStyleContext *context, GdkRGBA *out)
{
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", out))
    gdk_rgba_parse (out, "#3584e4");
}

/* GtkWidgetClass.measure of a horizontal bar: min_width and nat_width
 * across, always `height` high. */
static inline void
os_drawn_widget_measure_bar (GtkOrientation orientation, int min_width, int nat_width, int height,
                             int *minimum, int *natural)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = min_width;
      *natural = nat_width;
    }
  else
    *minimum = *natural = height;
}
