/* os-handout.c — a lesson's handout, a page per step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-handout.h"
#include "os-error.h"
#include "os-figure-overlays.h"
#include "os-lesson-facts.h"
#include "os-plot-kinds.h"
#include "os-plot-labels.h"
#include "os-plot-phase.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#define MARGIN 36.0

G_STATIC_ASSERT ((int) OS_FOCUS_ERROR == (int) OS_PLOT_ERROR);
G_STATIC_ASSERT ((int) OS_FOCUS_SPECTRUM == (int) OS_PLOT_SPECTRUM);
G_STATIC_ASSERT ((int) OS_FOCUS_OVERLAPS == (int) OS_PLOT_OVERLAPS);
G_STATIC_ASSERT ((int) OS_FOCUS_FUNCTION == (int) OS_PLOT_FUNCTION);
G_STATIC_ASSERT ((int) OS_FOCUS_ALL == (int) OS_PLOT_ALL);

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws text (markup unless plain) at (x, y), wrapped at width; returns
 * its height. measure_only: nothing drawn. */
static double
text_block (cairo_t *cr, const char *text, gboolean markup, const char *font, double size, gboolean bold,
            double x, double y, double width, double grey, gboolean measure_only)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* markup Pango cannot read (a span's value: the lesson checks the rest)
   * is drawn as its plain text, and os_handout_pdf says so */
  if (markup && pango_parse_markup (text, -1, 0, NULL, NULL, NULL, NULL))
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  if (!measure_only)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, grey, grey, grey);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  g_object_unref (layout);
  return (double) h / PANGO_SCALE;
}

typedef struct
{
  OsFigure    *figure;
  OsPhaseGrid *grid;      /* phase steps */
  OsFacts      facts;
} StepData;

static void
step_data_clear (StepData *d)
{
  g_clear_pointer (&d->figure, os_figure_unref);
  g_clear_pointer (&d->grid, os_phase_grid_unref);
}

static gboolean
compute_step (const OsLessonStep *step, StepData *d, GCancellable *cancellable, GError **error)
{
  OsView view;

  os_state_to_view (&step->state, &view);
  d->figure = os_figure_compute_all (&step->state.params, &view, cancellable, error);
  if (d->figure == NULL)
    return FALSE;
  os_facts_from_figure (d->figure, &d->facts);
  /* as the window shows the step: its hidden series and pins */
  if (step->state.hidden != 0 || step->state.n_pins > 0)
    {
      OsFigure *shown = os_figure_with_pins (d->figure, step->state.hidden, step->state.pins, step->state.n_pins,
                                             cancellable, error);

      if (shown == NULL)
        return FALSE;
      os_figure_unref (d->figure);
      d->figure = shown;
    }
  if (step->state.page == OS_PAGE_PHASE)
    {
      OsPhaseRequest request;
      OsPresetPhase phase;
      gboolean log_spacing;

      /* the window's phase page: α across, the step's quantity and y-axis */
      os_state_phase (&step->state, &phase);
      os_phase_request_init_default (&request);
      request.base = step->state.params;
      request.quantity = phase.quantity;
      request.y_axis.axis = phase.y_axis;
      os_phase_axis_default_range (phase.y_axis, &request.y_axis.from, &request.y_axis.to, &log_spacing);
      request.y_axis.from = phase.y_from;
      request.y_axis.to = phase.y_to;
      request.y_axis.log_spacing = log_spacing;
      request.x_axis.points = request.y_axis.points = 48;
      request.optimal_eta = phase.y_axis == OS_PARAM_ETA;
      d->grid = os_phase_compute (&request, NULL, cancellable, NULL, NULL, error);
      if (d->grid == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
draw_page (cairo_t *cr, const OsLesson *lesson, const OsLessonStep *step, const StepData *d,
           const OsPlotTheme *theme, int n_steps)
{
  const double W = OS_HANDOUT_WIDTH, H = OS_HANDOUT_HEIGHT, inner = W - 2 * MARGIN;
  const char *font = "DejaVu Sans, Sans";
  g_autofree char *caption = os_facts_fill (step->caption, &d->facts, NULL);
  g_autofree char *counter = g_strdup_printf ("Step %d of %d", step->number, n_steps);
  g_autofree char *title = step->title != NULL ? g_strdup (step->title) : g_strdup_printf ("Step %d", step->number);
  g_autofree char *note = os_plot_params_note (&step->state.params, OS_PARAM_N);
  g_autofree char *command = g_strdup_printf ("onestep-explorer --lesson %s --step %d", lesson->id, step->number);
  g_autofree char *footer = NULL;
  double y = MARGIN, caption_h, footer_h, fig_h, title_h;

  {
    g_autofree char *escaped = g_markup_escape_text (command, -1);

    footer = g_strdup_printf ("%s\nOpen this step: <tt>%s</tt>", note, escaped);
  }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* header: the lesson, the counter */
  text_block (cr, lesson->title, FALSE, font, 9, FALSE, MARGIN, y, inner * 0.75, 0.4, FALSE);
  {
    double w;
    PangoLayout *layout = pango_cairo_create_layout (cr);
    PangoFontDescription *desc = pango_font_description_from_string (font);
    int pw, ph;

    pango_font_description_set_absolute_size (desc, 9 * PANGO_SCALE);
    pango_layout_set_font_description (layout, desc);
    pango_layout_set_text (layout, counter, -1);
    pango_layout_get_size (layout, &pw, &ph);
    w = (double) pw / PANGO_SCALE;
    cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
    cairo_move_to (cr, W - MARGIN - w, y);
    pango_cairo_show_layout (cr, layout);
    pango_font_description_free (desc);
    g_object_unref (layout);
  }
  y += 16;
  title_h = text_block (cr, title, FALSE, font, 17, TRUE, MARGIN, y, inner, 0.1, FALSE);
  y += title_h + 6;

  /* the caption and footer sizes decide the figure's */
  caption_h = text_block (cr, caption != NULL ? caption : step->caption, TRUE, font, 12.5, FALSE, MARGIN, 0,
                          inner, 0, TRUE);
  footer_h = text_block (cr, footer, TRUE, font, 8, FALSE, MARGIN, 0, inner, 0, TRUE);
  fig_h = H - MARGIN - footer_h - 10 - caption_h - 12 - y;

  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  cairo_rectangle (cr, 0, 0, inner, fig_h);
  cairo_clip (cr);
  if (d->grid != NULL)
    os_plot_phase_render (d->grid, theme, cr, (int) inner, (int) fig_h);
  else
    os_plot_render ((OsPlotKind) step->focus, d->figure, theme, cr, (int) inner, (int) fig_h);
  cairo_restore (cr);
  y += fig_h + 12;

  text_block (cr, caption != NULL ? caption : step->caption, TRUE, font, 12.5, FALSE, MARGIN, y, inner, 0.05,
              FALSE);
  text_block (cr, footer, TRUE, font, 8, FALSE, MARGIN, H - MARGIN - footer_h, inner, 0.35, FALSE);
}

GBytes *
os_handout_pdf (const OsLesson *lesson, const OsPlotTheme *theme, GCancellable *cancellable,
                OsHandoutProgress progress, gpointer progress_data, GString *warnings, GError **error)
{
  int n = (int) os_lesson_n_steps (lesson);
  g_autofree StepData *data = g_new0 (StepData, n);
  g_autofree OsFacts *facts = g_new0 (OsFacts, n);
  GByteArray *bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok = TRUE;

  /* every step's numbers first: a claim may quote another step */
  for (int i = 0; i < n && ok; i++)
    {
      ok = compute_step (os_lesson_step (lesson, i), &data[i], cancellable, error);
      if (ok)
        facts[i] = data[i].facts;
      if (ok && progress != NULL)
        progress (i + 1, n + 1, progress_data);
    }
  if (!ok)
    goto out;
  for (int i = 0; i < n && warnings != NULL; i++)
    {
      const OsLessonStep *step = os_lesson_step (lesson, i);
      g_autoptr (GError) local = NULL;
      g_autofree char *filled = os_facts_fill (step->caption, &facts[i], &local);

      if (filled == NULL)
        g_string_append_printf (warnings, "step %d: the caption: %s\n", i + 1, local->message);
      else if (!pango_parse_markup (filled, -1, 0, NULL, NULL, NULL, &local))
        g_string_append_printf (warnings, "step %d: the caption is drawn as plain text: %s\n", i + 1,
                                local->message);
      for (int k = 0; step->checks[k] != NULL; k++)
        {
          gboolean holds = TRUE;
          g_autofree char *detail = NULL;

          g_clear_error (&local);
          if (!os_facts_check (step->checks[k], facts, n, i, &holds, &detail, &local))
            g_string_append_printf (warnings, "step %d: %s\n", i + 1, local->message);
          else if (!holds)
            g_string_append_printf (warnings, "step %d: the claim '%s' does not hold (%s)\n", i + 1,
                                    step->checks[k], detail);
        }
    }

  bytes = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, OS_HANDOUT_WIDTH, OS_HANDOUT_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, lesson->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "One-Step Explorer " OS_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  "After Cui et al., ICML 2024, arXiv:2402.04980");
  cr = cairo_create (surface);
  for (int i = 0; i < n; i++)
    {
      draw_page (cr, lesson, os_lesson_step (lesson, i), &data[i], theme, n);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_IO, "drawing the handout failed: %s", cairo_status_to_string (status));
      g_clear_pointer (&bytes, g_byte_array_unref);
      ok = FALSE;
    }
  if (ok && progress != NULL)
    progress (n + 1, n + 1, progress_data);

out:
  for (int i = 0; i < n; i++)
    step_data_clear (&data[i]);
  return ok && bytes != NULL ? g_byte_array_free_to_bytes (bytes) : NULL;
}
