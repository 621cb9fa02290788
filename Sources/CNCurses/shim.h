#ifndef GATEWATCH_CNCURSES_SHIM_H
#define GATEWATCH_CNCURSES_SHIM_H

/* SwiftPM drops the -D flags pkg-config gives for ncursesw: define the
   wide-character switch here, before the header, or cchar_t/get_wch vanish. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncurses.h>

/* Swift 6 rejects C mutable globals and function-like macros: accessors. */
static inline WINDOW *gw_stdscr(void) { return stdscr; }
static inline int gw_lines(void) { return LINES; }
static inline int gw_cols(void) { return COLS; }
static inline int gw_colors(void) { return COLORS; }
static inline int gw_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *gw_stdin(void) { return stdin; }
static inline FILE *gw_stdout(void) { return stdout; }
static inline attr_t gw_a_bold(void) { return A_BOLD; }
static inline attr_t gw_a_reverse(void) { return A_REVERSE; }
static inline attr_t gw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gw_a_dim(void) { return A_DIM; }
static inline attr_t gw_a_normal(void) { return A_NORMAL; }
static inline int gw_key_resize(void) { return KEY_RESIZE; }
static inline int gw_key_mouse(void) { return KEY_MOUSE; }

/* The ncurses version string, for smoke tests and --version output. */
static inline const char *gw_curses_version(void) { return curses_version(); }

#endif
