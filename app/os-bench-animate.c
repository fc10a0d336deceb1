/* os-bench-animate.c — `onestep-explorer bench animate`: the time a frame
 * of `export --animate` takes at 1280 × 720, and where it goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "os-bench.h"
#include "os-animate.h"

/* Each repeat records 24 frames of the default animation (η̃ from 0 to 3,
 * all four plots, theory only, as the window's recording) in each format
 * this machine can write; the medians over repeats of the time a frame
 * took, in all and by stage. The recording thread draws while GStreamer
 * encodes in its own thread, so the stages add up to more than the whole
 * when they overlap only through appsrc's queue. */
int
os_bench_animate (int repeats)
{
  const int frames = 24, width = 1280, height = 720;
  OsParams params;
  OsView view;
  OsPlotTheme theme;
  OsAnimation animation;

  repeats = MAX (1, MIN (repeats, 9));   /* a repeat records a whole video */
  os_params_init_default (&params);
  os_view_init_default (&view);
  os_plot_theme_init_default (&theme);
  os_animation_init_default (&animation);
  animation.frames = frames;
  g_print ("bench animate: export --animate eta --from 0 --to 3 --frames %d at %d×%d, all four plots, "
           "theory only, %d repeats (medians)\n", frames, width, height, repeats);
  for (int f = 0; f < OS_VIDEO_N; f++)
    {
      g_autofree double *total = g_new (double, repeats), *model = g_new (double, repeats);
      g_autofree double *draw = g_new (double, repeats), *encode = g_new (double, repeats);
      g_autoptr (GError) error = NULL;
      const char *name = os_video_format_name (f);
      g_autofree char *key = g_ascii_strdown (name, -1);

      if (!os_video_check_encoder (f, &error))
        {
          g_print ("  %s: skipped (%s)\n", name, error->message);
          continue;
        }
      for (int r = 0; r < repeats; r++)
        {
          OsAnimateStats st;
          g_autoptr (GBytes) bytes = os_animate_record (&params, &view, &animation, OS_PLOT_ALL, &theme, NULL, f,
                                                        width, height, NULL, NULL, NULL, &st, &error);

          if (bytes == NULL)
            {
              g_printerr ("bench animate: %s failed: %s\n", name, error->message);
              return 1;
            }
          total[r] = 1e3 * st.total_s / st.frames;
          model[r] = 1e3 * st.compute_s / st.frames;
          draw[r] = 1e3 * st.render_s / st.frames;
          encode[r] = 1e3 * st.encode_s / st.frames;
        }
      g_print ("animate_%s_ms_per_frame=%.1f model_ms=%.1f draw_ms=%.1f encoder_ms=%.1f\n", key,
               os_bench_median (total, repeats), os_bench_median (model, repeats),
               os_bench_median (draw, repeats), os_bench_median (encode, repeats));
    }
  return 0;
}
