/* os-export-meta.h — provenance inside every exported file: the program
 * and its version, every parameter, and the command line that draws the
 * same figure again. PNG: tEXt and iTXt chunks (and the pixel density in
 * pHYs); SVG: a <metadata> element (Dublin Core); PDF: the document
 * information (Title, Author, Subject, Keywords, Creator); CSV: leading
 * lines starting with '#' (pandas.read_csv (…, comment='#') skips them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *title;        /* plain text: "Test error"                   */
  const char *parameters;   /* "key=value" lines                          */
  const char *command;      /* "onestep-explorer export …" (nullable)      */
} OsProvenance;

/* The PNG with the chunks inserted after IHDR: tEXt Software, iTXt Title,
 * iTXt Description (the parameters), iTXt Command, and pHYs at dpi (0:
 * none). NULL if png is not a PNG. */
GBytes *os_provenance_png        (GBytes *png, const OsProvenance *p, double dpi);
/* The SVG with a <metadata> element first inside <svg>. */
GBytes *os_provenance_svg        (GBytes *svg, const OsProvenance *p);
/* Sets the PDF surface's document information (before it is finished). */
void    os_provenance_pdf        (cairo_surface_t *pdf, const OsProvenance *p);
/* "# One-Step Explorer 0.1.0 …\n# command: …\n# key=value\n…" */
char   *os_provenance_csv_header (const OsProvenance *p);

G_END_DECLS
