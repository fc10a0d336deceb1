/* os-export-dialog.c — the figure's options before the file chooser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-export-dialog.h"
#include "os-flags.h"

#include <string.h>

static const struct
{
  const char *id, *label, *width, *height;
} sizes[] = {
  { "screen", "As on screen",                       NULL,     NULL },
  { "column", "One paper column, 8.5 cm × 6 cm",    "8.5cm",  "6cm" },
  { "page",   "Two paper columns, 17.8 cm × 10 cm", "17.8cm", "10cm" },
  { "slide",  "Projector, 1280 × 720 px",            "1280",   "720" },
  { "hd",     "Full HD, 1920 × 1080 px",             "1920",   "1080" },
  { "custom", "Any size",                            NULL,     NULL },
};
enum { SIZE_SCREEN = 0, SIZE_CUSTOM = G_N_ELEMENTS (sizes) - 1 };

static const double dpis[] = { 72, 96, 150, 300, 600 };
static const double fonts[] = { 0, 8, 9, 10, 12, 14, 18 };

struct _OsExportDialog
{
  GtkWindow    parent_instance;
  GtkDropDown *size, *dpi, *legend, *font;
  GtkEntry    *width, *height;
  GtkCheckButton *title, *marker, *log_y;
  GtkLabel    *message;
  GtkWidget   *choose;
  int          screen_width, screen_height;
  int          updating;
};

G_DEFINE_FINAL_TYPE (OsExportDialog, os_export_dialog, GTK_TYPE_WINDOW)

enum { SIGNAL_CHOOSE, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- reading ----------------------------------------------------------- */

static const char *
size_id (OsExportDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->size);

  return sizes[MIN (i, G_N_ELEMENTS (sizes) - 1)].id;
}

/* "--width: …" from the shared parsers, as the dialog's field */
static void
name_field (GError *error)
{
  const char *flags[] = { "--width", "--height", "--dpi", "--scale" };
  const char *names[] = { "Width", "Height", "Pixels per inch", "Scale" };

  for (guint i = 0; error != NULL && i < G_N_ELEMENTS (flags); i++)
    if (g_str_has_prefix (error->message, flags[i]))
      {
        char *m = g_strconcat (names[i], error->message + strlen (flags[i]), NULL);

        g_free (error->message);
        error->message = m;
        return;
      }
}

gboolean
os_export_dialog_get (OsExportDialog *self, OsFigureStyle *style, char **id, OsPageSize *page, GError **error)
{
  guint legend = gtk_drop_down_get_selected (self->legend);
  guint font = gtk_drop_down_get_selected (self->font);
  guint dpi = gtk_drop_down_get_selected (self->dpi);

  g_return_val_if_fail (OS_IS_EXPORT_DIALOG (self), FALSE);
  os_figure_style_init_export (style);
  style->legend = (OsLegendPlace) MIN (legend, OS_LEGEND_N - 1);
  style->title = gtk_check_button_get_active (self->title);
  style->marker = gtk_check_button_get_active (self->marker);
  style->log_y = gtk_widget_get_visible (GTK_WIDGET (self->log_y)) && gtk_check_button_get_active (self->log_y);
  style->font_size = fonts[MIN (font, G_N_ELEMENTS (fonts) - 1)];
  if (id != NULL)
    *id = g_strdup (size_id (self));
  if (g_str_equal (size_id (self), "screen"))
    {
      /* the plot's pixels, one a point, in a PNG of twice as many */
      os_page_size_init (page, self->screen_width, self->screen_height);
      page->scale = 2.0;
      return TRUE;
    }
  os_page_size_init (page, 1, 1);
  if (!os_length_parse ("--width", gtk_editable_get_text (GTK_EDITABLE (self->width)), &page->width, error)
      || !os_length_parse ("--height", gtk_editable_get_text (GTK_EDITABLE (self->height)), &page->height, error))
    {
      name_field (error ? *error : NULL);
      return FALSE;
    }
  /* pixels are the PNG's, one a point; physical sizes at the dpi chosen */
  page->dpi = page->width.unit == OS_UNIT_PX && page->height.unit == OS_UNIT_PX
              ? OS_DPI_DEFAULT : dpis[MIN (dpi, G_N_ELEMENTS (dpis) - 1)];
  if (!os_page_size_validate (page, error))
    {
      name_field (error ? *error : NULL);
      return FALSE;
    }
  return TRUE;
}

/* ---- the fields --------------------------------------------------------- */

static void
validate (OsExportDialog *self)
{
  OsFigureStyle style;
  OsPageSize page;
  g_autoptr (GError) error = NULL;
  gboolean ok = os_export_dialog_get (self, &style, NULL, &page, &error);
  gboolean physical = !g_str_equal (size_id (self), "screen") && ok
                      && !(page.width.unit == OS_UNIT_PX && page.height.unit == OS_UNIT_PX);

  gtk_label_set_text (self->message, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->message), !ok);
  gtk_widget_set_sensitive (self->choose, ok);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dpi), physical);
}

static void
show_size (OsExportDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->size);
  g_autofree char *w = NULL, *h = NULL;

  if (i == SIZE_CUSTOM)
    return;
  self->updating++;
  if (i == SIZE_SCREEN)
    {
      w = g_strdup_printf ("%d", self->screen_width);
      h = g_strdup_printf ("%d", self->screen_height);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->width), i == SIZE_SCREEN ? w : sizes[i].width);
  gtk_editable_set_text (GTK_EDITABLE (self->height), i == SIZE_SCREEN ? h : sizes[i].height);
  self->updating--;
}

static void
on_size_changed (GtkDropDown *dropdown, GParamSpec *pspec, OsExportDialog *self)
{
  (void) dropdown;
  (void) pspec;
  show_size (self);
  validate (self);
}

/* typing a width or a height makes the size a custom one */
static void
on_entry_changed (GtkEditable *editable, OsExportDialog *self)
{
  (void) editable;
  if (self->updating == 0 && gtk_drop_down_get_selected (self->size) != SIZE_CUSTOM)
    {
      self->updating++;
      gtk_drop_down_set_selected (self->size, SIZE_CUSTOM);
      self->updating--;
    }
  validate (self);
}

static void
on_choose (GtkButton *button, OsExportDialog *self)
{
  (void) button;
  g_signal_emit (self, signals[SIGNAL_CHOOSE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel (GtkButton *button, OsExportDialog *self)
{
  (void) button;
  gtk_window_destroy (GTK_WINDOW (self));
}

static GtkDropDown *
dropdown (const char *const *labels, const char *tooltip)
{
  GtkDropDown *d = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));

  gtk_widget_set_tooltip_text (GTK_WIDGET (d), tooltip);
  gtk_widget_set_hexpand (GTK_WIDGET (d), TRUE);
  return d;
}

static GtkWidget *
row_label (const char *text)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  return l;
}

static void
os_export_dialog_init (OsExportDialog *self)
{
  GtkWidget *grid = gtk_grid_new (), *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8), *cancel, *size_box;
  const char *size_labels[G_N_ELEMENTS (sizes) + 1] = { NULL };
  const char *dpi_labels[] = { "72", "96", "150", "300", "600", NULL };
  const char *legend_labels[] = { "Inside, where it covers no data", "Beside or below the plot", "None", NULL };
  const char *font_labels[] = { "Automatic", "8 pt", "9 pt", "10 pt", "12 pt", "14 pt", "18 pt", NULL };
  int row = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    size_labels[i] = sizes[i].label;
  self->size = dropdown (size_labels, "The figure's size: a paper's column, a projector, or any size");
  self->width = GTK_ENTRY (gtk_entry_new ());
  self->height = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_name (GTK_WIDGET (self->width), "export-width");
  gtk_widget_set_name (GTK_WIDGET (self->height), "export-height");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->width), 8);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->height), 8);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->width),
                               "A number with a unit: px, pt, mm, cm or in (8.5cm); pixels without one");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->height),
                               "A number with a unit: px, pt, mm, cm or in (6cm); pixels without one");
  self->dpi = dropdown (dpi_labels, "Pixels per inch of a PNG whose size is in cm, mm, in or pt");
  self->legend = dropdown (legend_labels, "Where the legend goes");
  self->font = dropdown (font_labels, "The text's base size (automatic: 13, smaller on a small figure)");
  self->title = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic ("_Titles and parameters"));
  self->marker = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic ("Slider _marker"));
  self->log_y = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic ("_Log y-axis (test error, order parameters)"));
  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_attach (GTK_GRID (grid), row_label ("Size"), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->size), 1, row++, 1, 1);
  size_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (size_box), GTK_WIDGET (self->width));
  gtk_box_append (GTK_BOX (size_box), gtk_label_new ("×"));
  gtk_box_append (GTK_BOX (size_box), GTK_WIDGET (self->height));
  gtk_grid_attach (GTK_GRID (grid), row_label ("Width × height"), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), size_box, 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), row_label ("PNG pixels per inch"), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->dpi), 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), row_label ("Legend"), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->legend), 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), row_label ("Text size"), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->font), 1, row++, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->title), 0, row++, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->marker), 0, row++, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->log_y), 0, row++, 2, 1);

  cancel = gtk_button_new_with_mnemonic ("_Cancel");
  self->choose = gtk_button_new_with_mnemonic ("Choose _File…");
  gtk_widget_set_name (self->choose, "export-choose");
  gtk_widget_add_css_class (self->choose, "suggested-action");
  gtk_widget_set_hexpand (cancel, TRUE);
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), self->choose);

  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message));
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_window_set_child (GTK_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->choose);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);

  g_signal_connect (self->size, "notify::selected", G_CALLBACK (on_size_changed), self);
  g_signal_connect (self->dpi, "notify::selected", G_CALLBACK (on_size_changed), self);
  g_signal_connect (self->width, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect (self->height, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel), self);
  g_signal_connect (self->choose, "clicked", G_CALLBACK (on_choose), self);
}

static void
os_export_dialog_class_init (OsExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_CHOOSE] = g_signal_new ("choose", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* ---- public ------------------------------------------------------------ */

void
os_export_dialog_set_style (OsExportDialog *self, const OsFigureStyle *style)
{
  guint font = 0;

  g_return_if_fail (OS_IS_EXPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    if (fonts[i] == style->font_size)
      font = i;
  gtk_drop_down_set_selected (self->legend, style->legend);
  gtk_drop_down_set_selected (self->font, font);
  gtk_check_button_set_active (self->title, style->title);
  gtk_check_button_set_active (self->marker, style->marker);
  gtk_check_button_set_active (self->log_y, style->log_y);
}

void
os_export_dialog_set_size (OsExportDialog *self, const char *id)
{
  g_return_if_fail (OS_IS_EXPORT_DIALOG (self));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (g_strcmp0 (id, sizes[i].id) == 0)
      gtk_drop_down_set_selected (self->size, i);
}

void
os_export_dialog_set_custom (OsExportDialog *self, const char *width, const char *height, double dpi)
{
  g_return_if_fail (OS_IS_EXPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->width), width);
  gtk_editable_set_text (GTK_EDITABLE (self->height), height);
  for (guint i = 0; i < G_N_ELEMENTS (dpis); i++)
    if (dpis[i] == dpi)
      gtk_drop_down_set_selected (self->dpi, i);
}

void
os_export_dialog_choose (OsExportDialog *self)
{
  g_return_if_fail (OS_IS_EXPORT_DIALOG (self));
  if (gtk_widget_get_sensitive (self->choose))
    g_signal_emit_by_name (self->choose, "clicked");
}

OsExportDialog *
os_export_dialog_new (GtkWindow *parent, const char *title, gboolean curves, const OsFigureStyle *style,
                      const char *id, const OsPageSize *custom, double dpi, int screen_width, int screen_height)
{
  OsExportDialog *self = g_object_new (OS_TYPE_EXPORT_DIALOG, "title", title, "modal", TRUE,
                                       "transient-for", parent, "destroy-with-parent", TRUE, NULL);

  self->screen_width = screen_width;
  self->screen_height = screen_height;
  gtk_widget_set_visible (GTK_WIDGET (self->log_y), curves);
  os_export_dialog_set_style (self, style);
  for (guint i = 0; i < G_N_ELEMENTS (dpis); i++)
    if (dpis[i] == dpi)
      gtk_drop_down_set_selected (self->dpi, i);
  os_export_dialog_set_size (self, id != NULL ? id : "screen");
  show_size (self);
  if (id != NULL && g_str_equal (id, "custom") && custom != NULL)
    {
      g_autofree char *w = os_length_to_string (custom->width);
      g_autofree char *h = os_length_to_string (custom->height);

      self->updating++;
      gtk_editable_set_text (GTK_EDITABLE (self->width), w);
      gtk_editable_set_text (GTK_EDITABLE (self->height), h);
      self->updating--;
    }
  validate (self);
  return self;
}
