/* os-phase-view.c — the phase-diagram page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-phase-view.h"
#include "os-error.h"
#include "os-flags.h"
#include "os-phase-job.h"
#include "os-export.h"
#include "os-param-panel.h"
#include "os-plot-phase.h"

#include <math.h>
#include <stdarg.h>

struct _OsPhaseView
{
  GtkBox          parent_instance;
  OsPhaseRequest  request;        /* base = the sliders                    */
  OsPhaseRequest  computed;       /* what the running/last job computes   */
  gboolean        have_computed;
  gboolean        active;
  OsPhaseGrid    *grid;           /* newest level shown                   */
  GCancellable   *cancellable;    /* of the running job                   */
  OsPlotTheme     theme;
  GtkDrawingArea *area;
  GtkDropDown    *quantity, *x_axis, *y_axis;
  GtkEntry       *x_from, *x_to, *y_from, *y_to;
  GtkLabel       *error_label;
  GtkLabel       *note_label;     /* where η̃* reaches 0⁺                 */
  GtkWidget      *toolbar;
  int             updating;
};

G_DEFINE_FINAL_TYPE (OsPhaseView, os_phase_view, GTK_TYPE_BOX)

enum { SIGNAL_PICK, SIGNAL_GRID_UPDATED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  OsPhaseView  *view;
  GCancellable *cancellable;
} PhaseJob;

static PhaseJob *
phase_job_new (OsPhaseView *view)
{
  PhaseJob *job = g_new0 (PhaseJob, 1);

  job->view = g_object_ref (view);
  job->cancellable = g_object_ref (view->cancellable);
  return job;
}

static void
phase_job_free (gpointer data)
{
  PhaseJob *job = data;

  g_object_unref (job->view);
  g_object_unref (job->cancellable);
  g_free (job);
}

/* ------------------------------------------------------------ axes */

/* The default range of a phase axis: THEORY.md §8's α and η̃ ranges as in
 * os_phase_request_init_default, the x-axis ranges of the panel else. */
static void
default_sweep (OsParamId axis, OsSweep *sweep)
{
  OsPhaseRequest def;

  os_phase_request_init_default (&def);
  if (axis == def.x_axis.axis)
    *sweep = def.x_axis;
  else if (axis == def.y_axis.axis)
    *sweep = def.y_axis;
  else
    {
      sweep->axis = axis;
      sweep->points = def.x_axis.points;
      os_param_panel_default_range (axis, &sweep->from, &sweep->to, &sweep->log_spacing);
    }
}

static void
set_entry_number (GtkEntry *entry, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  gtk_editable_set_text (GTK_EDITABLE (entry), g_ascii_formatd (buf, sizeof buf, "%.6g", v));
}

static void
show_request (OsPhaseView *view)
{
  view->updating++;
  gtk_drop_down_set_selected (view->quantity, view->request.quantity);
  gtk_drop_down_set_selected (view->x_axis, view->request.x_axis.axis);
  gtk_drop_down_set_selected (view->y_axis, view->request.y_axis.axis);
  set_entry_number (view->x_from, view->request.x_axis.from);
  set_entry_number (view->x_to, view->request.x_axis.to);
  set_entry_number (view->y_from, view->request.y_axis.from);
  set_entry_number (view->y_to, view->request.y_axis.to);
  view->updating--;
}

static void
show_error (OsPhaseView *view, const char *message)
{
  gtk_label_set_text (view->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (view->error_label), message != NULL);
}

/* Says where the optimal η̃* sits at 0⁺ (THEORY.md §6: ε_g jumps at
 * η̃ → 0⁺), so the line along the bottom edge is not mistaken for a bug. */
static void
show_note (OsPhaseView *view)
{
  const OsOptimalEta *o = view->grid != NULL ? view->grid->optimal_eta : NULL;
  g_autofree char *text = NULL;
  int first = -1, count = 0;

  /* only the d → ∞ theory jumps at η̃ → 0⁺ (docs/SCIENCE.md §10) */
  if (o != NULL && isinf (o->d))
    for (int i = 0; i < o->n; i++)
      if (o->eta[i] < 1e-3)
        {
          if (first < 0)
            first = i;
          count++;
        }
  if (count > 0)
    text = g_strdup_printf ("The optimal η̃* (yellow) is 0⁺ at %d of %d values of %s, from %s = %.3g: "
                            "in the theory ε_g jumps at η̃ → 0⁺ (an infinitesimal step already fits the "
                            "spike linearly), so there the best step is a tiny one.",
                            count, o->n, os_param_info (o->sweep.axis)->symbol,
                            os_param_info (o->sweep.axis)->symbol, o->x[first]);
  gtk_label_set_text (view->note_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (view->note_label), text != NULL);
}

const char *
os_phase_view_get_note (OsPhaseView *view)
{
  g_return_val_if_fail (OS_IS_PHASE_VIEW (view), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (view->note_label)) ? gtk_label_get_text (view->note_label) : NULL;
}

/* ------------------------------------------------------------ computing */

static gboolean
same_sweep (const OsSweep *a, const OsSweep *b)
{
  return a->axis == b->axis && a->from == b->from && a->to == b->to && a->points == b->points
         && !a->log_spacing == !b->log_spacing;
}

static gboolean
same_except_axes (const OsPhaseRequest *a, const OsPhaseRequest *b)
{
  if (!same_sweep (&a->x_axis, &b->x_axis) || !same_sweep (&a->y_axis, &b->y_axis)
      || a->quantity != b->quantity || !a->optimal_eta != !b->optimal_eta
      || a->network_d != b->network_d
      || a->base.student != b->base.student || a->base.teacher != b->base.teacher)
    return FALSE;
  /* the axes' values only move the crosshair */
  for (int id = 0; id < OS_PARAM_N; id++)
    if (id != (int) a->x_axis.axis && id != (int) a->y_axis.axis
        && os_params_get (&a->base, id) != os_params_get (&b->base, id))
      return FALSE;
  return TRUE;
}

static void
on_level (OsPhaseGrid *grid, gpointer data)
{
  PhaseJob *job = data;
  OsPhaseView *view = job->view;

  if (g_cancellable_is_cancelled (job->cancellable) || job->cancellable != view->cancellable)
    return;
  os_phase_grid_ref (grid);
  g_clear_pointer (&view->grid, os_phase_grid_unref);
  view->grid = grid;
  show_note (view);
  gtk_widget_queue_draw (GTK_WIDGET (view->area));
  g_signal_emit (view, signals[SIGNAL_GRID_UPDATED], 0, grid->level);
}

static void
on_computed (GObject *source, GAsyncResult *result, gpointer data)
{
  PhaseJob *job = data;
  OsPhaseView *view = job->view;
  g_autoptr (GError) error = NULL;
  g_autoptr (OsPhaseGrid) grid = os_phase_compute_finish (result, &error);

  (void) source;
  if (job->cancellable == view->cancellable)
    {
      g_clear_object (&view->cancellable);
      if (grid == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (view, error->message);
    }
  phase_job_free (job);
}

static void
cancel (OsPhaseView *view)
{
  if (view->cancellable != NULL)
    {
      g_cancellable_cancel (view->cancellable);
      g_clear_object (&view->cancellable);
    }
}

/* Starts the computation of view->request if it differs from what was
 * computed (and the view is active). */
static void
update (OsPhaseView *view)
{
  OsPhaseRequest *rq = &view->request;

  rq->optimal_eta = rq->y_axis.axis == OS_PARAM_ETA && rq->x_axis.axis != OS_PARAM_ETA;
  gtk_widget_queue_draw (GTK_WIDGET (view->area));   /* the crosshair */
  if (!view->active)
    return;
  if (view->have_computed && same_except_axes (rq, &view->computed))
    return;
  cancel (view);
  view->computed = *rq;
  view->have_computed = TRUE;
  view->cancellable = g_cancellable_new ();
  show_error (view, NULL);
  os_phase_compute_async (rq, NULL, view->cancellable, on_level, phase_job_new (view),
                          phase_job_free, on_computed, phase_job_new (view));
}

/* ------------------------------------------------------------ drawing */

/* The grid as drawn: its values, the crosshair at the current sliders. */
static OsPhaseGrid
shown_grid (OsPhaseView *view)
{
  OsPhaseGrid g = *view->grid;

  g.request.base = view->request.base;
  return g;
}

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  OsPhaseView *view = data;

  (void) area;
  if (view->grid == NULL)
    os_plot_phase_render (NULL, &view->theme, cr, width, height);
  else
    {
      OsPhaseGrid g = shown_grid (view);

      os_plot_phase_render (&g, &view->theme, cr, width, height);
    }
}

static gboolean
query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer data)
{
  OsPhaseView *view = data;
  g_autofree char *text = NULL;

  (void) keyboard;
  if (view->grid == NULL)
    return FALSE;
  text = os_plot_phase_tooltip (view->grid, &view->theme, gtk_widget_get_width (widget),
                                gtk_widget_get_height (widget), x, y);
  if (text == NULL)
    return FALSE;
  if (view->grid->request.y_axis.axis == OS_PARAM_ETA && view->grid->optimal_eta != NULL)
    {
      char *more = isinf (view->grid->optimal_eta->d)
        ? g_strconcat (text, "\nThe dashed yellow line is the optimal η̃* (least ε_g). "
                       "Where it sits at η̃ → 0⁺ the d → ∞ theory's best step is an "
                       "infinitesimal one (docs/SCIENCE.md §6): ε_g jumps at η̃ = 0⁺.", NULL)
        : g_strdup_printf ("%s\nThe dashed yellow line is the optimal η̃* of a network of d = %.0f "
                           "(least ε_d, docs/SCIENCE.md §10); the dotted white line η̃_BBP(d), "
                           "below which its spike is still inside the bulk.", text,
                           view->grid->optimal_eta->d);
      g_free (text);
      text = more;
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static double
round3 (double v)
{
  double scale;

  if (v == 0.0 || !isfinite (v))
    return v;
  scale = pow (10.0, floor (log10 (fabs (v))) - 2);
  return round (v / scale) * scale;
}

static double
unmap (double t, double lo, double hi, gboolean log_axis)
{
  return log_axis ? lo * pow (hi / lo, t) : lo + t * (hi - lo);
}

gboolean
os_phase_view_value_at (OsPhaseView *view, double px, double py, double *x, double *y)
{
  OsPhaseLayout L;
  const OsPlotFrame *f = &L.frame;
  const OsPhaseRequest *rq;
  double tx, ty;

  g_return_val_if_fail (OS_IS_PHASE_VIEW (view), FALSE);
  if (view->grid == NULL)
    return FALSE;
  rq = &view->grid->request;
  os_plot_phase_layout (view->grid, &view->theme, gtk_widget_get_width (GTK_WIDGET (view->area)),
                        gtk_widget_get_height (GTK_WIDGET (view->area)), &L);
  if (!(f->width > 0 && f->height > 0))
    return FALSE;
  tx = (px - f->left) / f->width;
  ty = 1.0 - (py - f->top) / f->height;
  if (tx < 0 || tx > 1 || ty < 0 || ty > 1)
    return FALSE;
  *x = CLAMP (round3 (unmap (tx, f->x_min, f->x_max, f->x_log)), f->x_min, f->x_max);
  *y = CLAMP (round3 (unmap (ty, f->y_min, f->y_max, f->y_log)), f->y_min, f->y_max);
  /* the parameters' own ranges */
  *x = CLAMP (*x, os_param_info (rq->x_axis.axis)->min, os_param_info (rq->x_axis.axis)->max);
  *y = CLAMP (*y, os_param_info (rq->y_axis.axis)->min, os_param_info (rq->y_axis.axis)->max);
  return TRUE;
}

gboolean
os_phase_view_click (OsPhaseView *view, double px, double py)
{
  double x, y;

  g_return_val_if_fail (OS_IS_PHASE_VIEW (view), FALSE);
  if (!os_phase_view_value_at (view, px, py, &x, &y))
    return FALSE;
  g_signal_emit (view, signals[SIGNAL_PICK], 0, (int) view->grid->request.x_axis.axis, x,
                 (int) view->grid->request.y_axis.axis, y);
  return TRUE;
}

static void
on_pressed (GtkGestureClick *gesture, int n_press, double x, double y, OsPhaseView *view)
{
  (void) gesture;
  (void) n_press;
  os_phase_view_click (view, x, y);
}

/* ------------------------------------------------------------ controls */

/* the parser of the panel's boxes and of the flags (os_decimal_parse) */
static gboolean
parse_number (const char *text, double *out)
{
  return os_decimal_parse_typed (text, out);
}

static void
on_quantity_changed (GtkDropDown *dropdown, GParamSpec *pspec, OsPhaseView *view)
{
  (void) pspec;
  if (view->updating > 0)
    return;
  os_phase_view_set_quantity (view, gtk_drop_down_get_selected (dropdown));
}

/* An axis drop-down: the new parameter with its default range. */
static void
on_axis_changed (GtkDropDown *dropdown, GParamSpec *pspec, OsPhaseView *view)
{
  OsSweep x = view->request.x_axis, y = view->request.y_axis;
  g_autoptr (GError) error = NULL;
  guint id = gtk_drop_down_get_selected (dropdown);

  (void) pspec;
  if (view->updating > 0 || id >= OS_PARAM_N)
    return;
  if (dropdown == view->x_axis)
    default_sweep (id, &x);
  else
    default_sweep (id, &y);
  if (x.axis == y.axis)
    {
      /* two different parameters: swap instead */
      if (dropdown == view->x_axis)
        y = view->request.x_axis;
      else
        x = view->request.y_axis;
    }
  if (!os_phase_view_set_axes (view, &x, &y, &error))
    {
      show_request (view);
      show_error (view, error->message);
    }
}

static void
on_range_activate (GtkEntry *entry, OsPhaseView *view)
{
  OsSweep x = view->request.x_axis, y = view->request.y_axis;
  g_autoptr (GError) error = NULL;
  GtkEntry *entries[4] = { view->x_from, view->x_to, view->y_from, view->y_to };
  double *targets[4] = { &x.from, &x.to, &y.from, &y.to };

  (void) entry;
  for (int i = 0; i < 4; i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (entries[i]));

      if (!parse_number (text, targets[i]))
        {
          g_autofree char *msg = g_strdup_printf ("“%s” is not a number", text);
          show_error (view, msg);
          return;
        }
    }
  if (!os_phase_view_set_axes (view, &x, &y, &error))
    show_error (view, error->message);
}

static GtkEntry *
range_entry (OsPhaseView *view, const char *tooltip)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), tooltip);
  g_signal_connect (entry, "activate", G_CALLBACK (on_range_activate), view);
  return entry;
}

static GtkDropDown *
axis_dropdown (OsPhaseView *view, const char *tooltip)
{
  const char *names[OS_PARAM_N + 1];
  GtkDropDown *dd;

  for (int id = 0; id < OS_PARAM_N; id++)
    names[id] = os_param_info (id)->symbol;
  names[OS_PARAM_N] = NULL;
  dd = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (names));
  gtk_widget_set_tooltip_text (GTK_WIDGET (dd), tooltip);
  g_signal_connect (dd, "notify::selected", G_CALLBACK (on_axis_changed), view);
  return dd;
}

static GtkWidget *
label (const char *text)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_widget_add_css_class (l, "dim-label");
  return l;
}

/* ------------------------------------------------------------ object */

static void
os_phase_view_dispose (GObject *object)
{
  OsPhaseView *view = OS_PHASE_VIEW (object);

  cancel (view);
  g_clear_pointer (&view->grid, os_phase_grid_unref);
  G_OBJECT_CLASS (os_phase_view_parent_class)->dispose (object);
}

static void
os_phase_view_class_init (OsPhaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = os_phase_view_dispose;
  signals[SIGNAL_PICK] =
    g_signal_new ("pick", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT, G_TYPE_DOUBLE, G_TYPE_INT, G_TYPE_DOUBLE);
  signals[SIGNAL_GRID_UPDATED] =
    g_signal_new ("grid-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

/* A group of the toolbar's widgets, kept on one line (NULL-terminated). */
static void
toolbar_group (GtkWidget *bar, GtkWidget *first, ...)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *child;
  va_list args;

  va_start (args, first);
  for (GtkWidget *w = first; w != NULL; w = va_arg (args, GtkWidget *))
    gtk_box_append (GTK_BOX (group), w);
  va_end (args);
  gtk_flow_box_append (GTK_FLOW_BOX (bar), group);
  /* the group's own widgets take the focus, not the line around them */
  child = gtk_widget_get_parent (group);
  gtk_widget_set_focusable (child, FALSE);
}

static void
os_phase_view_init (OsPhaseView *view)
{
  GtkWidget *bar;
  const char *quantities[OS_PHASE_N_QUANTITIES + 1];
  GtkGesture *click;

  os_phase_request_init_default (&view->request);
  view->request.optimal_eta = TRUE;
  os_plot_theme_init_default (&view->theme);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (view), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (view), 4);

  /* the settings in groups that wrap onto more lines in a narrow window */
  bar = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (bar), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (bar), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (bar), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (bar), 6);
  gtk_widget_add_css_class (bar, "plot-toolbar");
  for (int q = 0; q < OS_PHASE_N_QUANTITIES; q++)
    quantities[q] = os_phase_quantity_label (q);
  quantities[OS_PHASE_N_QUANTITIES] = NULL;
  view->quantity = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (quantities));
  gtk_widget_set_tooltip_text (GTK_WIDGET (view->quantity), "The quantity the colours show");
  g_signal_connect (view->quantity, "notify::selected", G_CALLBACK (on_quantity_changed), view);
  view->x_axis = axis_dropdown (view, "Horizontal axis (its range resets to the default)");
  view->y_axis = axis_dropdown (view, "Vertical axis (its range resets to the default)");
  view->x_from = range_entry (view, "Horizontal axis from (Enter applies)");
  view->x_to = range_entry (view, "Horizontal axis to (Enter applies)");
  view->y_from = range_entry (view, "Vertical axis from (Enter applies)");
  view->y_to = range_entry (view, "Vertical axis to (Enter applies)");
  toolbar_group (bar, label ("Colour"), GTK_WIDGET (view->quantity), NULL);
  toolbar_group (bar, label ("horizontal"), GTK_WIDGET (view->x_axis), GTK_WIDGET (view->x_from), label ("to"),
                 GTK_WIDGET (view->x_to), NULL);
  toolbar_group (bar, label ("vertical"), GTK_WIDGET (view->y_axis), GTK_WIDGET (view->y_from), label ("to"),
                 GTK_WIDGET (view->y_to), NULL);
  gtk_box_append (GTK_BOX (view), bar);
  view->toolbar = bar;

  view->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (view->error_label, 0);
  gtk_label_set_wrap (view->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (view->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (view->error_label), FALSE);
  gtk_box_append (GTK_BOX (view), GTK_WIDGET (view->error_label));

  view->note_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (view->note_label, 0);
  gtk_label_set_wrap (view->note_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (view->note_label), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (view->note_label), 8);
  gtk_widget_set_visible (GTK_WIDGET (view->note_label), FALSE);
  gtk_box_append (GTK_BOX (view), GTK_WIDGET (view->note_label));

  view->area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (view->area), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (view->area), TRUE);
  gtk_drawing_area_set_draw_func (view->area, draw, view, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (view->area), TRUE);
  g_signal_connect (view->area, "query-tooltip", G_CALLBACK (query_tooltip), view);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), view);
  gtk_widget_add_controller (GTK_WIDGET (view->area), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (view->area), "crosshair");
  gtk_box_append (GTK_BOX (view), GTK_WIDGET (view->area));
  show_request (view);
}

GtkWidget *
os_phase_view_new (void)
{
  return g_object_new (OS_TYPE_PHASE_VIEW, NULL);
}

void
os_phase_view_set_params (OsPhaseView *view, const OsParams *params)
{
  g_return_if_fail (OS_IS_PHASE_VIEW (view));
  g_return_if_fail (params != NULL);

  view->request.base = *params;
  update (view);
}

void
os_phase_view_set_network_d (OsPhaseView *view, double d)
{
  g_return_if_fail (OS_IS_PHASE_VIEW (view));

  view->request.network_d = isinf (d) ? 0.0 : d;
  update (view);
}

void
os_phase_view_set_active (OsPhaseView *view, gboolean active)
{
  g_return_if_fail (OS_IS_PHASE_VIEW (view));

  view->active = !!active;
  if (active)
    update (view);
}

void
os_phase_view_set_quantity (OsPhaseView *view, OsPhaseQuantity quantity)
{
  g_return_if_fail (OS_IS_PHASE_VIEW (view));
  g_return_if_fail (quantity < OS_PHASE_N_QUANTITIES);

  view->request.quantity = quantity;
  show_request (view);
  update (view);
}

gboolean
os_phase_view_set_axes (OsPhaseView *view, const OsSweep *x_axis, const OsSweep *y_axis,
                        GError **error)
{
  OsPhaseRequest rq;

  g_return_val_if_fail (OS_IS_PHASE_VIEW (view), FALSE);
  g_return_val_if_fail (x_axis != NULL && y_axis != NULL, FALSE);

  rq = view->request;
  rq.x_axis = *x_axis;
  rq.y_axis = *y_axis;
  rq.optimal_eta = rq.y_axis.axis == OS_PARAM_ETA && rq.x_axis.axis != OS_PARAM_ETA;
  if (rq.x_axis.axis == rq.y_axis.axis)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "The two axes must be different parameters (both are %s)",
                   os_param_info (rq.x_axis.axis)->symbol);
      return FALSE;
    }
  if (!os_phase_request_validate (&rq, error))
    return FALSE;
  view->request = rq;
  show_request (view);
  show_error (view, NULL);
  update (view);
  return TRUE;
}

void
os_phase_view_get_request (OsPhaseView *view, OsPhaseRequest *request)
{
  g_return_if_fail (OS_IS_PHASE_VIEW (view));
  *request = view->request;
}

OsPhaseGrid *
os_phase_view_get_grid (OsPhaseView *view)
{
  g_return_val_if_fail (OS_IS_PHASE_VIEW (view), NULL);
  return view->grid;
}

gboolean
os_phase_view_is_busy (OsPhaseView *view)
{
  g_return_val_if_fail (OS_IS_PHASE_VIEW (view), FALSE);
  return view->cancellable != NULL;
}

GtkWidget *
os_phase_view_get_area (OsPhaseView *view)
{
  g_return_val_if_fail (OS_IS_PHASE_VIEW (view), NULL);
  return GTK_WIDGET (view->area);
}

const OsPlotTheme *
os_phase_view_get_theme (OsPhaseView *view)
{
  g_return_val_if_fail (OS_IS_PHASE_VIEW (view), NULL);
  return &view->theme;
}

void
os_phase_view_set_theme (OsPhaseView *view, const OsPlotTheme *theme)
{
  g_return_if_fail (OS_IS_PHASE_VIEW (view));
  g_return_if_fail (theme != NULL);

  view->theme = *theme;
  gtk_widget_queue_draw (GTK_WIDGET (view->area));
}

/* ------------------------------------------------------------ export */

gboolean
os_phase_view_export (OsPhaseView *view, const char *path, int width, int height, GError **error)
{
  OsExportFormat format;
  OsPhaseGrid g;

  g_return_val_if_fail (OS_IS_PHASE_VIEW (view), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (view->grid == NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "Nothing to export yet: the phase diagram is still being computed");
      return FALSE;
    }
  if (!os_export_format_from_path (path, &format, error))
    return FALSE;
  if (width < 1 || height < 1)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT, "bad size %d × %d", width, height);
      return FALSE;
    }
  if (format == OS_EXPORT_CSV)
    return os_plot_phase_write_csv (view->grid, path, error);
  g = shown_grid (view);
  /* PNG at twice the pixel density, like the window's other exports */
  return os_plot_phase_export (&g, &view->theme, path, format, width, height, 2.0, error);
}

void
os_phase_view_add_tool (OsPhaseView *view, GtkWidget *widget)
{
  g_return_if_fail (OS_IS_PHASE_VIEW (view));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  toolbar_group (view->toolbar, widget, NULL);
}
