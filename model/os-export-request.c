/* os-export-request.c — an export's settings, its parameter lines and the
 * command line that reproduces it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-export-request.h"
#include "os-flags.h"

#include <math.h>
#include <string.h>

void
os_export_request_init (OsExportRequest *request)
{
  memset (request, 0, sizeof *request);
  request->plot = "all";
  os_params_init_default (&request->params);
  os_view_init_default (&request->view);
  os_figure_style_init_export (&request->style);
  os_page_size_init (&request->page, 1200, 800);
  request->quantity = OS_PHASE_TEST_ERROR;
  request->y_axis = (OsSweep) { OS_PARAM_ETA, 0.0, 10.0, 64, FALSE };
  request->phase_points = 64;
}

const char *
os_export_software (void)
{
  return "One-Step Explorer " OS_VERSION;
}

static const char *
shortest (char buf[G_ASCII_DTOSTR_BUF_SIZE], double v)
{
  return os_decimal_format (v, buf);
}

static void
append_number (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, shortest (buf, v));
}

static gboolean
is_phase (const OsExportRequest *r)
{
  return g_strcmp0 (r->plot, "phase") == 0;
}

/* Whether the plot draws the simulation (a phase diagram never does). */
static gboolean
simulates (const OsExportRequest *r)
{
  return r->view.simulate && !is_phase (r);
}

/* The network size of the finite-size theory as a flag's value: "inf" for
 * d → ∞. A phase diagram does not run the network, so it gives the d its
 * theory used (the simulation's while it runs); the other plots give the
 * idle size, and --simulate --d the rest. */
static void
network_size_word (const OsExportRequest *r, char *buf, gsize size)
{
  double d = is_phase (r) ? os_view_network_d (&r->view) : (r->view.network_d > 0 ? r->view.network_d : INFINITY);

  if (isinf (d))
    g_strlcpy (buf, "inf", size);
  else
    g_snprintf (buf, size, "%.0f", d);
}

char *
os_export_request_parameters (const OsExportRequest *r)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "plot=%s\nstudent=%s\nteacher=%s\n", r->plot, os_activation_name (r->params.student),
                          os_activation_name (r->params.teacher));
  for (int id = 0; id < OS_PARAM_N; id++)
    {
      g_string_append_printf (s, "%s=", os_param_info (id)->name);
      append_number (s, os_params_get (&r->params, id));
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, "x_axis=%s\nx_from=", os_param_info (r->view.sweep.axis)->name);
  append_number (s, r->view.sweep.from);
  g_string_append (s, "\nx_to=");
  append_number (s, r->view.sweep.to);
  g_string_append_printf (s, "\nx_points=%d\nx_log=%s\n", is_phase (r) ? r->phase_points : r->view.sweep.points,
                          r->view.sweep.log_spacing ? "true" : "false");
  {
    char d[32];

    network_size_word (r, d, sizeof d);
    g_string_append_printf (s, "network_size=%s\n", d);
  }
  if (is_phase (r))
    {
      g_string_append_printf (s, "quantity=%s\ny_axis=%s\ny_from=", os_flags_quantity_name (r->quantity),
                              os_param_info (r->y_axis.axis)->name);
      append_number (s, r->y_axis.from);
      g_string_append (s, "\ny_to=");
      append_number (s, r->y_axis.to);
      g_string_append_printf (s, "\ny_points=%d\n", r->phase_points);
    }
  else
    {
      g_string_append_printf (s, "spectrum=%s\ncentered=%s\nspectrum_log=%s\nsimulate=%s\n",
                              r->view.spectrum_matrix == OS_SPECTRUM_FEATURES ? "features" : "weights",
                              r->view.spectrum_centered ? "true" : "false", r->view.spectrum_log ? "true" : "false",
                              r->view.simulate ? "true" : "false");
      if (simulates (r))
        g_string_append_printf (s, "d=%d\nseeds=%d\nseed=%" G_GUINT64_FORMAT "\nsim_points=%d\n", r->view.sim.d,
                                r->view.sim.seeds, r->view.sim.seed, r->view.sim_points);
    }
  return g_string_free (s, FALSE);
}

/* a word for a POSIX shell: as it is when it is plain, else quoted */
static void
append_word (GString *s, const char *word)
{
  gboolean plain = *word != '\0';

  for (const char *p = word; *p && plain; p++)
    plain = g_ascii_isalnum (*p) || strchr ("_-+./,=:@%", *p) != NULL;
  g_string_append_c (s, ' ');
  if (plain)
    g_string_append (s, word);
  else
    {
      g_autofree char *quoted = g_shell_quote (word);
      g_string_append (s, quoted);
    }
}

static void
append_flag (GString *s, const char *flag, const char *value)
{
  append_word (s, flag);
  if (value != NULL)
    append_word (s, value);
}

static void
append_flag_number (GString *s, const char *flag, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  append_flag (s, flag, shortest (buf, v));
}

char *
os_export_request_command (const OsExportRequest *r, const char *output, const char *csv)
{
  GString *s = g_string_new ("onestep-explorer export");
  const OsSweep *x = &r->view.sweep;
  char buf[64];

  append_flag (s, "--plot", r->plot);
  append_flag (s, "--student", os_activation_name (r->params.student));
  append_flag (s, "--teacher", os_activation_name (r->params.teacher));
  for (int id = 0; id < OS_PARAM_N; id++)
    {
      g_autofree char *flag = g_strdup_printf ("--%s", os_param_info (id)->name);
      append_flag_number (s, flag, os_params_get (&r->params, id));
    }
  append_flag (s, "--x-axis", os_param_info (x->axis)->name);
  append_flag_number (s, "--from", x->from);
  append_flag_number (s, "--to", x->to);
  g_snprintf (buf, sizeof buf, "%d", is_phase (r) ? r->phase_points : x->points);
  append_flag (s, "--points", buf);
  append_flag (s, x->log_spacing ? "--log" : "--linear", NULL);
  network_size_word (r, buf, sizeof buf);
  append_flag (s, "--network-size", buf);
  if (is_phase (r))
    {
      append_flag (s, "--quantity", os_flags_quantity_name (r->quantity));
      append_flag (s, "--y-axis", os_param_info (r->y_axis.axis)->name);
      append_flag_number (s, "--y-from", r->y_axis.from);
      append_flag_number (s, "--y-to", r->y_axis.to);
    }
  else
    {
      append_flag (s, "--spectrum", r->view.spectrum_matrix == OS_SPECTRUM_FEATURES ? "features" : "weights");
      if (r->view.spectrum_centered)
        append_flag (s, "--centered", NULL);
      if (r->view.spectrum_log)
        append_flag (s, "--spectrum-log", NULL);
      if (simulates (r))
        {
          append_flag (s, "--simulate", NULL);
          g_snprintf (buf, sizeof buf, "%d", r->view.sim.d);
          append_flag (s, "--d", buf);
          g_snprintf (buf, sizeof buf, "%d", r->view.sim.seeds);
          append_flag (s, "--seeds", buf);
          g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, r->view.sim.seed);
          append_flag (s, "--seed", buf);
          g_snprintf (buf, sizeof buf, "%d", r->view.sim_points);
          append_flag (s, "--sim-points", buf);
        }
    }
  if (r->presentation)
    append_flag (s, "--presentation", NULL);
  {
    g_autofree char *w = os_length_to_string (r->page.width);
    g_autofree char *h = os_length_to_string (r->page.height);

    append_flag (s, "--width", w);
    append_flag (s, "--height", h);
  }
  if (r->page.dpi != OS_DPI_DEFAULT)
    append_flag_number (s, "--dpi", r->page.dpi);
  if (r->page.scale != 1.0)
    append_flag_number (s, "--scale", r->page.scale);
  if (r->style.legend != OS_LEGEND_BEST)
    append_flag (s, "--legend", os_legend_place_name (r->style.legend));
  if (!r->style.title)
    append_flag (s, "--no-title", NULL);
  if (r->style.marker && !is_phase (r))
    append_flag (s, "--marker", NULL);
  if (r->style.font_size > 0)
    append_flag_number (s, "--font-size", r->style.font_size);
  if (r->style.log_y && !is_phase (r))
    append_flag (s, "--log-y", NULL);
  if (r->style.y_fixed && !is_phase (r))
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *v = g_strdup_printf ("%s,%s", shortest (a, r->style.y_min), shortest (b, r->style.y_max));
      append_flag (s, "--ylim", v);
    }
  if (output != NULL)
    append_flag (s, "--output", output);
  if (csv != NULL)
    append_flag (s, "--csv", csv);
  return g_string_free (s, FALSE);
}
