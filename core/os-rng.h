/* os-rng.h — the seeded random numbers of the simulation (THEORY.md §1).
 *
 * xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021), seeded through splitmix64 as its authors
 * recommend; independent streams by the generator's jump (2^128 steps per
 * stream, so the streams never overlap). Normal deviates by the 128-layer
 * ziggurat of Marsaglia & Tsang (2000) in Doornik's form (ZIGNOR, 2005): the
 * layer index and the uniform come from disjoint bits of one 64-bit output,
 * which removes the correlation Doornik found in the original.
 *
 * Everything here is a pure function of the seed: the same seed gives the same
 * numbers on every run, whatever the thread count of BLAS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} OsRng;

/* One step of splitmix64 (Steele, Lea & Flood 2014): advances *state and
 * returns the next output. */
guint64 os_splitmix64_next  (guint64 *state);

/* Seeds rng from a 64-bit seed: the four state words are the first four
 * outputs of splitmix64 started at seed (never all zero). */
void    os_rng_init         (OsRng *rng, guint64 seed);

/* os_rng_init (seed), then `stream` jumps: stream k starts 2^128·k outputs
 * into the sequence of the seed, so streams 0, 1, 2, ... do not overlap. */
void    os_rng_init_stream  (OsRng *rng, guint64 seed, guint stream);

/* Sets the raw state (for the published test vectors); not all zero. */
void    os_rng_set_state    (OsRng *rng, const guint64 state[4]);

/* The next 64-bit output of xoshiro256**. */
guint64 os_rng_next         (OsRng *rng);

/* Advances the state by 2^128 outputs (the reference jump polynomial). */
void    os_rng_jump         (OsRng *rng);

/* Uniform on [0, 1) with 53 random bits (the top bits of one output). */
double  os_rng_uniform      (OsRng *rng);

/* A standard normal deviate (ziggurat). */
double  os_rng_normal       (OsRng *rng);

/* out[i] = os_rng_normal (rng) for i = 0 … n−1, in order. */
void    os_rng_fill_normal  (OsRng *rng, double *out, gsize n);

G_END_DECLS
