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

/* Console additions: attributes, mouse masks and signal helpers that are macros or unions in C. */
#include <signal.h>
#include <langinfo.h>

static inline int gw_wattr_set(WINDOW *win, attr_t attrs, short pair) { return wattr_set(win, attrs, pair, NULL); }
static inline mmask_t gw_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gw_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t gw_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t gw_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t gw_button4_pressed(void) { return BUTTON4_PRESSED; }
#if defined(BUTTON5_PRESSED)
static inline mmask_t gw_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t gw_button5_pressed(void) { return 0; }
#endif
/* The locale's character set after setlocale(LC_ALL, ""): "UTF-8", "ANSI_X3.4-1968"... */
static inline const char *gw_codeset(void) { return nl_langinfo(CODESET); }
/* Installs a plain handler for sig, keeping the previous action in *old (sigaction's union is awkward in Swift). */
static inline int gw_sigaction_install(int sig, void (*handler)(int), struct sigaction *old) {
    struct sigaction action;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    action.sa_handler = handler;
    return sigaction(sig, &action, old);
}
/* Puts back an action saved by gw_sigaction_install. */
static inline int gw_sigaction_restore(int sig, const struct sigaction *old) { return sigaction(sig, old, NULL); }
/* Calls a saved plain handler (not SIG_DFL, SIG_IGN or an SA_SIGINFO one) to chain to it; 1 when it did. */
static inline int gw_sigaction_chain(int sig, const struct sigaction *old) {
    if (old->sa_flags & SA_SIGINFO) return 0;
    if (old->sa_handler == SIG_DFL || old->sa_handler == SIG_IGN || old->sa_handler == NULL) return 0;
    old->sa_handler(sig);
    return 1;
}

/* The ncurses version string, for smoke tests and --version output. */
static inline const char *gw_curses_version(void) { return curses_version(); }

#endif
