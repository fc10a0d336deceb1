/* os-series.h — the series a lecturer can show or hide, named once: the
 * plots tag what they draw with these ids (plot/), the window's legend
 * toggles them, and parameter sets, lessons and the command line
 * (--hide) spell them. A hidden series stays hidden in every export.
 *
 * "kernel" is the η̃ = 0 baseline wherever it is drawn: the kernel error
 * curve and the kernel's learned function.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* test error */
  OS_SERIES_ID_TEST,              /* "test": ε_g, theory                      */
  OS_SERIES_ID_TRAIN,             /* "train": ε_t, theory                     */
  OS_SERIES_ID_KERNEL,            /* "kernel": η̃ = 0, error and function     */
  OS_SERIES_ID_FLOOR_LINEAR,      /* "floor-linear": ε_lin                    */
  OS_SERIES_ID_FLOOR_SPIKE,       /* "floor-spike": ε_spike                   */
  OS_SERIES_ID_OPTIMAL_ETA,       /* "optimal-eta": ε_g at η̃*                 */
  OS_SERIES_ID_NETWORK_TEST,      /* "network-test": simulated ε_g            */
  OS_SERIES_ID_NETWORK_TRAIN,     /* "network-train": simulated ε_t           */
  OS_SERIES_ID_SLIDER,            /* "slider": the marker at the sliders      */
  /* spectrum */
  OS_SERIES_ID_SPECTRUM_INIT,     /* "spectrum-init": at initialisation       */
  OS_SERIES_ID_SPECTRUM_STEP,     /* "spectrum-step": after the step          */
  OS_SERIES_ID_OUTLIERS,          /* "outliers": edges and outliers marked    */
  /* order parameters */
  OS_SERIES_ID_M,                 /* "m"                                      */
  OS_SERIES_ID_Q1,                /* "q1"                                     */
  OS_SERIES_ID_Q2,                /* "q2"                                     */
  OS_SERIES_ID_THETA,             /* "theta"                                  */
  OS_SERIES_ID_PSI,               /* "psi"                                    */
  OS_SERIES_ID_NETWORK_OVERLAPS,  /* "network-overlaps": simulated            */
  /* learned function */
  OS_SERIES_ID_LEARNED,           /* "learned": f̂(κ) after the step           */
  OS_SERIES_ID_TARGET,            /* "target": h(κ)                           */
  OS_SERIES_ID_N,
  OS_SERIES_ID_NONE = OS_SERIES_ID_N   /* a series that cannot be hidden     */
} OsSeriesId;

#define OS_SERIES_BIT(id) (G_GUINT64_CONSTANT (1) << (id))

const char *os_series_id_name      (OsSeriesId id);
gboolean    os_series_id_from_name (const char *name, OsSeriesId *out);
/* "test, train, kernel, …" */
char       *os_series_id_names     (void);

/* A comma-separated list of names ("floor-spike,train"; empty: none) as a
 * mask of OS_SERIES_BIT; OS_ERROR_INVALID_ARGUMENT names the unknown one
 * and lists the valid names. */
gboolean    os_series_mask_parse   (const char *text, guint64 *mask, GError **error);
/* The mask as that list, in id order ("" for none). */
char       *os_series_mask_format  (guint64 mask);

G_END_DECLS
