#ifndef REX_PNG_H
#define REX_PNG_H
// A small C layer over libpng's full API. libpng reports errors by longjmp,
// which must never cross Swift frames, so every entry point sets up its own
// setjmp here and returns an error string instead.
#include <stddef.h>
#include <stdint.h>

/// One text chunk. Written as iTXt (UTF-8); read from tEXt, zTXt or iTXt.
typedef struct {
    const char *key;
    const char *text;
} rex_png_text;

/// A decoded image: 8-bit RGBA rows, top to bottom, plus its text chunks.
typedef struct {
    uint32_t width;
    uint32_t height;
    uint8_t *rgba;          // width * height * 4 bytes, malloc'ed
    rex_png_text *texts;    // malloc'ed keys and texts
    size_t text_count;
} rex_png_image;

/// Encodes RGBA8 pixels and text chunks as PNG bytes (malloc'ed, *out_len bytes).
/// Returns NULL on success, or a static/owned error message (free with rex_png_free_error).
char *rex_png_encode(const uint8_t *rgba, uint32_t width, uint32_t height,
                     const rex_png_text *texts, size_t text_count,
                     uint8_t **out, size_t *out_len);

/// The most pixels rex_png_decode accepts (400 MB of RGBA): larger images, such as a plot
/// with a very large width/height/dpi or a corrupt header, are an error, not an allocation
/// of many gigabytes.
#define REX_PNG_MAX_PIXELS 100000000u

/// Decodes PNG bytes of any colour type and bit depth into 8-bit RGBA.
/// Returns NULL on success or an error message (free with rex_png_free_error).
char *rex_png_decode(const uint8_t *data, size_t len, rex_png_image *image);

void rex_png_free_image(rex_png_image *image);
void rex_png_free_error(char *error);
void rex_png_free_buffer(uint8_t *buffer);

#endif
