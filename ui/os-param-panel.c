/* os-param-panel.c — sliders, entries, drop-downs and read-outs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-param-panel.h"
#include "os-error.h"
#include "os-flags.h"

#include <math.h>
#include <stdlib.h>

typedef struct
{
  OsParamId      id;
  GtkAdjustment *adjustment;   /* slider position: value, or log10 value */
  OsSlider      *scale;
  GtkEntry      *entry;
  GtkLabel      *error;
} OsParamRow;

enum { READOUT_R, READOUT_C, READOUT_GAMMA, READOUT_TEST_ERROR, READOUT_LINEAR,
       READOUT_SPIKE, READOUT_KERNEL, READOUT_FINITE, READOUT_ETA_BBP, READOUT_S,
       READOUT_BULK_EDGE, N_READOUTS };

static const struct
{
  const char *name, *symbol, *meaning;
} readout_info[N_READOUTS] = {
  { "r",          "r",             "spike strength" },
  { "c",          "c",             "bulk scale" },
  { "gamma",      "γ",             "alignment ⟨v̂, θ*⟩" },
  { "test_error", "ε<sub>g</sub>", "test error (theory)" },
  { "linear",     "ε<sub>lin</sub>", "linear floor" },
  { "spike",      "ε<sub>spike</sub>", "spike floor" },
  { "kernel",     "ε<sub>kernel</sub>", "kernel (η̃ = 0)" },
  /* the network of size d (docs/SCIENCE.md §10) */
  { "finite_error", "ε<sub>g</sub>(d)", "test error at this d" },
  { "eta_bbp",    "η̃<sub>BBP</sub>", "spike leaves the bulk" },
  { "spike_singular_value", "s", "spike r√p, vs …" },
  { "bulk_edge",  "c(1+√β)", "… the bulk edge" },
};

static const char *const param_meaning[OS_PARAM_N] = {
  "learning rate (normalised)",
  "first-step batch n₀/d",
  "readout batch n/d",
  "width p/d",
  "ridge",
  "label-noise variance",
};

struct _OsParamPanel
{
  GtkBox        parent_instance;
  OsParams      params;
  OsSweep       sweep;
  gboolean      simulate;
  int           d, seeds, sim_points;
  int           network_d;    /* the finite-size theory's d; 0 = d → ∞ */
  int           network_last; /* the last finite one, for unticking d → ∞ */
  OsParamRow    rows[OS_PARAM_N];
  GtkDropDown  *student, *teacher, *axis;
  OsActivation  student_of[OS_ACT_N], teacher_of[OS_ACT_N];   /* drop-down index → activation */
  guint         n_students, n_teachers;
  GtkEntry     *from_entry, *to_entry;
  GtkLabel     *range_error;
  GtkSwitch    *sim_switch;
  GtkSpinButton *d_spin, *seeds_spin, *points_spin;
  GtkSpinButton *network_spin;
  GtkCheckButton *network_infinite;
  GtkInscription *readouts[N_READOUTS];   /* fixed size: new values do not relayout */
  GtkLabel     *meanings[N_READOUTS];     /* what each read-out is */
  int           updating;     /* > 0 while widgets are set from code */
};

G_DEFINE_FINAL_TYPE (OsParamPanel, os_param_panel, GTK_TYPE_BOX)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------ helpers */

static double
position_to_value (OsParamId id, double position)
{
  const OsParamInfo *info = os_param_info (id);
  double v = info->log_scale ? pow (10.0, position) : position;

  /* three significant digits, as a lecturer would read them */
  if (v != 0.0)
    {
      double scale = pow (10.0, floor (log10 (fabs (v))) - 2);
      v = round (v / scale) * scale;
    }
  return CLAMP (v, info->min, info->max);
}

static double
value_to_position (OsParamId id, double value)
{
  return os_param_info (id)->log_scale ? log10 (value) : value;
}

/* Numbers in the boxes are written as they are read (os_decimal_parse):
 * with a decimal point, whatever the locale, as on the phase page */
static void
format_value (double value, char *buf, gsize size)
{
  g_ascii_formatd (buf, size, "%.4g", value);
}

static void
set_entry_text (OsParamPanel *panel, GtkEntry *entry, double value)
{
  char buf[32];

  format_value (value, buf, sizeof buf);
  panel->updating++;
  gtk_editable_set_text (GTK_EDITABLE (entry), buf);
  panel->updating--;
}

static void
show_entry_error (GtkEntry *entry, GtkLabel *label, const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_label_set_text (label, message);
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
    }
}

/* Parses an entry strictly: the parser of the flags (decimal only), the
 * spaces around the number ignored. */
static gboolean
parse_number (const char *text, double *out)
{
  return os_decimal_parse_typed (text, out);
}

static void
emit_changed (OsParamPanel *panel)
{
  if (panel->updating == 0)
    g_signal_emit (panel, signals[SIGNAL_CHANGED], 0);
}

/* ------------------------------------------------------- parameter rows */

static OsParamRow *
row_of_adjustment (OsParamPanel *panel, GtkAdjustment *adjustment)
{
  for (int i = 0; i < OS_PARAM_N; i++)
    if (panel->rows[i].adjustment == adjustment)
      return &panel->rows[i];
  return NULL;
}

static void
on_scale_changed (GtkAdjustment *adjustment, OsParamPanel *panel)
{
  OsParamRow *row = row_of_adjustment (panel, adjustment);
  double v;

  /* moved from code (show_params): the exact value is already set */
  if (row == NULL || panel->updating > 0)
    return;
  v = position_to_value (row->id, gtk_adjustment_get_value (adjustment));
  os_params_set (&panel->params, row->id, v);
  set_entry_text (panel, row->entry, v);
  show_entry_error (row->entry, row->error, NULL);
  emit_changed (panel);
}

static void
commit_entry (OsParamPanel *panel, OsParamRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row->entry));
  const OsParamInfo *info = os_param_info (row->id);
  g_autoptr (GError) error = NULL;
  char shown[32];
  double v;

  /* the text still shows the current value (rounded for display): keep
   * the exact value (a loaded file, a preset, undo) */
  format_value (os_params_get (&panel->params, row->id), shown, sizeof shown);
  if (g_str_equal (text, shown))
    {
      show_entry_error (row->entry, row->error, NULL);
      return;
    }
  if (!parse_number (text, &v))
    {
      g_autofree char *msg = g_strdup_printf ("“%s” is not a number; %s takes %g to %g",
                                              text, info->symbol, info->min, info->max);
      show_entry_error (row->entry, row->error, msg);
      return;
    }
  if (!os_param_check (row->id, v, &error))
    {
      g_autofree char *msg = g_strdup_printf ("%g is out of range: %s takes %g to %g",
                                              v, info->symbol, info->min, info->max);
      show_entry_error (row->entry, row->error, msg);
      return;
    }
  show_entry_error (row->entry, row->error, NULL);
  if (v == os_params_get (&panel->params, row->id))
    return;
  /* set the exact typed value, and the slider without rounding it */
  os_params_set (&panel->params, row->id, v);
  panel->updating++;
  gtk_adjustment_set_value (row->adjustment, value_to_position (row->id, v));
  panel->updating--;
  emit_changed (panel);
}

static OsParamRow *
row_of_entry (OsParamPanel *panel, GtkWidget *entry)
{
  for (int i = 0; i < OS_PARAM_N; i++)
    if (GTK_WIDGET (panel->rows[i].entry) == entry)
      return &panel->rows[i];
  return NULL;
}

static void
on_entry_activate (GtkEntry *entry, OsParamPanel *panel)
{
  OsParamRow *row = row_of_entry (panel, GTK_WIDGET (entry));

  if (row != NULL)
    commit_entry (panel, row);
}

static void
on_entry_focus_leave (GtkEventControllerFocus *focus, OsParamPanel *panel)
{
  OsParamRow *row = row_of_entry (panel, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)));

  if (row != NULL)
    commit_entry (panel, row);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "panel-heading");
  return label;
}

static GtkWidget *
build_param_row (OsParamPanel *panel, OsParamId id)
{
  const OsParamInfo *info = os_param_info (id);
  OsParamRow *row = &panel->rows[id];
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkEventController *focus;
  g_autofree char *markup = NULL;
  g_autofree char *tooltip = NULL;
  double lo = value_to_position (id, info->min), hi = value_to_position (id, info->max);

  row->id = id;
  markup = g_markup_printf_escaped ("<b>%s</b>  %s%s", info->symbol, param_meaning[id],
                                    info->log_scale ? "  (log scale)" : "");
  gtk_label_set_markup (GTK_LABEL (name), markup);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "param-name");
  gtk_grid_attach (GTK_GRID (grid), name, 0, 0, 2, 1);

  row->adjustment = gtk_adjustment_new (value_to_position (id, os_params_get (&panel->params, id)),
                                        lo, hi, (hi - lo) / 500, (hi - lo) / 20, 0);
  row->scale = OS_SLIDER (os_slider_new (row->adjustment));
  gtk_widget_set_hexpand (GTK_WIDGET (row->scale), TRUE);
  tooltip = g_strdup_printf ("%s, %s: %g to %g%s", info->symbol, param_meaning[id],
                             info->min, info->max, info->log_scale ? " (logarithmic slider)" : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->scale), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, info->name, -1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (row->scale), 0, 1, 1, 1);

  row->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_enable_undo (GTK_EDITABLE (row->entry), FALSE);   /* Ctrl+Z: the parameter */
  gtk_editable_set_width_chars (GTK_EDITABLE (row->entry), 7);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (row->entry), 8);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->entry), tooltip);
  gtk_widget_add_css_class (GTK_WIDGET (row->entry), "numeric");
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (row->entry), 1, 1, 1, 1);
  set_entry_text (panel, row->entry, os_params_get (&panel->params, id));

  row->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->error, 0);
  gtk_label_set_wrap (row->error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->error), "error");
  gtk_widget_add_css_class (GTK_WIDGET (row->error), "caption");
  gtk_widget_set_visible (GTK_WIDGET (row->error), FALSE);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (row->error), 0, 2, 2, 1);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);

  g_signal_connect (row->adjustment, "value-changed", G_CALLBACK (on_scale_changed), panel);
  g_signal_connect (row->entry, "activate", G_CALLBACK (on_entry_activate), panel);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_focus_leave), panel);
  gtk_widget_add_controller (GTK_WIDGET (row->entry), focus);
  return grid;
}

/* -------------------------------------------------------- activations */

static void
on_activation_changed (GtkDropDown *dropdown, GParamSpec *pspec, OsParamPanel *panel)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  (void) pspec;
  if (dropdown == panel->student && i < panel->n_students)
    panel->params.student = panel->student_of[i];
  else if (dropdown == panel->teacher && i < panel->n_teachers)
    panel->params.teacher = panel->teacher_of[i];
  else
    return;
  emit_changed (panel);
}

static GtkDropDown *
build_activation_dropdown (OsParamPanel *panel, gboolean student)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n = 0;
  GtkDropDown *dropdown;

  for (int a = 0; a < OS_ACT_N; a++)
    if (student ? os_activation_is_student (a) : os_activation_is_teacher (a))
      {
        gtk_string_list_append (list, os_activation_label (a));
        if (student)
          panel->student_of[n++] = a;
        else
          panel->teacher_of[n++] = a;
      }
  if (student)
    panel->n_students = n;
  else
    panel->n_teachers = n;
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (list), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (dropdown), TRUE);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_activation_changed), panel);
  return dropdown;
}

static void
select_activations (OsParamPanel *panel)
{
  panel->updating++;
  for (guint i = 0; i < panel->n_students; i++)
    if (panel->student_of[i] == panel->params.student)
      gtk_drop_down_set_selected (panel->student, i);
  for (guint i = 0; i < panel->n_teachers; i++)
    if (panel->teacher_of[i] == panel->params.teacher)
      gtk_drop_down_set_selected (panel->teacher, i);
  panel->updating--;
}

/* ------------------------------------------------------------ x-axis */

void
os_param_panel_default_range (OsParamId axis, double *from, double *to, gboolean *log_spacing)
{
  os_axis_default_range (axis, from, to, log_spacing);
}

static void
show_range (OsParamPanel *panel)
{
  set_entry_text (panel, panel->from_entry, panel->sweep.from);
  set_entry_text (panel, panel->to_entry, panel->sweep.to);
  show_entry_error (panel->from_entry, panel->range_error, NULL);
  show_entry_error (panel->to_entry, panel->range_error, NULL);
}

static void
on_axis_changed (GtkDropDown *dropdown, GParamSpec *pspec, OsParamPanel *panel)
{
  guint axis = gtk_drop_down_get_selected (dropdown);

  (void) pspec;
  if (axis >= OS_PARAM_N || (OsParamId) axis == panel->sweep.axis)
    return;
  panel->sweep.axis = axis;
  os_param_panel_default_range (axis, &panel->sweep.from, &panel->sweep.to, &panel->sweep.log_spacing);
  show_range (panel);
  emit_changed (panel);
}

static void
commit_range (OsParamPanel *panel)
{
  const OsParamInfo *info = os_param_info (panel->sweep.axis);
  const char *from_text = gtk_editable_get_text (GTK_EDITABLE (panel->from_entry));
  const char *to_text = gtk_editable_get_text (GTK_EDITABLE (panel->to_entry));
  g_autofree char *msg = NULL;
  double from, to;
  GtkEntry *bad = NULL;

  if (!parse_number (from_text, &from))
    {
      msg = g_strdup_printf ("“%s” is not a number", from_text);
      bad = panel->from_entry;
    }
  else if (!parse_number (to_text, &to))
    {
      msg = g_strdup_printf ("“%s” is not a number", to_text);
      bad = panel->to_entry;
    }
  else if (!os_param_check (panel->sweep.axis, from, NULL))
    {
      msg = g_strdup_printf ("from %g is out of range: %s takes %g to %g", from, info->symbol, info->min, info->max);
      bad = panel->from_entry;
    }
  else if (!os_param_check (panel->sweep.axis, to, NULL))
    {
      msg = g_strdup_printf ("to %g is out of range: %s takes %g to %g", to, info->symbol, info->min, info->max);
      bad = panel->to_entry;
    }
  else if (!(from < to))
    {
      msg = g_strdup_printf ("“from” (%g) must be below “to” (%g)", from, to);
      bad = panel->to_entry;
    }
  if (bad != NULL)
    {
      show_entry_error (bad == panel->from_entry ? panel->to_entry : panel->from_entry,
                        panel->range_error, NULL);
      show_entry_error (bad, panel->range_error, msg);
      return;
    }
  show_entry_error (panel->from_entry, panel->range_error, NULL);
  show_entry_error (panel->to_entry, panel->range_error, NULL);
  if (from == panel->sweep.from && to == panel->sweep.to)
    return;
  panel->sweep.from = from;
  panel->sweep.to = to;
  emit_changed (panel);
}

static void
on_range_activate (GtkEntry *entry, OsParamPanel *panel)
{
  (void) entry;
  commit_range (panel);
}

static void
on_range_focus_leave (GtkEventControllerFocus *focus, OsParamPanel *panel)
{
  (void) focus;
  commit_range (panel);
}

static GtkEntry *
build_range_entry (OsParamPanel *panel, const char *tooltip)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);   /* Ctrl+Z: the parameter */
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 7);
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), tooltip);
  gtk_widget_set_hexpand (GTK_WIDGET (entry), TRUE);
  g_signal_connect (entry, "activate", G_CALLBACK (on_range_activate), panel);
  g_signal_connect (focus, "leave", G_CALLBACK (on_range_focus_leave), panel);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
  return entry;
}

/* ------------------------------------------------------ network size */

/* The spin button shows the d the finite-size theory uses: the
 * simulation's while it runs (then it is not editable), else its own. */
static void
show_network_size (OsParamPanel *panel)
{
  gboolean infinite = panel->network_d == 0;

  panel->updating++;
  gtk_check_button_set_active (panel->network_infinite, infinite);
  gtk_spin_button_set_value (panel->network_spin, panel->simulate ? panel->d : panel->network_last);
  gtk_widget_set_sensitive (GTK_WIDGET (panel->network_spin), !infinite && !panel->simulate);
  panel->updating--;
}

static void
on_network_changed (GObject *object, GParamSpec *pspec, OsParamPanel *panel)
{
  (void) object;
  (void) pspec;
  if (panel->updating > 0)
    return;
  if (!panel->simulate)
    panel->network_last = gtk_spin_button_get_value_as_int (panel->network_spin);
  panel->network_d = gtk_check_button_get_active (panel->network_infinite) ? 0 : panel->network_last;
  show_network_size (panel);
  emit_changed (panel);
}

/* -------------------------------------------------------- simulation */

static void
on_sim_changed (GObject *object, GParamSpec *pspec, OsParamPanel *panel)
{
  (void) object;
  (void) pspec;
  panel->simulate = gtk_switch_get_active (panel->sim_switch);
  panel->d = gtk_spin_button_get_value_as_int (panel->d_spin);
  panel->seeds = gtk_spin_button_get_value_as_int (panel->seeds_spin);
  panel->sim_points = gtk_spin_button_get_value_as_int (panel->points_spin);
  gtk_widget_set_sensitive (GTK_WIDGET (panel->d_spin), panel->simulate);
  gtk_widget_set_sensitive (GTK_WIDGET (panel->seeds_spin), panel->simulate);
  gtk_widget_set_sensitive (GTK_WIDGET (panel->points_spin), panel->simulate);
  if (panel->network_spin != NULL)
    show_network_size (panel);
  emit_changed (panel);
}

static GtkSpinButton *
build_spin (OsParamPanel *panel, double lo, double hi, double step, double value, const char *tooltip)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (lo, hi, step));

  gtk_spin_button_set_value (spin, value);
  gtk_spin_button_set_numeric (spin, TRUE);
  /* four digits (d up to 4000): the panel fits a 1024-pixel-wide screen */
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
  gtk_widget_set_tooltip_text (GTK_WIDGET (spin), tooltip);
  gtk_widget_set_hexpand (GTK_WIDGET (spin), TRUE);
  g_signal_connect (spin, "notify::value", G_CALLBACK (on_sim_changed), panel);
  return spin;
}

static GtkWidget *
labelled (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

/* ------------------------------------------------------------ object */

static void
os_param_panel_class_init (OsParamPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "parampanel");
}

static void
os_param_panel_init (OsParamPanel *panel)
{
  GtkBox *box = GTK_BOX (panel);
  GtkWidget *grid, *w;
  GtkStringList *axes;

  os_params_init_default (&panel->params);
  panel->sweep.axis = OS_PARAM_ALPHA;
  panel->sweep.points = 200;
  os_param_panel_default_range (OS_PARAM_ALPHA, &panel->sweep.from, &panel->sweep.to,
                                &panel->sweep.log_spacing);
  panel->simulate = FALSE;
  panel->d = 400;
  panel->seeds = 2;
  panel->sim_points = 8;
  panel->network_d = panel->network_last = OS_NETWORK_SIZE_DEFAULT;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (panel), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (box, 4);

  /* activations */
  gtk_box_append (box, heading ("Network"));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  panel->student = build_activation_dropdown (panel, TRUE);
  panel->teacher = build_activation_dropdown (panel, FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (panel->student), "Activation σ of the two-layer network");
  gtk_widget_set_tooltip_text (GTK_WIDGET (panel->teacher), "Target function σ* of the teacher, y = σ*(⟨θ*, x⟩)");
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 1);
  gtk_grid_attach (GTK_GRID (grid), labelled ("Student <b>σ</b>"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->student), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), labelled ("Teacher <b>σ*</b>"), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->teacher), 1, 1, 1, 1);
  gtk_box_append (box, grid);
  select_activations (panel);

  /* the six sliders */
  gtk_box_append (box, heading ("Parameters"));
  for (int id = 0; id < OS_PARAM_N; id++)
    gtk_box_append (box, build_param_row (panel, id));

  /* read-outs */
  gtk_box_append (box, heading ("At the slider values"));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (int i = 0; i < N_READOUTS; i++)
    {
      g_autofree char *sym = g_strdup_printf ("<b>%s</b>", readout_info[i].symbol);

      gtk_grid_attach (GTK_GRID (grid), labelled (sym), 0, i, 1, 1);
      w = labelled (readout_info[i].meaning);
      gtk_widget_add_css_class (w, "dim-label");
      gtk_widget_set_hexpand (w, TRUE);
      panel->meanings[i] = GTK_LABEL (w);
      gtk_grid_attach (GTK_GRID (grid), w, 1, i, 1, 1);
      panel->readouts[i] = GTK_INSCRIPTION (gtk_inscription_new ("—"));
      gtk_inscription_set_xalign (panel->readouts[i], 1);
      gtk_inscription_set_min_chars (panel->readouts[i], 8);
      gtk_inscription_set_nat_chars (panel->readouts[i], 8);
      gtk_widget_add_css_class (GTK_WIDGET (panel->readouts[i]), "numeric");
      gtk_widget_add_css_class (GTK_WIDGET (panel->readouts[i]), "readout-value");
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->readouts[i]), 2, i, 1, 1);
    }
  gtk_box_append (box, grid);

  /* x-axis */
  gtk_box_append (box, heading ("x-axis of the curves"));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  axes = gtk_string_list_new (NULL);
  for (int id = 0; id < OS_PARAM_N; id++)
    {
      g_autofree char *item = g_strdup_printf ("%s  %s", os_param_info (id)->symbol, param_meaning[id]);
      gtk_string_list_append (axes, item);
    }
  panel->axis = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (axes), NULL));
  gtk_drop_down_set_selected (panel->axis, panel->sweep.axis);
  gtk_widget_set_tooltip_text (GTK_WIDGET (panel->axis), "The parameter the test-error and order-parameter curves sweep");
  g_signal_connect (panel->axis, "notify::selected", G_CALLBACK (on_axis_changed), panel);
  gtk_grid_attach (GTK_GRID (grid), labelled ("Sweep"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->axis), 1, 0, 3, 1);
  panel->from_entry = build_range_entry (panel, "Start of the x range");
  panel->to_entry = build_range_entry (panel, "End of the x range");
  gtk_grid_attach (GTK_GRID (grid), labelled ("From"), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->from_entry), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), labelled ("to"), 2, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->to_entry), 3, 1, 1, 1);
  panel->range_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (panel->range_error, 0);
  gtk_label_set_wrap (panel->range_error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (panel->range_error), "error");
  gtk_widget_add_css_class (GTK_WIDGET (panel->range_error), "caption");
  gtk_widget_set_visible (GTK_WIDGET (panel->range_error), FALSE);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->range_error), 0, 2, 4, 1);
  gtk_box_append (box, grid);
  show_range (panel);

  /* simulation */
  gtk_box_append (box, heading ("Simulation of the real network"));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  panel->sim_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_halign (GTK_WIDGET (panel->sim_switch), GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (GTK_WIDGET (panel->sim_switch),
                               "Train the real two-layer network at finite size and plot it beside the theory");
  g_signal_connect (panel->sim_switch, "notify::active", G_CALLBACK (on_sim_changed), panel);
  gtk_grid_attach (GTK_GRID (grid), labelled ("Run"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->sim_switch), 1, 0, 1, 1);
  panel->d_spin = build_spin (panel, OS_WINDOW_MIN_D, OS_WINDOW_MAX_D, 50, panel->d, "Input dimension d (p = βd, n₀ = α₀d, n = αd)");
  panel->seeds_spin = build_spin (panel, 1, OS_WINDOW_MAX_SEEDS, 1, panel->seeds, "Independent repetitions averaged per point");
  panel->points_spin = build_spin (panel, 2, 40, 1, panel->sim_points, "Simulated points along the x-axis");
  /* one setting a row: the panel stays narrow enough for a 1024-pixel screen */
  gtk_grid_attach (GTK_GRID (grid), labelled ("<b>d</b>"), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->d_spin), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), labelled ("Seeds"), 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->seeds_spin), 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), labelled ("Points"), 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->points_spin), 1, 3, 1, 1);
  gtk_box_append (box, grid);

  /* the size of the network the theory describes (docs/SCIENCE.md §10) */
  gtk_box_append (box, heading ("Network size of the theory"));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  panel->network_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (OS_NETWORK_SIZE_MIN, OS_NETWORK_SIZE_MAX, 50));
  gtk_spin_button_set_value (panel->network_spin, panel->network_last);
  gtk_spin_button_set_numeric (panel->network_spin, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (panel->network_spin), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (panel->network_spin),
                               "Input dimension d of the network the theory curve describes: at a finite d "
                               "the spike must first leave the bulk, so ε_g does not jump at η̃ → 0⁺ "
                               "(docs/SCIENCE.md §10). While the simulation runs, its d.");
  g_signal_connect (panel->network_spin, "notify::value", G_CALLBACK (on_network_changed), panel);
  panel->network_infinite = GTK_CHECK_BUTTON (gtk_check_button_new_with_label ("d → ∞"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (panel->network_infinite),
                               "The asymptotic theory of the paper alone (Cui et al. 2024): ε_g jumps at "
                               "η̃ → 0⁺ there");
  g_signal_connect (panel->network_infinite, "notify::active", G_CALLBACK (on_network_changed), panel);
  gtk_grid_attach (GTK_GRID (grid), labelled ("<b>d</b>"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->network_spin), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (panel->network_infinite), 1, 1, 1, 1);   /* below: the panel stays narrow */
  gtk_box_append (box, grid);

  panel->updating++;
  on_sim_changed (NULL, NULL, panel);
  panel->updating--;

}

/* ------------------------------------------------------------ public */

GtkWidget *
os_param_panel_new (void)
{
  return g_object_new (OS_TYPE_PARAM_PANEL, NULL);
}

void
os_param_panel_get_params (OsParamPanel *panel, OsParams *out)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));
  *out = panel->params;
}

void
os_param_panel_get_view (OsParamPanel *panel, OsView *view)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));

  view->sweep.axis = panel->sweep.axis;
  view->sweep.from = panel->sweep.from;
  view->sweep.to = panel->sweep.to;
  view->sweep.log_spacing = panel->sweep.log_spacing;
  if (view->sweep.points < 2)
    view->sweep.points = panel->sweep.points;
  view->simulate = panel->simulate;
  view->sim.d = panel->d;
  view->sim.seeds = panel->seeds;
  view->sim_points = panel->sim_points;
  view->network_d = panel->network_d;
}

static void
show_params (OsParamPanel *panel)
{
  panel->updating++;
  for (int id = 0; id < OS_PARAM_N; id++)
    {
      double v = os_params_get (&panel->params, id);

      gtk_adjustment_set_value (panel->rows[id].adjustment, value_to_position (id, v));
      set_entry_text (panel, panel->rows[id].entry, v);
      show_entry_error (panel->rows[id].entry, panel->rows[id].error, NULL);
    }
  panel->updating--;
  select_activations (panel);
}

void
os_param_panel_set_params (OsParamPanel *panel, const OsParams *params)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));
  g_return_if_fail (params != NULL);

  panel->params = *params;
  show_params (panel);
  emit_changed (panel);
}

void
os_param_panel_set_value (OsParamPanel *panel, OsParamId id, double value)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));
  g_return_if_fail (id < OS_PARAM_N);
  g_return_if_fail (os_param_check (id, value, NULL));

  os_params_set (&panel->params, id, value);
  show_params (panel);
  emit_changed (panel);
}

void
os_param_panel_set_axis (OsParamPanel *panel, OsParamId axis)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));
  g_return_if_fail (axis < OS_PARAM_N);

  gtk_drop_down_set_selected (panel->axis, axis);   /* emits "changed" via on_axis_changed */
}

void
os_param_panel_set_range (OsParamPanel *panel, double from, double to)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));
  g_return_if_fail (from < to);
  g_return_if_fail (os_param_check (panel->sweep.axis, from, NULL));
  g_return_if_fail (os_param_check (panel->sweep.axis, to, NULL));

  panel->sweep.from = from;
  panel->sweep.to = to;
  show_range (panel);
  emit_changed (panel);
}

void
os_param_panel_set_simulation (OsParamPanel *panel, gboolean simulate, int d, int seeds)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));

  panel->updating++;
  gtk_spin_button_set_value (panel->d_spin, d);
  gtk_spin_button_set_value (panel->seeds_spin, seeds);
  gtk_switch_set_active (panel->sim_switch, simulate);
  on_sim_changed (NULL, NULL, panel);
  panel->updating--;
  emit_changed (panel);
}

void
os_param_panel_set_network_size (OsParamPanel *panel, int network_d)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));
  g_return_if_fail (network_d == 0 || (network_d >= OS_NETWORK_SIZE_MIN && network_d <= OS_NETWORK_SIZE_MAX));

  panel->network_d = network_d;
  if (network_d > 0)
    panel->network_last = network_d;
  show_network_size (panel);
  emit_changed (panel);
}

void
os_param_panel_set_compact (OsParamPanel *panel, gboolean compact)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));
  for (int i = 0; i < N_READOUTS; i++)
    gtk_label_set_wrap (panel->meanings[i], compact);
}

void
os_param_panel_show_readouts (OsParamPanel *panel, const OsFigure *figure)
{
  const OsFigureTheory *theory;
  double values[N_READOUTS];
  gboolean known[N_READOUTS];

  g_return_if_fail (OS_IS_PARAM_PANEL (panel));

  theory = figure != NULL ? figure->theory : NULL;
  for (int i = 0; i < N_READOUTS; i++)
    known[i] = theory != NULL;
  if (theory != NULL)
    {
      values[READOUT_R] = theory->current.r;
      values[READOUT_C] = theory->current.c;
      values[READOUT_GAMMA] = theory->current.gamma;
      values[READOUT_TEST_ERROR] = theory->current.test_error;
      values[READOUT_LINEAR] = theory->floors.linear;
      values[READOUT_SPIKE] = theory->floors.spike;
      values[READOUT_KERNEL] = theory->floors.kernel;
      known[READOUT_KERNEL] = theory->floors.kernel_converged;
      values[READOUT_FINITE] = theory->current_finite_error;
      values[READOUT_ETA_BBP] = theory->spike_size.eta_bbp;
      values[READOUT_S] = theory->spike_size.spike_singular;
      values[READOUT_BULK_EDGE] = theory->spike_size.bulk_edge;
      for (int i = READOUT_FINITE; i <= READOUT_BULK_EDGE; i++)
        known[i] = !isinf (theory->network_d) && isfinite (values[i]);
    }
  for (int i = 0; i < N_READOUTS; i++)
    {
      char buf[48];

      if (known[i])
        g_ascii_formatd (buf, sizeof buf, i == READOUT_S || i == READOUT_BULK_EDGE ? "%.4g" : "%.4f",
                         values[i]);
      else
        g_strlcpy (buf, i == READOUT_ETA_BBP && theory != NULL && !isinf (theory->network_d)
                        ? "none ≤ 10" : "—", sizeof buf);
      if (i == READOUT_TEST_ERROR && theory != NULL && !theory->current.converged)
        g_strlcat (buf, " (not converged)", sizeof buf);
      gtk_inscription_set_text (panel->readouts[i], buf);
    }
}

OsSlider *
os_param_panel_get_scale (OsParamPanel *panel, OsParamId id)
{
  g_return_val_if_fail (OS_IS_PARAM_PANEL (panel) && id < OS_PARAM_N, NULL);
  return panel->rows[id].scale;
}

GtkEditable *
os_param_panel_get_entry (OsParamPanel *panel, OsParamId id)
{
  g_return_val_if_fail (OS_IS_PARAM_PANEL (panel) && id < OS_PARAM_N, NULL);
  return GTK_EDITABLE (panel->rows[id].entry);
}

GtkLabel *
os_param_panel_get_error_label (OsParamPanel *panel, OsParamId id)
{
  g_return_val_if_fail (OS_IS_PARAM_PANEL (panel) && id < OS_PARAM_N, NULL);
  return panel->rows[id].error;
}

const char *
os_param_panel_get_readout (OsParamPanel *panel, const char *name)
{
  g_return_val_if_fail (OS_IS_PARAM_PANEL (panel), NULL);
  for (int i = 0; i < N_READOUTS; i++)
    if (g_str_equal (name, readout_info[i].name))
      return gtk_inscription_get_text (panel->readouts[i]);
  return NULL;
}

GtkDropDown *
os_param_panel_get_axis_dropdown (OsParamPanel *panel)
{
  g_return_val_if_fail (OS_IS_PARAM_PANEL (panel), NULL);
  return panel->axis;
}

gboolean
os_param_panel_check_simulation (int d, int seeds, GError **error)
{
  return os_flags_check_window_simulation (d, seeds, error);
}

void
os_param_panel_set_all (OsParamPanel *panel, const OsParams *params, const OsSweep *sweep,
                        gboolean simulate, int d, int seeds, int network_d)
{
  g_return_if_fail (OS_IS_PARAM_PANEL (panel));
  g_return_if_fail (params != NULL && sweep != NULL);
  g_return_if_fail (sweep->axis < OS_PARAM_N && sweep->points >= 2);
  g_return_if_fail (os_param_panel_check_simulation (d, seeds, NULL));

  panel->updating++;
  panel->params = *params;
  show_params (panel);
  panel->sweep = *sweep;
  gtk_drop_down_set_selected (panel->axis, sweep->axis);   /* same axis: no reset */
  show_range (panel);
  gtk_spin_button_set_value (panel->d_spin, d);
  gtk_spin_button_set_value (panel->seeds_spin, seeds);
  gtk_switch_set_active (panel->sim_switch, simulate);
  panel->network_d = CLAMP (network_d, 0, OS_NETWORK_SIZE_MAX);
  if (panel->network_d > 0)
    panel->network_last = MAX (panel->network_d, OS_NETWORK_SIZE_MIN);
  on_sim_changed (NULL, NULL, panel);
  panel->updating--;
  emit_changed (panel);
}
