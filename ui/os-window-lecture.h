/* os-window-lecture.h — what the window adds for a lecture (issue #14),
 * shared by its files: the whole view (os-window-view.c: hidden series,
 * pins, the state of os-state.h, copy as command line), the player
 * (os-window-player.c: play a parameter), the recorder
 * (os-window-record.c: the animation to a video, with progress and
 * Cancel), presenter mode (os-window-presenter.c: a lesson's steps and
 * captions), the keyboard shortcuts window (os-window-shortcuts.c) and
 * About (os-window-about.c). One pointer in OsWindow holds it all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "os-window-private.h"
#include "os-lesson.h"
#include "os-lesson-facts.h"
#include "os-state.h"

G_BEGIN_DECLS

typedef struct _OsLecture OsLecture;

struct _OsLecture
{
  /* what the plots show */
  guint64      hidden;                     /* OS_SERIES_BIT of hidden series */
  int          n_pins;
  OsParams     pins[OS_STATE_MAX_PINS];
  OsFigure    *pin_figures[OS_STATE_MAX_PINS];   /* computed, or NULL        */
  GCancellable *pin_cancellable;            /* the pins' job               */

  /* the player */
  gboolean     animate;                    /* an animation is set          */
  OsAnimation  animation;
  gboolean     playing;
  int          frame;                      /* of os_animation_n_frames ()  */
  guint        tick;                       /* the frame clock's callback    */
  gint64       frame_due_us;               /* when the next frame is due    */
  GtkWidget   *player_bar;
  GtkButton   *play_button, *step_button;
  GtkLabel    *player_label;
  GtkMenuButton *player_settings;
  GtkDropDown *anim_param;
  GtkSpinButton *anim_from, *anim_to, *anim_frames, *anim_fps;
  GtkSwitch   *anim_bounce;
  int          player_updating;

  /* the recorder */
  GCancellable *record_cancellable;
  GtkRevealer *record_bar;
  GtkLabel    *record_label;
  OsProgress  *record_progress;
  char        *record_path;

  /* presenter mode */
  OsLesson    *lesson;
  int          step;                       /* 0-based                       */
  gboolean     presenting;
  GtkRevealer *caption_bar;
  GtkLabel    *caption_title, *caption_label, *caption_counter;
  GtkEventController *presenter_keys;
  char        *caption_markup;             /* on screen, numbers filled in  */

  gboolean     disposed;                   /* the widgets above are gone    */
};

/* os-window-lecture.c: the whole of it */
void  os_window_lecture_class_init   (GtkWidgetClass *widget_class);
void  os_window_lecture_init         (OsWindow *window);
void  os_window_lecture_dispose      (OsWindow *window);
/* A new snapshot was shown (the caption's numbers follow it). */
void  os_window_lecture_figure_shown (OsWindow *window);

/* os-window-view.c */
void  os_window_view_class_init      (GtkWidgetClass *widget_class);
void  os_window_view_pins_changed    (OsWindow *window);
void  os_window_view_dispose         (OsWindow *window);
/* Clicks and drags on the test-error and order-parameter plots move the
 * x-axis parameter, as the phase diagram's clicks do. */
void  os_window_view_init_picking    (OsWindow *window);
/* The engine showed a new snapshot: pins along a new axis are computed again. */
void  os_window_view_figure_changed  (OsWindow *window);
/* figure with what the window draws of it: hidden series and pins (a new
 * reference; NULL for NULL). */
OsFigure *os_window_view_shown       (OsWindow *window, OsFigure *figure);
/* Hands the newest snapshot to every plot, as shown. */
void  os_window_view_refresh_plots   (OsWindow *window);

/* os-window-player.c */
void  os_window_player_build         (OsWindow *window, GtkBox *bar);
void  os_window_player_class_init    (GtkWidgetClass *widget_class);
void  os_window_player_dispose       (OsWindow *window);
void  os_window_player_show          (OsWindow *window);
void  os_window_player_add_space     (OsWindow *window);

/* os-window-record.c */
void  os_window_record_build         (OsWindow *window);
void  os_window_record_class_init    (GtkWidgetClass *widget_class);
void  os_window_record_dispose       (OsWindow *window);

/* os-window-presenter.c */
void  os_window_presenter_build      (OsWindow *window);
void  os_window_presenter_class_init (GtkWidgetClass *widget_class);
void  os_window_presenter_dispose    (OsWindow *window);
void  os_window_presenter_refresh    (OsWindow *window);

/* os-window-shortcuts.c, os-window-about.c */
void  os_window_shortcuts_class_init (GtkWidgetClass *widget_class);
void  os_window_about_class_init     (GtkWidgetClass *widget_class);

G_END_DECLS
