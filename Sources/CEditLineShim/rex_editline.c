#include "rex_editline.h"
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *prompt;
    void *client;
} editor_state;

static editor_state *state_of(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return (editor_state *)data;
}

static char *prompt_callback(EditLine *el) {
    editor_state *state = state_of(el);
    return (state && state->prompt) ? state->prompt : (char *)"";
}

EditLine *rex_el_init(const char *program, FILE *in, FILE *out, FILE *err) {
    EditLine *el = el_init(program, in, out, err);
    if (!el) return NULL;
    editor_state *state = calloc(1, sizeof *state);
    if (!state) { el_end(el); return NULL; }
    el_set(el, EL_CLIENTDATA, state);
    el_set(el, EL_PROMPT, prompt_callback);
    return el;
}

void rex_el_end(EditLine *el) {
    editor_state *state = state_of(el);
    el_end(el);
    if (state) { free(state->prompt); free(state); }
}

void rex_el_set_prompt(EditLine *el, const char *prompt) {
    editor_state *state = state_of(el);
    if (!state) return;
    char *copy = strdup(prompt ? prompt : "");
    if (!copy) return;
    free(state->prompt);
    state->prompt = copy;
}

void rex_el_set_editor(EditLine *el, const char *mode) { el_set(el, EL_EDITOR, mode); }
void rex_el_set_history(EditLine *el, History *h) { el_set(el, EL_HIST, history, h); }
void rex_el_set_signal(EditLine *el, int on) { el_set(el, EL_SIGNAL, on); }

void rex_el_bind_completion(EditLine *el, rex_completion_fn fn) {
    el_set(el, EL_ADDFN, "rex-complete", "Complete a word", fn);
    el_set(el, EL_BIND, "^I", "rex-complete", NULL);
}

void rex_el_set_client(EditLine *el, void *client) {
    editor_state *state = state_of(el);
    if (state) state->client = client;
}

void *rex_el_get_client(EditLine *el) {
    editor_state *state = state_of(el);
    return state ? state->client : NULL;
}

History *rex_history_init(int size) {
    History *h = history_init();
    if (!h) return NULL;
    HistEvent ev;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}

void rex_history_end(History *h) { history_end(h); }

int rex_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

int rex_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path) < 0 ? -1 : 0;
}

int rex_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path) < 0 ? -1 : 0;
}

int rex_el_line_before_cursor(EditLine *el, char *out, int size) {
    const LineInfo *info = el_line(el);
    if (!info || size <= 0) return 0;
    int length = (int)(info->cursor - info->buffer);
    if (length >= size) length = size - 1;
    memcpy(out, info->buffer, (size_t)length);
    out[length] = 0;
    return length;
}

int rex_el_insert(EditLine *el, const char *text) { return el_insertstr(el, text); }
