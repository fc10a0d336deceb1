/* os-window-export.c — the window's exports: the figure's options (size
 * with units, dpi, legend, titles, slider marker, text size, log-y; as
 * last chosen, os-export-dialog.c), the file chooser, then the file with
 * its provenance: the parameters and the `onestep-explorer export …`
 * command line that draws it again. A table (CSV) goes straight to the
 * chooser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-private.h"
#include "os-error.h"
#include "os-export-dialog.h"
#include "os-export.h"
#include "os-figure-overlays.h"
#include "os-export-request.h"
#include "os-flags.h"
#include "os-folders.h"
#include "os-plot-phase.h"

#include <string.h>

static const struct
{
  const char *target, *title, *basename;
} export_targets[] = {
  { "all",      "Export all four plots",        "one-step-explorer" },
  { "error",    "Export the test-error plot",   "one-step-test-error" },
  { "spectrum", "Export the spectrum plot",     "one-step-spectrum" },
  { "overlaps", "Export the order-parameter plot", "one-step-order-parameters" },
  { "function", "Export the learned-function plot", "one-step-learned-function" },
  { "csv",      "Export the data as CSV",       "one-step-data" },
  { "phase",    "Export the phase diagram",     "one-step-phase-diagram" },
  { "phase-csv", "Export the phase diagram's cells as CSV", "one-step-phase-diagram" },
};

static const char *const plot_titles[OS_PLOT_N] = {
  "Test error", "Spectrum", "Order parameters", "Learned function along the spike",
  "Test error, spectrum, order parameters and learned function",
};

/* ---- sizes ------------------------------------------------------------ */

/* The size of what the target draws on screen, in pixels. */
static void
screen_size (OsWindow *self, const char *target, int *width, int *height)
{
  GtkWidget *w;

  if (g_str_equal (target, "phase") || g_str_equal (target, "phase-csv"))
    w = os_phase_view_get_area (self->phase_view);
  else if (g_str_equal (target, "all") || g_str_equal (target, "csv"))
    w = GTK_WIDGET (self->plot_error);
  else
    {
      OsPlotKind kind = OS_PLOT_ERROR;

      os_plot_kind_from_name (target, &kind);
      w = GTK_WIDGET (os_window_get_plot (self, kind));
    }
  *width = MAX (gtk_widget_get_width (w), g_str_has_prefix (target, "phase") ? 640 : 400);
  *height = MAX (gtk_widget_get_height (w), g_str_has_prefix (target, "phase") ? 480 : 300);
  if (g_str_equal (target, "all"))
    {
      *width *= 2;
      *height *= 2;
    }
}

/* As on screen: the plot's pixels at 72 dpi (one layout unit a screen
 * pixel), twice the pixels in a PNG. */
static void
screen_page (OsWindow *self, const char *target, OsPageSize *page)
{
  int w, h;

  screen_size (self, target, &w, &h);
  os_page_size_init (page, w, h);
  page->scale = 2.0;
}

/* ---- writing ---------------------------------------------------------- */

static gboolean
export_phase (OsWindow *self, const char *path, OsExportFormat format, const OsFigureStyle *style,
              const OsPageSize *page, GError **error)
{
  OsPhaseGrid *grid = os_phase_view_get_grid (self->phase_view);
  OsExportRequest req;
  OsExportOptions options;
  g_autofree char *parameters = NULL;
  g_autofree char *command = NULL;
  g_autofree char *title = NULL;
  OsPhaseGrid shown;

  if (grid == NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "Nothing to export yet: the phase diagram is still being computed");
      return FALSE;
    }
  /* the diagram as drawn: its cells, the crosshair at the sliders now */
  shown = *grid;
  {
    OsPhaseRequest now;

    os_phase_view_get_request (self->phase_view, &now);
    shown.request.base = now.base;
  }
  os_export_request_init (&req);
  req.plot = "phase";
  req.params = shown.request.base;
  req.view.sweep = grid->request.x_axis;
  req.y_axis = grid->request.y_axis;
  req.quantity = grid->request.quantity;
  req.phase_points = grid->nx;
  req.presentation = self->presentation;
  req.style = *style;
  req.page = *page;
  parameters = os_export_request_parameters (&req);
  command = os_export_request_command (&req, path, NULL);
  title = g_strdup_printf ("Phase diagram: %s", os_phase_quantity_label (grid->request.quantity));
  os_export_options_init (&options, 640, 480);
  options.style = *style;
  options.page = *page;
  options.provenance = (OsProvenance) { title, parameters, command };
  if (format == OS_EXPORT_CSV)
    return os_plot_phase_write_csv_with (grid, &options, path, error);
  return os_plot_phase_export_with (&shown, os_phase_view_get_theme (self->phase_view), &options, path, error);
}

gboolean
os_window_export_to_file_with (OsWindow *self, const char *target, const char *path, const OsFigureStyle *style,
                               const OsPageSize *page, GError **error)
{
  OsExportFormat format;
  OsPlotKind kind;
  gboolean phase;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (target != NULL && path != NULL && style != NULL && page != NULL, FALSE);

  if (!os_export_format_from_path (path, &format, error))
    return FALSE;
  phase = g_str_equal (target, "phase") || g_str_equal (target, "phase-csv");
  if (phase)
    {
      if ((format == OS_EXPORT_CSV) != g_str_equal (target, "phase-csv"))
        {
          g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                       g_str_equal (target, "phase") ? "the phase diagram is drawn as .png, .svg or .pdf "
                                                       "(its cells go to .csv with “phase-csv”)"
                                                     : "the phase diagram's cells are written as .csv");
          return FALSE;
        }
      return export_phase (self, path, format, style, page, error);
    }
  if (self->figure == NULL || self->figure->theory == NULL)
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "Nothing to export yet: the theory is still being computed");
      return FALSE;
    }
  if (g_str_equal (target, "csv"))
    kind = OS_PLOT_ALL;
  else if (!os_plot_kind_from_name (target, &kind))
    {
      g_set_error (error, OS_ERROR, OS_ERROR_INVALID_ARGUMENT,
                   "Unknown export target “%s” (valid: all, error, spectrum, overlaps, function, csv, "
                   "phase, phase-csv)", target);
      return FALSE;
    }
  {
    /* the test-error plot as shown (with the η̃* curve when it is on) */
    g_autoptr (OsFigure) shown = os_window_figure_for_error_plot (self);
    const OsPlotTheme *theme = os_plot_view_get_theme (self->plot_error);
    OsExportRequest req;
    OsExportOptions options;
    g_autofree char *parameters = NULL;
    g_autofree char *command = NULL;

    os_export_request_init (&req);
    req.plot = os_plot_kind_name (kind);
    req.params = shown->params;
    req.view = shown->view;
    req.presentation = self->presentation;
    req.style = *style;
    req.page = *page;
    parameters = os_export_request_parameters (&req);
    command = os_export_request_command (&req, format == OS_EXPORT_CSV ? NULL : path,
                                         format == OS_EXPORT_CSV ? path : NULL);
    {
      /* and what is drawn of it: hidden series, pins */
      g_autofree char *shown_args = os_figure_shown_args (shown);
      char *full = g_strconcat (command, shown_args, NULL);

      g_free (command);
      command = full;
    }
    os_export_options_init (&options, 400, 300);
    options.style = *style;
    options.page = *page;
    options.provenance = (OsProvenance) { plot_titles[kind], parameters, command };
    if (format == OS_EXPORT_CSV)
      return os_export_csv_with (shown, kind, &options, path, error);
    return os_export_figure_with (shown, kind, theme, &options, path, error);
  }
}

gboolean
os_window_export_to_file (OsWindow *self, const char *target, const char *path, GError **error)
{
  OsFigureStyle style;
  OsPageSize page;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (target != NULL && path != NULL, FALSE);
  /* what is exported is what is seen: the size on screen */
  os_figure_style_init_export (&style);
  screen_page (self, target, &page);
  return os_window_export_to_file_with (self, target, path, &style, &page, error);
}

static gboolean
report (OsWindow *self, const char *path, gboolean ok, GError *error)
{
  if (!ok)
    {
      g_autofree char *msg = g_strdup_printf ("Export failed: %s", error->message);

      os_window_show_error (self, msg);
      return FALSE;
    }
  {
    g_autofree char *msg = g_strdup_printf ("Exported to %s", path);

    gtk_inscription_set_text (self->progress_label, msg);
    os_window_show_error (self, NULL);
    return TRUE;
  }
}

gboolean
os_window_export (OsWindow *self, const char *target, const char *path)
{
  g_autoptr (GError) error = NULL;

  gboolean ok;

  g_return_val_if_fail (OS_IS_WINDOW (self), FALSE);
  ok = os_window_export_to_file (self, target, path, &error);
  return report (self, path, ok, error);
}

/* ---- the options, then the chooser ---------------------------------- */

typedef struct
{
  OsWindow     *window;
  char         *target;
  OsFigureStyle style;
  OsPageSize    page;
} ExportRequest;

static void
export_request_free (ExportRequest *req)
{
  g_object_unref (req->window);
  g_free (req->target);
  g_free (req);
}

static void
on_chooser_response (GtkNativeDialog *dialog, int response, gpointer data)
{
  ExportRequest *req = data;
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (chooser);
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        os_window_show_error (req->window, "Export failed: choose a local file");
      else
        {
          const char *ext = os_window_chooser_extension (chooser, NULL);
          OsExportFormat format;
          g_autoptr (GError) error = NULL;
          gboolean ok;

          /* no known extension typed: take the chosen filter's */
          if (ext != NULL && !os_export_format_from_path (path, &format, NULL))
            {
              char *with_ext = g_strconcat (path, ext, NULL);
              g_free (path);
              path = with_ext;
            }
          os_window_remember_folder (OS_FOLDER_EXPORTS, path);
          ok = os_window_export_to_file_with (req->window, req->target, path, &req->style, &req->page, &error);
          report (req->window, path, ok, error);
        }
    }
  export_request_free (req);
  g_object_unref (dialog);
}

static guint
target_index (const char *target)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (export_targets); i++)
    if (g_str_equal (target, export_targets[i].target))
      break;
  return i;
}

/* The file chooser for the request (taken over). */
static void
choose_file (ExportRequest *req)
{
  guint i = target_index (req->target);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (export_targets[i].title, GTK_WINDOW (req->window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (g_str_has_suffix (req->target, "csv"))
    {
      os_window_chooser_add_filter (GTK_FILE_CHOOSER (chooser), "CSV table (.csv)", "*.csv", ".csv");
      name = g_strconcat (export_targets[i].basename, ".csv", NULL);
    }
  else
    {
      os_window_chooser_add_filter (GTK_FILE_CHOOSER (chooser), "PNG image (.png)", "*.png", ".png");
      os_window_chooser_add_filter (GTK_FILE_CHOOSER (chooser), "SVG drawing (.svg)", "*.svg", ".svg");
      os_window_chooser_add_filter (GTK_FILE_CHOOSER (chooser), "PDF document (.pdf)", "*.pdf", ".pdf");
      name = g_strconcat (export_targets[i].basename, ".png", NULL);
    }
  os_window_chooser_set_start_folder (GTK_FILE_CHOOSER (chooser), OS_FOLDER_EXPORTS);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), req);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The options chosen: remembered for the next export, then the file. */
static void
on_options_chosen (OsExportDialog *dialog, ExportRequest *req)
{
  OsWindow *self = req->window;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (!os_export_dialog_get (dialog, &req->style, &id, &req->page, &error))
    {
      os_window_show_error (self, error->message);
      export_request_free (req);
      return;
    }
  self->export_style = req->style;
  g_free (self->export_size);
  self->export_size = g_steal_pointer (&id);
  self->export_page = req->page;
  if (req->page.dpi != OS_DPI_DEFAULT)
    self->export_dpi = req->page.dpi;
  choose_file (req);
}

static void
on_options_destroyed (OsExportDialog *dialog, ExportRequest *req)
{
  /* cancelled: the request goes with the dialog; chosen: it went on */
  if (!g_object_get_data (G_OBJECT (dialog), "os-chosen"))
    export_request_free (req);
}

static void
forget_options (OsExportDialog *dialog, OsWindow *self)
{
  if (self->export_dialog == GTK_WIDGET (dialog))
    self->export_dialog = NULL;
}

static void
mark_chosen (OsExportDialog *dialog, gpointer data)
{
  (void) data;
  g_object_set_data (G_OBJECT (dialog), "os-chosen", GINT_TO_POINTER (1));
}

static void
action_export (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OsWindow *self = OS_WINDOW (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  ExportRequest *req;
  guint i = target_index (target);
  int w, h;

  (void) action_name;
  if (i == G_N_ELEMENTS (export_targets))
    {
      g_autofree char *msg = g_strdup_printf ("Unknown export target “%s”", target);
      os_window_show_error (self, msg);
      return;
    }
  req = g_new0 (ExportRequest, 1);
  req->window = g_object_ref (self);
  req->target = g_strdup (target);
  if (g_str_has_suffix (target, "csv"))
    {
      /* a table: no figure options */
      os_figure_style_init_export (&req->style);
      screen_page (self, target, &req->page);
      choose_file (req);
      return;
    }
  screen_size (self, target, &w, &h);
  {
    OsExportDialog *dialog = os_export_dialog_new (GTK_WINDOW (self), export_targets[i].title,
                                                   !g_str_equal (target, "phase"), &self->export_style,
                                                   self->export_size, &self->export_page, self->export_dpi, w, h);

    /* "choose" marks the dialog before the request goes on */
    g_signal_connect (dialog, "choose", G_CALLBACK (mark_chosen), NULL);
    g_signal_connect (dialog, "choose", G_CALLBACK (on_options_chosen), req);
    g_signal_connect (dialog, "destroy", G_CALLBACK (forget_options), self);
    g_signal_connect (dialog, "destroy", G_CALLBACK (on_options_destroyed), req);
    self->export_dialog = GTK_WIDGET (dialog);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

GtkWindow *
os_window_get_export_dialog (OsWindow *self)
{
  g_return_val_if_fail (OS_IS_WINDOW (self), NULL);
  return self->export_dialog != NULL ? GTK_WINDOW (self->export_dialog) : NULL;
}

void
os_window_init_export (OsWindow *self)
{
  os_figure_style_init_export (&self->export_style);
  self->export_dpi = 300;
  os_page_size_init (&self->export_page, 800, 600);
}

void
os_window_dispose_export (OsWindow *self)
{
  g_clear_pointer (&self->export_size, g_free);
  if (self->export_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->export_dialog));
}

void
os_window_class_install_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", "s", action_export);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", "s", "all");
}
