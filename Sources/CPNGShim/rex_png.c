#include "rex_png.h"
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

typedef struct {
    uint8_t *data;
    size_t len;
    size_t cap;
    int failed;
} write_buffer;

typedef struct {
    const uint8_t *data;
    size_t len;
    size_t pos;
} read_buffer;

typedef struct {
    jmp_buf jump;
    char message[512];
} error_state;

static void on_error(png_structp png, png_const_charp msg) {
    error_state *state = (error_state *)png_get_error_ptr(png);
    snprintf(state->message, sizeof state->message, "%s", msg ? msg : "libpng error");
    longjmp(state->jump, 1);
}

static void on_warning(png_structp png, png_const_charp msg) {
    (void)png; (void)msg;
}

static void write_data(png_structp png, png_bytep bytes, png_size_t n) {
    write_buffer *buffer = (write_buffer *)png_get_io_ptr(png);
    if (buffer->len + n > buffer->cap) {
        size_t cap = buffer->cap ? buffer->cap : 65536;
        while (cap < buffer->len + n) cap *= 2;
        uint8_t *grown = realloc(buffer->data, cap);
        if (!grown) { buffer->failed = 1; png_error(png, "out of memory"); }
        buffer->data = grown;
        buffer->cap = cap;
    }
    memcpy(buffer->data + buffer->len, bytes, n);
    buffer->len += n;
}

static void flush_data(png_structp png) { (void)png; }

static void read_data(png_structp png, png_bytep bytes, png_size_t n) {
    read_buffer *buffer = (read_buffer *)png_get_io_ptr(png);
    if (n > buffer->len - buffer->pos) png_error(png, "PNG data ends early");
    memcpy(bytes, buffer->data + buffer->pos, n);
    buffer->pos += n;
}

/// Walks the chunks after the signature up to IEND: each must lie whole within the data,
/// as decoding needs, because libpng allocates a chunk's declared length before it finds the
/// bytes missing (over libpng's chunk limit too: that is only a warning when reading).
/// Returns NULL and the total length of the IDAT chunks in *idat, or an error message.
static const char *check_chunks(const uint8_t *data, size_t len, uint64_t *idat) {
    *idat = 0;
    size_t pos = 8;
    for (;;) {
        if (len - pos < 12) return "PNG data ends early";
        const uint8_t *chunk = data + pos;
        uint32_t length = (uint32_t)chunk[0] << 24 | (uint32_t)chunk[1] << 16 | (uint32_t)chunk[2] << 8 | chunk[3];
        if (length > 0x7FFFFFFFu) return "invalid chunk length";
        if (length > len - pos - 12) return "PNG data ends early (a chunk is longer than the data left)";
        if (memcmp(chunk + 4, "IDAT", 4) == 0) *idat += length;
        if (memcmp(chunk + 4, "IEND", 4) == 0) return NULL;
        pos += 12 + (size_t)length;
    }
}

/// Refuses, before anything is allocated for the pixels, an image whose header claims more
/// than REX_PNG_MAX_PIXELS, or more pixel data than its IDAT chunks can hold (deflate expands
/// at most 1032 times): a corrupt or cut-off file of a few bytes can claim gigabytes.
static void check_size(png_structp png, png_infop info, uint64_t idat) {
    uint32_t width = png_get_image_width(png, info);
    uint32_t height = png_get_image_height(png, info);
    char message[200];
    if ((uint64_t)width * height > REX_PNG_MAX_PIXELS) {
        snprintf(message, sizeof message, "the image is too large (%u×%u pixels; rex reads at most %u megapixels)",
                 width, height, REX_PNG_MAX_PIXELS / 1000000);
        png_error(png, message);
    }
    uint64_t bits = (uint64_t)png_get_bit_depth(png, info) * png_get_channels(png, info);
    uint64_t pixel_bytes = ((uint64_t)width * height * bits + 7) / 8;
    if (pixel_bytes > idat * 1032 + 1024) {
        snprintf(message, sizeof message, "PNG data ends early (too little image data for %u×%u pixels)", width, height);
        png_error(png, message);
    }
}

static char *copy_error(const char *message) {
    char *copy = strdup(message);
    return copy ? copy : (char *)"out of memory";
}

char *rex_png_encode(const uint8_t *rgba, uint32_t width, uint32_t height,
                     const rex_png_text *texts, size_t text_count,
                     uint8_t **out, size_t *out_len) {
    error_state state;
    state.message[0] = 0;
    write_buffer buffer = {0};
    png_bytep *volatile rows = NULL; // volatile: changed after setjmp
    png_textp volatile chunks = NULL;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, on_error, on_warning);
    if (!png) return copy_error("cannot create libpng write struct");
    png_infop info = png_create_info_struct(png);
    if (!info) { png_destroy_write_struct(&png, NULL); return copy_error("cannot create libpng info struct"); }
    if (setjmp(state.jump)) {
        png_destroy_write_struct(&png, &info);
        free(rows); free(chunks); free(buffer.data);
        return copy_error(state.message);
    }
    png_set_write_fn(png, &buffer, write_data, flush_data);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (text_count > 0) {
        chunks = calloc(text_count, sizeof(png_text));
        if (!chunks) png_error(png, "out of memory");
        for (size_t i = 0; i < text_count; i++) {
            chunks[i].compression = PNG_ITXT_COMPRESSION_NONE;
            chunks[i].key = (png_charp)texts[i].key;
            chunks[i].text = (png_charp)texts[i].text;
            chunks[i].text_length = 0;
            chunks[i].itxt_length = strlen(texts[i].text);
            chunks[i].lang = NULL;
            chunks[i].lang_key = NULL;
        }
        png_set_text(png, info, chunks, (int)text_count);
    }
    rows = malloc(sizeof(png_bytep) * (height ? height : 1));
    if (!rows) png_error(png, "out of memory");
    for (uint32_t y = 0; y < height; y++) rows[y] = (png_bytep)(rgba + (size_t)y * width * 4);
    png_set_rows(png, info, rows);
    png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    png_destroy_write_struct(&png, &info);
    free(rows); free(chunks);
    *out = buffer.data;
    *out_len = buffer.len;
    return NULL;
}

char *rex_png_decode(const uint8_t *data, size_t len, rex_png_image *image) {
    memset(image, 0, sizeof *image);
    if (len < 8 || png_sig_cmp(data, 0, 8) != 0) return copy_error("not a PNG file (bad signature)");
    uint64_t idat = 0;
    const char *problem = check_chunks(data, len, &idat);
    if (problem) return copy_error(problem);
    error_state state;
    state.message[0] = 0;
    read_buffer buffer = { data, len, 0 };
    png_bytep *volatile rows = NULL; // volatile: changed after setjmp
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, on_error, on_warning);
    if (!png) return copy_error("cannot create libpng read struct");
    png_infop info = png_create_info_struct(png);
    if (!info) { png_destroy_read_struct(&png, NULL, NULL); return copy_error("cannot create libpng info struct"); }
    if (setjmp(state.jump)) {
        png_destroy_read_struct(&png, &info, NULL);
        free(rows);
        rex_png_free_image(image);
        return copy_error(state.message);
    }
    png_set_read_fn(png, &buffer, read_data);
    png_read_info(png, info);
    check_size(png, info, idat);
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    int passes = png_set_interlace_handling(png);
    (void)passes;
    png_read_update_info(png, info);
    uint32_t width = png_get_image_width(png, info);
    uint32_t height = png_get_image_height(png, info);
    if (png_get_rowbytes(png, info) != (size_t)width * 4) png_error(png, "unexpected row size after conversion");
    image->width = width;
    image->height = height;
    image->rgba = malloc((size_t)width * height * 4 + 1);
    rows = malloc(sizeof(png_bytep) * (height ? height : 1));
    if (!image->rgba || !rows) png_error(png, "out of memory");
    for (uint32_t y = 0; y < height; y++) rows[y] = image->rgba + (size_t)y * width * 4;
    png_read_image(png, rows);
    png_read_end(png, info);
    png_textp chunks = NULL;
    int count = 0;
    png_get_text(png, info, &chunks, &count);
    if (count > 0) {
        image->texts = calloc((size_t)count, sizeof(rex_png_text));
        if (!image->texts) png_error(png, "out of memory");
        for (int i = 0; i < count; i++) {
            image->texts[i].key = strdup(chunks[i].key ? chunks[i].key : "");
            image->texts[i].text = strdup(chunks[i].text ? chunks[i].text : "");
            image->text_count = (size_t)i + 1;
        }
    }
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    return NULL;
}

void rex_png_free_image(rex_png_image *image) {
    free(image->rgba);
    for (size_t i = 0; i < image->text_count; i++) {
        free((void *)image->texts[i].key);
        free((void *)image->texts[i].text);
    }
    free(image->texts);
    memset(image, 0, sizeof *image);
}

void rex_png_free_error(char *error) {
    if (error && strcmp(error, "out of memory") != 0) free(error);
}

void rex_png_free_buffer(uint8_t *buffer) { free(buffer); }
