/* os-window-about.c — About One-Step Explorer: the version, the licence,
 * the paper the program is built on (citation and arXiv id) and where its
 * documentation is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-lecture.h"

#define PAPER_URL "https://arxiv.org/abs/2402.04980"

GtkWindow *
os_window_show_about (OsWindow *self)
{
  static const char *authors[] = { "The One-Step Explorer developers", NULL };
  static const char *paper[] = {
    "Hugo Cui, Luca Pesce, Yatin Dandi, Florent Krzakala, Yue M. Lu, Lenka Zdeborová, Bruno Loureiro", NULL
  };
  GtkAboutDialog *about = GTK_ABOUT_DIALOG (gtk_about_dialog_new ());

  gtk_about_dialog_set_program_name (about, "One-Step Explorer");
  gtk_about_dialog_set_version (about, OS_VERSION);
  gtk_about_dialog_set_logo_icon_name (about, "org.onestep.Explorer");
  gtk_about_dialog_set_comments (about,
    "A two-layer network after one giant gradient step is a spiked random-features model, and "
    "learns a non-linear function along the spike: the theory of\n\n"
    "H. Cui, L. Pesce, Y. Dandi, F. Krzakala, Y. M. Lu, L. Zdeborová, B. Loureiro, "
    "“Asymptotics of feature learning in two-layer networks after one gradient-step”, "
    "ICML 2024, arXiv:2402.04980,\n\n"
    "computed in real time beside the real network. README.md says how to use it; "
    "docs/SCIENCE.md gives the science and the checks.");
  gtk_about_dialog_set_website (about, PAPER_URL);
  gtk_about_dialog_set_website_label (about, "The paper: arXiv:2402.04980");
  gtk_about_dialog_set_license_type (about, GTK_LICENSE_GPL_3_0);
  gtk_about_dialog_set_authors (about, authors);
  gtk_about_dialog_add_credit_section (about, "The theory (ICML 2024)", paper);
  gtk_window_set_transient_for (GTK_WINDOW (about), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_present (GTK_WINDOW (about));
  return GTK_WINDOW (about);
}

static void
action_about (GtkWidget *widget, const char *name, GVariant *parameter)
{
  (void) name;
  (void) parameter;
  os_window_show_about (OS_WINDOW (widget));
}

void
os_window_about_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.about", NULL, action_about);
}
