/* os-window-lecture.c — the lecture's part of the window, put together:
 * the bars below the plots (the lesson's caption, the recording's
 * progress, the player), the menu's "Lecture" section and its last one
 * (Keyboard Shortcuts, About), the actions of os-window-{view,player,
 * record,presenter,shortcuts,about}.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-window-lecture.h"

void
os_window_lecture_class_init (GtkWidgetClass *widget_class)
{
  os_window_view_class_init (widget_class);
  os_window_player_class_init (widget_class);
  os_window_record_class_init (widget_class);
  os_window_presenter_class_init (widget_class);
  os_window_shortcuts_class_init (widget_class);
  os_window_about_class_init (widget_class);
}

static void
lecture_free (gpointer data)
{
  g_free (data);
}

/* The primary menu's "Lecture" section, and Keyboard Shortcuts and About
 * above Quit (GNOME's place for them). (The recording and Copy as command
 * line are in its Export section, resources/os-window.ui.) */
static void
extend_menu (OsWindow *self)
{
  GMenuModel *model = gtk_menu_button_get_menu_model (self->menu_button);
  g_autoptr (GMenu) lecture = g_menu_new ();
  g_autoptr (GMenu) lessons = g_menu_new ();
  g_autoptr (GMenu) help = g_menu_new ();
  g_autoptr (GMenuItem) item = NULL;

  if (!G_IS_MENU (model))
    return;
  for (const char *const *id = os_lesson_builtin_ids (); *id != NULL; id++)
    {
      g_autoptr (OsLesson) lesson = os_lesson_load_builtin (*id, NULL);
      g_autofree char *action = g_strdup_printf ("win.open-lesson::%s", *id);

      if (lesson != NULL)
        g_menu_append (lessons, lesson->title, action);
    }
  g_menu_append (lessons, "From a file…", "win.open-lesson-file");
  g_menu_append (lecture, "Play or pause the animation", "win.play");
  g_menu_append (lecture, "Pin the curves", "win.pin");
  g_menu_append (lecture, "Unpin all", "win.unpin-all");
  g_menu_append_submenu (lecture, "Open a lesson", G_MENU_MODEL (lessons));
  g_menu_append (lecture, "Leave the lesson", "win.close-lesson");
  item = g_menu_item_new_section ("Lecture", G_MENU_MODEL (lecture));
  g_menu_insert_item (G_MENU (model), MAX (0, g_menu_model_get_n_items (model) - 1), item);
  g_menu_append (help, "Keyboard Shortcuts", "win.shortcuts");
  g_menu_append (help, "About One-Step Explorer", "win.about");
  g_menu_insert_section (G_MENU (model), MAX (0, g_menu_model_get_n_items (model) - 1), NULL, G_MENU_MODEL (help));
}

void
os_window_lecture_init (OsWindow *self)
{
  OsLecture *L = g_new0 (OsLecture, 1);
  GtkWidget *content = gtk_widget_get_parent (GTK_WIDGET (self->page_stack));
  GtkWidget *player = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* freed with the window (a recording's last callback may come after
   * dispose: it checks `disposed`) */
  g_object_set_data_full (G_OBJECT (self), "os-lecture", L, lecture_free);
  self->lecture = L;
  gtk_widget_add_css_class (player, "player-bar");
  L->player_bar = player;
  os_window_player_build (self, GTK_BOX (player));
  os_window_record_build (self);
  os_window_presenter_build (self);
  /* below the plots, above the bottom line: caption, recording, player */
  gtk_box_insert_child_after (GTK_BOX (content), player, GTK_WIDGET (self->page_stack));
  gtk_box_insert_child_after (GTK_BOX (content), GTK_WIDGET (L->record_bar), GTK_WIDGET (self->page_stack));
  gtk_box_insert_child_after (GTK_BOX (content), GTK_WIDGET (L->caption_bar), GTK_WIDGET (self->page_stack));
  os_window_player_add_space (self);
  os_window_view_init_picking (self);
  extend_menu (self);
  os_window_view_pins_changed (self);
}

void
os_window_lecture_dispose (OsWindow *self)
{
  OsLecture *L = self->lecture;

  if (L == NULL || L->disposed)
    return;
  os_window_player_dispose (self);
  os_window_view_dispose (self);
  os_window_record_dispose (self);
  os_window_presenter_dispose (self);
  L->disposed = TRUE;
}

void
os_window_lecture_figure_shown (OsWindow *self)
{
  if (self->lecture != NULL && !self->lecture->disposed)
    {
      os_window_view_figure_changed (self);
      os_window_presenter_refresh (self);
    }
}
