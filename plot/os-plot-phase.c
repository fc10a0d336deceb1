/* os-plot-phase.c — the phase diagram (core/os-phase.h) in Cairo.
 *
 * The axes, ticks and labels are an OsPlotScene without series (os-plot.h),
 * so they match the other plots; the heatmap, the lines over it, their
 * labels and the colour bar are drawn here, inside the frame the scene
 * lays out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-plot-phase.h"

#include "os-error.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* 256 sRGB entries. Built for this program (not copied from a library):
 * a path in OKLab with lightness L = 0.27 + 0.66 t, hue 285° − 185° t
 * (violet-blue through teal and green to yellow) and chroma
 * 0.11 + 0.06 sin(πt) + 0.04 t reduced into the sRGB gamut, resampled at
 * equal OKLab arc length — so equal steps in value are equal steps in
 * perceived colour, and luminance rises strictly (checked by the tests). */
static const double colormap[256][3] = {
  { 0.1416, 0.0936, 0.3469 }, { 0.1412, 0.0973, 0.3534 }, { 0.1408, 0.1010, 0.3598 }, { 0.1401, 0.1047, 0.3662 },
  { 0.1394, 0.1085, 0.3726 }, { 0.1385, 0.1122, 0.3790 }, { 0.1374, 0.1161, 0.3853 }, { 0.1362, 0.1199, 0.3916 },
  { 0.1348, 0.1238, 0.3978 }, { 0.1332, 0.1277, 0.4041 }, { 0.1314, 0.1317, 0.4103 }, { 0.1294, 0.1357, 0.4164 },
  { 0.1273, 0.1397, 0.4225 }, { 0.1248, 0.1438, 0.4286 }, { 0.1222, 0.1479, 0.4346 }, { 0.1193, 0.1520, 0.4406 },
  { 0.1161, 0.1562, 0.4465 }, { 0.1125, 0.1604, 0.4524 }, { 0.1087, 0.1646, 0.4582 }, { 0.1045, 0.1688, 0.4639 },
  { 0.0998, 0.1731, 0.4696 }, { 0.0947, 0.1775, 0.4753 }, { 0.0890, 0.1818, 0.4809 }, { 0.0827, 0.1862, 0.4864 },
  { 0.0756, 0.1906, 0.4918 }, { 0.0676, 0.1951, 0.4972 }, { 0.0583, 0.1995, 0.5025 }, { 0.0474, 0.2040, 0.5078 },
  { 0.0341, 0.2086, 0.5130 }, { 0.0198, 0.2131, 0.5181 }, { 0.0049, 0.2177, 0.5231 }, { 0.0016, 0.2215, 0.5221 },
  { 0.0012, 0.2250, 0.5198 }, { 0.0019, 0.2284, 0.5172 }, { 0.0009, 0.2319, 0.5155 }, { 0.0027, 0.2351, 0.5126 },
  { 0.0018, 0.2386, 0.5111 }, { 0.0007, 0.2420, 0.5099 }, { 0.0010, 0.2453, 0.5082 }, { 0.0031, 0.2484, 0.5058 },
  { 0.0027, 0.2518, 0.5047 }, { 0.0041, 0.2549, 0.5029 }, { 0.0042, 0.2582, 0.5018 }, { 0.0038, 0.2615, 0.5010 },
  { 0.0034, 0.2648, 0.5003 }, { 0.0033, 0.2681, 0.4996 }, { 0.0020, 0.2715, 0.4994 }, { 0.0013, 0.2748, 0.4991 },
  { 0.0033, 0.2779, 0.4979 }, { 0.0051, 0.2810, 0.4970 }, { 0.0017, 0.2846, 0.4978 }, { 0.0029, 0.2878, 0.4972 },
  { 0.0047, 0.2909, 0.4965 }, { 0.0010, 0.2946, 0.4976 }, { 0.0053, 0.2975, 0.4964 }, { 0.0002, 0.3013, 0.4980 },
  { 0.0053, 0.3042, 0.4967 }, { 0.0009, 0.3080, 0.4981 }, { 0.0066, 0.3108, 0.4969 }, { 0.0024, 0.3146, 0.4984 },
  { 0.0032, 0.3179, 0.4986 }, { 0.0056, 0.3211, 0.4985 }, { 0.0020, 0.3249, 0.4999 }, { 0.0048, 0.3281, 0.4999 },
  { 0.0073, 0.3313, 0.4999 }, { 0.0046, 0.3351, 0.5012 }, { 0.0021, 0.3388, 0.5025 }, { 0.0006, 0.3425, 0.5036 },
  { 0.0058, 0.3455, 0.5033 }, { 0.0090, 0.3488, 0.5036 }, { 0.0077, 0.3525, 0.5047 }, { 0.0067, 0.3562, 0.5059 },
  { 0.0060, 0.3599, 0.5070 }, { 0.0057, 0.3636, 0.5081 }, { 0.0056, 0.3673, 0.5092 }, { 0.0059, 0.3709, 0.5102 },
  { 0.0066, 0.3746, 0.5112 }, { 0.0077, 0.3782, 0.5121 }, { 0.0092, 0.3819, 0.5131 }, { 0.0111, 0.3855, 0.5140 },
  { 0.0089, 0.3895, 0.5155 }, { 0.0005, 0.3940, 0.5180 }, { 0.0035, 0.3977, 0.5188 }, { 0.0070, 0.4013, 0.5196 },
  { 0.0111, 0.4048, 0.5203 }, { 0.0064, 0.4092, 0.5223 }, { 0.0038, 0.4134, 0.5239 }, { 0.0093, 0.4169, 0.5246 },
  { 0.0131, 0.4206, 0.5255 }, { 0.0044, 0.4254, 0.5279 }, { 0.0116, 0.4289, 0.5284 }, { 0.0012, 0.4339, 0.5310 },
  { 0.0095, 0.4374, 0.5314 }, { 0.0040, 0.4420, 0.5334 }, { 0.0094, 0.4458, 0.5342 }, { 0.0006, 0.4507, 0.5365 },
  { 0.0115, 0.4542, 0.5368 }, { 0.0037, 0.4591, 0.5390 }, { 0.0161, 0.4625, 0.5393 }, { 0.0093, 0.4674, 0.5413 },
  { 0.0031, 0.4724, 0.5432 }, { 0.0177, 0.4757, 0.5433 }, { 0.0128, 0.4806, 0.5451 }, { 0.0085, 0.4855, 0.5469 },
  { 0.0049, 0.4904, 0.5485 }, { 0.0019, 0.4953, 0.5500 }, { 0.0159, 0.4989, 0.5503 }, { 0.0196, 0.5034, 0.5514 },
  { 0.0191, 0.5082, 0.5527 }, { 0.0195, 0.5130, 0.5540 }, { 0.0208, 0.5178, 0.5552 }, { 0.0002, 0.5221, 0.5570 },
  { 0.0029, 0.5268, 0.5580 }, { 0.0067, 0.5316, 0.5589 }, { 0.0115, 0.5363, 0.5598 }, { 0.0175, 0.5410, 0.5606 },
  { 0.0100, 0.5455, 0.5617 }, { 0.0070, 0.5499, 0.5626 }, { 0.0160, 0.5546, 0.5631 }, { 0.0084, 0.5589, 0.5640 },
  { 0.0104, 0.5634, 0.5647 }, { 0.0229, 0.5680, 0.5650 }, { 0.0083, 0.5721, 0.5659 }, { 0.0230, 0.5767, 0.5661 },
  { 0.0097, 0.5808, 0.5668 }, { 0.0183, 0.5852, 0.5670 }, { 0.0151, 0.5894, 0.5674 }, { 0.0040, 0.5934, 0.5678 },
  { 0.0246, 0.5979, 0.5677 }, { 0.0152, 0.6019, 0.5679 }, { 0.0065, 0.6059, 0.5681 }, { 0.0074, 0.6101, 0.5681 },
  { 0.0241, 0.6143, 0.5678 }, { 0.0181, 0.6182, 0.5678 }, { 0.0128, 0.6222, 0.5677 }, { 0.0084, 0.6261, 0.5674 },
  { 0.0049, 0.6301, 0.5671 }, { 0.0022, 0.6340, 0.5668 }, { 0.0005, 0.6379, 0.5663 }, { 0.0012, 0.6417, 0.5658 },
  { 0.0041, 0.6456, 0.5651 }, { 0.0015, 0.6494, 0.5645 }, { 0.0033, 0.6532, 0.5637 }, { 0.0065, 0.6569, 0.5629 },
  { 0.0108, 0.6607, 0.5619 }, { 0.0162, 0.6644, 0.5609 }, { 0.0227, 0.6681, 0.5599 }, { 0.0182, 0.6717, 0.5588 },
  { 0.0024, 0.6753, 0.5576 }, { 0.0095, 0.6789, 0.5563 }, { 0.0203, 0.6825, 0.5550 }, { 0.0212, 0.6860, 0.5535 },
  { 0.0050, 0.6895, 0.5521 }, { 0.0191, 0.6930, 0.5505 }, { 0.0138, 0.6964, 0.5488 }, { 0.0096, 0.6998, 0.5470 },
  { 0.0232, 0.7033, 0.5452 }, { 0.0040, 0.7066, 0.5433 }, { 0.0238, 0.7100, 0.5413 }, { 0.0027, 0.7133, 0.5392 },
  { 0.0246, 0.7166, 0.5370 }, { 0.0050, 0.7198, 0.5347 }, { 0.0186, 0.7231, 0.5324 }, { 0.0118, 0.7263, 0.5299 },
  { 0.0078, 0.7294, 0.5273 }, { 0.0230, 0.7326, 0.5248 }, { 0.0082, 0.7357, 0.5220 }, { 0.0101, 0.7388, 0.5191 },
  { 0.0259, 0.7419, 0.5163 }, { 0.0140, 0.7450, 0.5132 }, { 0.0031, 0.7480, 0.5100 }, { 0.0117, 0.7510, 0.5068 },
  { 0.0179, 0.7540, 0.5035 }, { 0.0219, 0.7569, 0.5001 }, { 0.0150, 0.7598, 0.4965 }, { 0.0092, 0.7627, 0.4928 },
  { 0.0044, 0.7656, 0.4890 }, { 0.0047, 0.7684, 0.4851 }, { 0.0102, 0.7713, 0.4811 }, { 0.0073, 0.7740, 0.4769 },
  { 0.0058, 0.7768, 0.4727 }, { 0.0057, 0.7796, 0.4683 }, { 0.0071, 0.7823, 0.4638 }, { 0.0004, 0.7850, 0.4590 },
  { 0.0041, 0.7876, 0.4543 }, { 0.0090, 0.7903, 0.4494 }, { 0.0149, 0.7929, 0.4444 }, { 0.0651, 0.7954, 0.4399 },
  { 0.1212, 0.7978, 0.4359 }, { 0.1602, 0.8002, 0.4320 }, { 0.1920, 0.8026, 0.4280 }, { 0.2195, 0.8049, 0.4241 },
  { 0.2442, 0.8072, 0.4203 }, { 0.2668, 0.8095, 0.4164 }, { 0.2878, 0.8118, 0.4126 }, { 0.3076, 0.8140, 0.4088 },
  { 0.3264, 0.8162, 0.4051 }, { 0.3444, 0.8184, 0.4014 }, { 0.3616, 0.8205, 0.3977 }, { 0.3783, 0.8226, 0.3941 },
  { 0.3944, 0.8247, 0.3906 }, { 0.4100, 0.8268, 0.3871 }, { 0.4253, 0.8288, 0.3837 }, { 0.4401, 0.8308, 0.3803 },
  { 0.4546, 0.8328, 0.3770 }, { 0.4688, 0.8348, 0.3738 }, { 0.4828, 0.8367, 0.3707 }, { 0.4965, 0.8387, 0.3677 },
  { 0.5099, 0.8406, 0.3647 }, { 0.5231, 0.8424, 0.3619 }, { 0.5362, 0.8443, 0.3591 }, { 0.5490, 0.8461, 0.3565 },
  { 0.5617, 0.8480, 0.3540 }, { 0.5742, 0.8498, 0.3516 }, { 0.5865, 0.8515, 0.3493 }, { 0.5987, 0.8533, 0.3472 },
  { 0.6108, 0.8551, 0.3452 }, { 0.6227, 0.8568, 0.3433 }, { 0.6345, 0.8585, 0.3416 }, { 0.6461, 0.8602, 0.3400 },
  { 0.6577, 0.8619, 0.3386 }, { 0.6691, 0.8636, 0.3374 }, { 0.6805, 0.8653, 0.3363 }, { 0.6917, 0.8669, 0.3355 },
  { 0.7028, 0.8686, 0.3348 }, { 0.7138, 0.8702, 0.3342 }, { 0.7248, 0.8718, 0.3339 }, { 0.7356, 0.8734, 0.3338 },
  { 0.7464, 0.8751, 0.3338 }, { 0.7570, 0.8767, 0.3341 }, { 0.7676, 0.8783, 0.3346 }, { 0.7781, 0.8798, 0.3353 },
  { 0.7885, 0.8814, 0.3361 }, { 0.7988, 0.8830, 0.3372 }, { 0.8091, 0.8846, 0.3385 }, { 0.8192, 0.8862, 0.3400 },
  { 0.8293, 0.8877, 0.3418 }, { 0.8393, 0.8893, 0.3437 }, { 0.8493, 0.8909, 0.3459 }, { 0.8591, 0.8925, 0.3482 },
  { 0.8689, 0.8941, 0.3508 }, { 0.8786, 0.8956, 0.3536 }, { 0.8883, 0.8972, 0.3565 }, { 0.8978, 0.8988, 0.3597 },
  { 0.9073, 0.9004, 0.3631 }, { 0.9168, 0.9020, 0.3667 }, { 0.9261, 0.9036, 0.3704 }, { 0.9354, 0.9052, 0.3744 },
  { 0.9446, 0.9069, 0.3785 }, { 0.9538, 0.9085, 0.3828 }, { 0.9629, 0.9101, 0.3873 }, { 0.9719, 0.9118, 0.3920 },
  { 0.9809, 0.9135, 0.3969 }, { 0.9898, 0.9151, 0.4019 }, { 0.9986, 0.9168, 0.4070 }, { 0.9994, 0.9175, 0.4229 },
};

void
os_plot_phase_colormap (double t, double rgb[3])
{
  double u = (isfinite (t) ? CLAMP (t, 0.0, 1.0) : 0.0) * 255.0;
  int i = MIN ((int) u, 254);
  double f = u - i;

  for (int c = 0; c < 3; c++)
    rgb[c] = colormap[i][c] + f * (colormap[i + 1][c] - colormap[i][c]);
}

/* ---- text ----------------------------------------------------------- */

static void
draw_text (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size,
           double x, double y, double xalign, double yalign, gboolean box)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (font, theme->font_family ? theme->font_family : "Sans");
  pango_font_description_set_absolute_size (font, size * theme->scale * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  x -= xalign * w;
  y -= yalign * h;
  if (box)
    {
      double m = 3 * theme->scale;

      cairo_save (cr);
      cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 0.85);
      cairo_rectangle (cr, x - m, y - m / 2, w + 2 * m, h + m);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static double
text_width (cairo_t *cr, const OsPlotTheme *theme, const char *markup, double size)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  int w, h;

  pango_font_description_set_family (font, theme->font_family ? theme->font_family : "Sans");
  pango_font_description_set_absolute_size (font, size * theme->scale * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  pango_font_description_free (font);
  g_object_unref (layout);
  return w;
}

/* ---- layout ---------------------------------------------------------- */

static const char *const bar_titles[OS_PHASE_N_QUANTITIES] = {
  "ε<sub>g</sub>", "ε<sub>kernel</sub> − ε<sub>g</sub>", "ε<sub>lin</sub> − ε<sub>g</sub>",
  "min<sub>λ</sub> ε<sub>g</sub>",
};

static const char *const titles[OS_PHASE_N_QUANTITIES] = {
  "Test error ε<sub>g</sub>", "Gain over the kernel, ε<sub>kernel</sub> − ε<sub>g</sub>",
  "Gain over the linear floor, ε<sub>lin</sub> − ε<sub>g</sub>", "Test error at the best λ",
};

static OsPlotScene *
axes_scene (const OsPhaseGrid *grid)
{
  const OsPhaseRequest *rq = &grid->request;
  OsPlotScene *scene = os_plot_scene_new (titles[rq->quantity], os_plot_param_axis_label (rq->x_axis.axis),
                                          os_plot_param_axis_label (rq->y_axis.axis),
                                          os_param_info (rq->x_axis.axis)->symbol);
  g_autofree char *note = os_plot_params_note (&rq->base, rq->x_axis.axis);

  scene->x_log = rq->x_axis.log_spacing;
  scene->y_log = rq->y_axis.log_spacing;
  scene->x_fixed = scene->y_fixed = TRUE;
  scene->x_min = MIN (rq->x_axis.from, rq->x_axis.to);
  scene->x_max = MAX (rq->x_axis.from, rq->x_axis.to);
  scene->y_min = MIN (rq->y_axis.from, rq->y_axis.to);
  scene->y_max = MAX (rq->y_axis.from, rq->y_axis.to);
  if (grid->final)
    scene->corner_note = g_strdup_printf ("%s · %d × %d", note, grid->nx, grid->ny);
  else
    scene->corner_note = g_strdup_printf ("%s · %d × %d, refining…", note, grid->nx, grid->ny);
  return scene;
}

static double
bar_strip_width (const OsPlotTheme *theme)
{
  return 96 * theme->scale;
}

static void
value_range (const OsPhaseGrid *grid, double *lo, double *hi)
{
  *lo = grid->value_min;
  *hi = grid->value_max;
  if (!(*hi > *lo))
    {
      double pad = MAX (1e-12, 0.01 * fabs (*lo));
      *lo -= pad;
      *hi += pad;
    }
}

void
os_plot_phase_layout (const OsPhaseGrid *grid, const OsPlotTheme *theme, int width, int height,
                      OsPhaseLayout *layout)
{
  g_autoptr (OsPlotScene) scene = axes_scene (grid);
  double strip = bar_strip_width (theme), s = theme->scale;

  os_plot_scene_layout (scene, theme, (int) MAX (width - strip, 50), height, &layout->frame);
  layout->bar_left = width - strip + 12 * s;
  layout->bar_width = 16 * s;
  layout->bar_top = layout->frame.top;
  layout->bar_height = layout->frame.height;
  value_range (grid, &layout->value_min, &layout->value_max);
}

/* ---- drawing --------------------------------------------------------- */

/* Pixel edges of the cells along one axis: midpoints between neighbours,
 * the outer ones at the frame. */
static void
cell_edges (const OsPlotFrame *f, const double *v, int n, gboolean horizontal, double *edges)
{
  for (int i = 0; i <= n; i++)
    {
      double a, b;

      if (i == 0 || i == n)
        {
          double p = horizontal ? os_plot_frame_x (f, v[i == 0 ? 0 : n - 1])
                                : os_plot_frame_y (f, v[i == 0 ? 0 : n - 1]);
          edges[i] = p;
          continue;
        }
      a = horizontal ? os_plot_frame_x (f, v[i - 1]) : os_plot_frame_y (f, v[i - 1]);
      b = horizontal ? os_plot_frame_x (f, v[i]) : os_plot_frame_y (f, v[i]);
      edges[i] = 0.5 * (a + b);
    }
}

static void
stroke_halo (cairo_t *cr, const OsPlotTheme *theme, double r, double g, double b, double width)
{
  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
  cairo_set_line_width (cr, (width + 2.2) * theme->scale);
  cairo_stroke_preserve (cr);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, width * theme->scale);
  cairo_stroke (cr);
}

static void
set_dash (cairo_t *cr, const OsPlotTheme *theme, double on, double off)
{
  double d[2] = { on * theme->scale, off * theme->scale };

  if (on > 0)
    cairo_set_dash (cr, d, 2, 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

/* The polylines of a contour; returns the pixel midpoint of the longest
 * one (for its label) in *lx, *ly, or FALSE if there is none. */
static gboolean
draw_contour (cairo_t *cr, const OsPlotTheme *theme, const OsPlotFrame *f, const OsContour *c,
              OsColor color, double dash_on, double *lx, double *ly)
{
  OsRgba rgb = os_plot_color (color);
  double best = -1;

  for (int l = 0; l < c->n_lines; l++)
    {
      const OsPolyline *pl = &c->lines[l];
      double len = 0;

      if (pl->n < 2)
        continue;
      cairo_new_path (cr);
      for (int k = 0; k < pl->n; k++)
        {
          double px = os_plot_frame_x (f, pl->x[k]), py = os_plot_frame_y (f, pl->y[k]);

          if (k == 0)
            cairo_move_to (cr, px, py);
          else
            {
              len += hypot (px - os_plot_frame_x (f, pl->x[k - 1]), py - os_plot_frame_y (f, pl->y[k - 1]));
              cairo_line_to (cr, px, py);
            }
        }
      if (pl->closed)
        cairo_close_path (cr);
      set_dash (cr, theme, dash_on, dash_on * 0.6);
      stroke_halo (cr, theme, rgb.r, rgb.g, rgb.b, 2.0);
      if (len > best)
        {
          int mid = pl->n / 2;

          best = len;
          *lx = os_plot_frame_x (f, pl->x[mid]);
          *ly = os_plot_frame_y (f, pl->y[mid]);
        }
    }
  set_dash (cr, theme, 0, 0);
  return best > 0;
}

static void
hatch_cell (cairo_t *cr, double x0, double y0, double x1, double y1, double step)
{
  cairo_save (cr);
  cairo_rectangle (cr, MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
  cairo_clip_preserve (cr);
  cairo_set_source_rgb (cr, 0.62, 0.62, 0.62);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 1.0);
  for (double d = -fabs (y1 - y0); d < fabs (x1 - x0); d += step)
    {
      cairo_move_to (cr, MIN (x0, x1) + d, MAX (y0, y1));
      cairo_line_to (cr, MIN (x0, x1) + d + fabs (y1 - y0), MIN (y0, y1));
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

typedef struct
{
  int     kind;          /* 0 line, 1 hatched box, 2 crosshair */
  OsColor color;
  double  dash;
  char   *text;
} LegendEntry;

static void
draw_legend (cairo_t *cr, const OsPlotTheme *theme, const OsPlotFrame *f, LegendEntry *e, int n)
{
  double s = theme->scale, fs = theme->font_size * 0.85, pad = 6 * s, sample = 26 * s;
  double row = fs * 1.45 * s, w = 0, h, x, y;

  if (n == 0)
    return;
  for (int i = 0; i < n; i++)
    w = MAX (w, text_width (cr, theme, e[i].text, fs));
  w += sample + 3 * pad;
  h = n * row + 2 * pad - 0.3 * row;
  x = f->left + f->width - w - 6 * s;
  y = f->top + 6 * s;
  cairo_save (cr);
  cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 0.9);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, theme->grid.r, theme->grid.g, theme->grid.b, 1);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_stroke (cr);
  for (int i = 0; i < n; i++)
    {
      double cy = y + pad + i * row + 0.35 * row, sx = x + pad;

      if (e[i].kind == 1)
        hatch_cell (cr, sx, cy - 5 * s, sx + sample, cy + 5 * s, 4 * s);
      else
        {
          OsRgba c = e[i].kind == 2 ? (OsRgba) { 1, 1, 1, 1 } : os_plot_color (e[i].color);

          cairo_move_to (cr, sx, cy);
          cairo_line_to (cr, sx + sample, cy);
          set_dash (cr, theme, e[i].dash, e[i].dash * 0.6);
          stroke_halo (cr, theme, c.r, c.g, c.b, e[i].kind == 2 ? 1.4 : 2.0);
          set_dash (cr, theme, 0, 0);
        }
      cairo_set_source_rgba (cr, theme->foreground.r, theme->foreground.g, theme->foreground.b, 1);
      draw_text (cr, theme, e[i].text, fs, sx + sample + pad, cy, 0, 0.5, FALSE);
    }
  cairo_restore (cr);
}

static void
draw_colour_bar (cairo_t *cr, const OsPlotTheme *theme, const OsPhaseGrid *grid, const OsPhaseLayout *L)
{
  double s = theme->scale, fs = theme->font_size * 0.85;
  OsTick ticks[OS_PLOT_MAX_TICKS];
  int n;

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int k = 0; k < 256; k++)
    {
      double y1 = L->bar_top + L->bar_height * (1.0 - k / 256.0);
      double y0 = L->bar_top + L->bar_height * (1.0 - (k + 1) / 256.0);
      double rgb[3];

      os_plot_phase_colormap ((k + 0.5) / 256.0, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, L->bar_left, floor (y0), L->bar_width, ceil (y1) - floor (y0));
      cairo_fill (cr);
    }
  cairo_restore (cr);
  cairo_set_source_rgba (cr, theme->foreground.r, theme->foreground.g, theme->foreground.b, 1);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_rectangle (cr, L->bar_left, L->bar_top, L->bar_width, L->bar_height);
  cairo_stroke (cr);

  n = os_plot_linear_ticks (L->value_min, L->value_max, 6, ticks, OS_PLOT_MAX_TICKS);
  for (int i = 0; i < n; i++)
    {
      double y = L->bar_top + L->bar_height * (1.0 - (ticks[i].value - L->value_min)
                                               / (L->value_max - L->value_min));

      if (y < L->bar_top - 0.5 || y > L->bar_top + L->bar_height + 0.5)
        continue;
      cairo_move_to (cr, L->bar_left + L->bar_width, y);
      cairo_line_to (cr, L->bar_left + L->bar_width + (ticks[i].major ? 4 : 2) * s, y);
      cairo_stroke (cr);
      if (ticks[i].major)
        draw_text (cr, theme, ticks[i].label, fs, L->bar_left + L->bar_width + 6 * s, y, 0, 0.5, FALSE);
    }
  draw_text (cr, theme, bar_titles[grid->request.quantity], fs,
             L->bar_left + L->bar_width, L->bar_top - 4 * s, 0.5, 1, FALSE);
}

void
os_plot_phase_render (const OsPhaseGrid *grid, const OsPlotTheme *theme, cairo_t *cr,
                      int width, int height)
{
  const OsPhaseRequest *rq;
  g_autoptr (OsPlotScene) scene = NULL;
  OsPhaseLayout L;
  const OsPlotFrame *f = &L.frame;
  double *xe, *ye, lo, hi;
  LegendEntry legend[6];
  int n_legend = 0;
  double s = theme->scale;

  if (grid == NULL)
    {
      os_plot_draw_message (theme, cr, width, height, "Phase diagram", "Computing the phase diagram…");
      return;
    }
  rq = &grid->request;
  scene = axes_scene (grid);
  os_plot_phase_layout (grid, theme, width, height, &L);
  lo = L.value_min;
  hi = L.value_max;

  cairo_save (cr);
  /* background, axes, ticks and labels */
  cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  os_plot_scene_render (scene, theme, cr, (int) MAX (width - bar_strip_width (theme), 50), height);

  /* the heatmap */
  cairo_save (cr);
  cairo_rectangle (cr, f->left, f->top, f->width, f->height);
  cairo_clip (cr);
  xe = g_new (double, grid->nx + 1);
  ye = g_new (double, grid->ny + 1);
  cell_edges (f, grid->x, grid->nx, TRUE, xe);
  cell_edges (f, grid->y, grid->ny, FALSE, ye);
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int j = 0; j < grid->ny; j++)
    for (int i = 0; i < grid->nx; i++)
      {
        int k = j * grid->nx + i;
        double rgb[3];

        if (!grid->converged[k])
          continue;
        os_plot_phase_colormap ((grid->value[k] - lo) / (hi - lo), rgb);
        cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle (cr, MIN (xe[i], xe[i + 1]) - 0.5, MIN (ye[j], ye[j + 1]) - 0.5,
                         fabs (xe[i + 1] - xe[i]) + 1.0, fabs (ye[j + 1] - ye[j]) + 1.0);
        cairo_fill (cr);
      }
  cairo_restore (cr);
  for (int j = 0; j < grid->ny; j++)
    for (int i = 0; i < grid->nx; i++)
      if (!grid->converged[j * grid->nx + i])
        hatch_cell (cr, MIN (xe[i], xe[i + 1]) - 0.5, MIN (ye[j], ye[j + 1]) - 0.5,
                    MAX (xe[i], xe[i + 1]) + 0.5, MAX (ye[j], ye[j + 1]) + 0.5, 5 * s);
  g_free (xe);
  g_free (ye);

  /* the lines over it */
  {
    double lx, ly;

    if (draw_contour (cr, theme, f, &grid->kernel_contour, OS_COLOR_VERMILLION, 0, &lx, &ly))
      {
        draw_text (cr, theme, "ε<sub>g</sub> = ε<sub>kernel</sub>", theme->font_size * 0.8,
                   lx + 5 * s, ly - 3 * s, 0, 1, TRUE);
        legend[n_legend++] = (LegendEntry) { 0, OS_COLOR_VERMILLION, 0,
                                             "ε<sub>g</sub> = ε<sub>kernel</sub>: the step stops paying" };
      }
    if (draw_contour (cr, theme, f, &grid->linear_contour, OS_COLOR_SKY_BLUE, 7, &lx, &ly))
      {
        draw_text (cr, theme, "ε<sub>g</sub> = ε<sub>lin</sub>", theme->font_size * 0.8,
                   lx + 5 * s, ly + 3 * s, 0, 0, TRUE);
        legend[n_legend++] = (LegendEntry) { 0, OS_COLOR_SKY_BLUE, 7,
                                             "ε<sub>g</sub> = ε<sub>lin</sub>: beats any linear fit below" };
      }
  }
  if (grid->optimal_eta != NULL)
    {
      const OsOptimalEta *o = grid->optimal_eta;
      OsRgba c = os_plot_color (OS_COLOR_YELLOW);

      cairo_new_path (cr);
      for (int i = 0; i < o->n; i++)
        {
          double px = os_plot_frame_x (f, o->x[i]), py = os_plot_frame_y (f, o->eta[i]);
          if (i == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      set_dash (cr, theme, 2.5, 2.5);
      stroke_halo (cr, theme, c.r, c.g, c.b, 2.2);
      set_dash (cr, theme, 0, 0);
      legend[n_legend++] = (LegendEntry) { 0, OS_COLOR_YELLOW, 2.5, "optimal η̃*" };
    }
  if (grid->eta_bbp != NULL)
    {
      /* a network of size d: below this line its spike is inside the bulk
       * (docs/SCIENCE.md §10) */
      gboolean pen = FALSE, any = FALSE;

      cairo_new_path (cr);
      for (int i = 0; i < grid->nx; i++)
        {
          double px = os_plot_frame_x (f, grid->x[i]), py;

          if (!isfinite (grid->eta_bbp[i]))
            {
              pen = FALSE;
              continue;
            }
          py = os_plot_frame_y (f, MIN (grid->eta_bbp[i], f->y_max));
          if (pen)
            cairo_line_to (cr, px, py);
          else
            cairo_move_to (cr, px, py);
          pen = any = TRUE;
        }
      if (any)
        {
          set_dash (cr, theme, 1.0, 2.0);
          stroke_halo (cr, theme, 1, 1, 1, 1.8);
          set_dash (cr, theme, 0, 0);
          legend[n_legend++] = (LegendEntry) { 0, OS_COLOR_GREY, 1.0, "η̃<sub>BBP</sub>(d): the spike leaves the bulk" };
        }
    }
  {
    /* the crosshair at the sliders */
    double xs = os_params_get (&rq->base, rq->x_axis.axis), ys = os_params_get (&rq->base, rq->y_axis.axis);
    double px = os_plot_frame_x (f, xs), py = os_plot_frame_y (f, ys);
    gboolean in_x = xs >= f->x_min && xs <= f->x_max, in_y = ys >= f->y_min && ys <= f->y_max;

    if (in_x)
      {
        cairo_move_to (cr, px, f->top);
        cairo_line_to (cr, px, f->top + f->height);
        stroke_halo (cr, theme, 1, 1, 1, 1.4);
      }
    if (in_y)
      {
        cairo_move_to (cr, f->left, py);
        cairo_line_to (cr, f->left + f->width, py);
        stroke_halo (cr, theme, 1, 1, 1, 1.4);
      }
    if (in_x && in_y)
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, px, py, 4.5 * s, 0, 2 * G_PI);
        stroke_halo (cr, theme, 1, 1, 1, 1.6);
      }
    if (in_x || in_y)
      legend[n_legend++] = (LegendEntry) { 2, OS_COLOR_BLACK, 0, "sliders" };
  }
  cairo_restore (cr);   /* clip */

  if (grid->n_not_converged > 0)
    legend[n_legend++] = (LegendEntry) { 1, OS_COLOR_GREY, 0, "not converged" };
  draw_legend (cr, theme, f, legend, n_legend);

  /* frame again, over the cells */
  cairo_set_source_rgba (cr, theme->foreground.r, theme->foreground.g, theme->foreground.b, 1);
  cairo_set_line_width (cr, 1.2 * s);
  cairo_rectangle (cr, f->left, f->top, f->width, f->height);
  cairo_stroke (cr);

  draw_colour_bar (cr, theme, grid, &L);
  cairo_restore (cr);
}

char *
os_plot_phase_tooltip (const OsPhaseGrid *grid, const OsPlotTheme *theme, int width, int height,
                       double x, double y)
{
  OsPhaseLayout L;
  const OsPlotFrame *f = &L.frame;
  double *xe, *ye;
  int ci = -1, cj = -1;
  GString *s;
  const OsPhaseRequest *rq;
  int k;

  if (grid == NULL)
    return NULL;
  os_plot_phase_layout (grid, theme, width, height, &L);
  if (x < f->left || x > f->left + f->width || y < f->top || y > f->top + f->height)
    return NULL;
  xe = g_new (double, grid->nx + 1);
  ye = g_new (double, grid->ny + 1);
  cell_edges (f, grid->x, grid->nx, TRUE, xe);
  cell_edges (f, grid->y, grid->ny, FALSE, ye);
  for (int i = 0; i < grid->nx; i++)
    if (x >= MIN (xe[i], xe[i + 1]) && x <= MAX (xe[i], xe[i + 1]))
      ci = i;
  for (int j = 0; j < grid->ny; j++)
    if (y >= MIN (ye[j], ye[j + 1]) && y <= MAX (ye[j], ye[j + 1]))
      cj = j;
  g_free (xe);
  g_free (ye);
  if (ci < 0 || cj < 0)
    return NULL;
  rq = &grid->request;
  k = cj * grid->nx + ci;
  s = g_string_new (NULL);
  g_string_append_printf (s, "%s = %.6g, %s = %.6g: %s = %.6g",
                          os_param_info (rq->x_axis.axis)->symbol, grid->x[ci],
                          os_param_info (rq->y_axis.axis)->symbol, grid->y[cj],
                          os_phase_quantity_label (rq->quantity), grid->value[k]);
  g_string_append_printf (s, "\nε_g = %.6g, kernel ε_g = %.6g, ε_lin = %.6g",
                          grid->test_error[k], grid->kernel_error[k], grid->linear_floor[k]);
  if (grid->best_lambda != NULL)
    g_string_append_printf (s, "\nbest λ = %.4g", grid->best_lambda[k]);
  if (grid->eta_bbp != NULL && isfinite (grid->eta_bbp[ci]))
    g_string_append_printf (s, "\nat d = %.0f the spike leaves the bulk above η̃_BBP = %.4g",
                            rq->network_d, grid->eta_bbp[ci]);
  if (!grid->converged[k])
    g_string_append (s, "\nnot converged: the value is a best effort");
  return g_string_free (s, FALSE);
}

/* ---- export --------------------------------------------------------- */

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
csv_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

char *
os_plot_phase_csv_text (const OsPhaseGrid *grid)
{
  const OsPhaseRequest *rq = &grid->request;
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s,%s,%s,test_error,kernel_error,linear_floor,converged\n",
                          os_param_info (rq->x_axis.axis)->name, os_param_info (rq->y_axis.axis)->name,
                          os_phase_quantity_name (rq->quantity));
  for (int j = 0; j < grid->ny; j++)
    for (int i = 0; i < grid->nx; i++)
      {
        int k = j * grid->nx + i;
        const double v[] = { grid->x[i], grid->y[j], grid->value[k], grid->test_error[k],
                             grid->kernel_error[k], grid->linear_floor[k] };

        for (guint c = 0; c < G_N_ELEMENTS (v); c++)
          {
            csv_number (s, v[c]);
            g_string_append_c (s, ',');
          }
        g_string_append (s, grid->converged[k] ? "true\n" : "false\n");
      }
  return g_string_free (s, FALSE);
}

GBytes *
os_plot_phase_export_bytes (const OsPhaseGrid *grid, const OsPlotTheme *theme, OsExportFormat format,
                            int width, int height, double scale, GError **error)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case OS_EXPORT_CSV:
      {
        char *text = os_plot_phase_csv_text (grid);

        g_byte_array_append (bytes, (const guint8 *) text, strlen (text));
        g_free (text);
        return g_byte_array_free_to_bytes (bytes);
      }
    case OS_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      cairo_surface_set_device_scale (surface, scale, scale);   /* not cairo_scale: see os-export.c */
      break;
    case OS_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      break;
    case OS_EXPORT_PDF:
    default:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      break;
    }
  cr = cairo_create (surface);
  os_plot_phase_render (grid, theme, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == OS_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "drawing failed: %s", cairo_status_to_string (status));
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
os_plot_phase_export_add (OsOutput *out, const OsPhaseGrid *grid, const OsPlotTheme *theme,
                          const char *path, OsExportFormat format, int width, int height, double scale,
                          GError **error)
{
  g_autoptr (GBytes) bytes = os_plot_phase_export_bytes (grid, theme, format, width, height, scale, error);
  gsize size;
  const void *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return os_output_add (out, path, data, size, error);
}

gboolean
os_plot_phase_write_csv (const OsPhaseGrid *grid, const char *path, GError **error)
{
  g_autoptr (OsOutput) out = os_output_new ();

  return os_plot_phase_export_add (out, grid, NULL, path, OS_EXPORT_CSV, 0, 0, 1.0, error)
         && os_output_commit (out, error);
}

gboolean
os_plot_phase_export (const OsPhaseGrid *grid, const OsPlotTheme *theme, const char *path,
                      OsExportFormat format, int width, int height, double scale, GError **error)
{
  g_autoptr (OsOutput) out = os_output_new ();

  return os_plot_phase_export_add (out, grid, theme, path, format, width, height, scale, error)
         && os_output_commit (out, error);
}
