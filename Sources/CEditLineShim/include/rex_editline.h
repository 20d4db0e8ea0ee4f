#ifndef REX_EDITLINE_H
#define REX_EDITLINE_H
// libedit's el_set/el_get/history are C variadic functions, which Swift cannot
// call; these fixed-signature wrappers can be called.
#include <stdio.h>
#include <histedit.h>

/// Creates an editor whose prompt is the text last given to rex_el_set_prompt.
EditLine *rex_el_init(const char *program, FILE *in, FILE *out, FILE *err);
void rex_el_end(EditLine *el);
/// Sets the prompt text (copied).
void rex_el_set_prompt(EditLine *el, const char *prompt);
void rex_el_set_editor(EditLine *el, const char *mode);
void rex_el_set_history(EditLine *el, History *h);
/// Turns terminal signal handling (Ctrl-C while reading) on in libedit.
void rex_el_set_signal(EditLine *el, int on);
/// Binds TAB to a completion function: it gets the line buffer and cursor and
/// returns CC_* codes (see histedit.h).
typedef unsigned char (*rex_completion_fn)(EditLine *el, int ch);
void rex_el_bind_completion(EditLine *el, rex_completion_fn fn);
/// Stores / reads an opaque pointer owned by the caller.
void rex_el_set_client(EditLine *el, void *client);
void *rex_el_get_client(EditLine *el);

History *rex_history_init(int size);
void rex_history_end(History *h);
int rex_history_enter(History *h, const char *line);
/// Loads / saves the history file (libedit's own encoding, multi-line safe). 0 on success.
int rex_history_load(History *h, const char *path);
int rex_history_save(History *h, const char *path);
/// Copies the current edit buffer (before the cursor) into out; returns its length.
int rex_el_line_before_cursor(EditLine *el, char *out, int size);
/// Inserts text at the cursor.
int rex_el_insert(EditLine *el, const char *text);
#endif
