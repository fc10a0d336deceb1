/* os-plot-colormap.h — the colour maps of the phase diagram.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sequential, for a quantity of one sign: perceptually uniform (equal
 * steps in OKLab), lightness rising monotonically from dark violet-blue
 * to light yellow, so it reads in grey and for every colour-vision
 * deficiency. t ∈ [0, 1] (clamped). */
void  os_plot_phase_colormap     (double t, double rgb[3]);

/* Diverging, for a signed quantity centred at 0 (t = 0.5 is white): blue
 * below, red above, lightness falling linearly and equally on both sides
 * in OKLab, so equal steps from the centre look equal on either side.
 * t ∈ [0, 1] (clamped). */
void  os_plot_diverging_colormap (double t, double rgb[3]);

G_END_DECLS
