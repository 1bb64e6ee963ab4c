/* Reading the plan: NUL-separated words, read whole before anything happens. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helper.h"

int plan_read(struct plan *p, int fd)
{
    size_t cap = 16384;
    p->buf = malloc(cap);
    p->len = 0;
    p->pos = 0;
    if (!p->buf)
        return -1;
    for (;;) {
        if (p->len == cap) {
            char *bigger = realloc(p->buf, cap * 2);
            if (!bigger)
                return -1;
            p->buf = bigger;
            cap *= 2;
        }
        ssize_t n = read(fd, p->buf + p->len, cap - p->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        p->len += (size_t)n;
    }
    if (p->len == 0 || p->buf[p->len - 1] != '\0') {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

const char *plan_word(struct plan *p)
{
    if (p->pos >= p->len)
        return NULL;
    const char *w = p->buf + p->pos;
    p->pos += strlen(w) + 1;
    return w;
}

long plan_number(struct plan *p, int base)
{
    const char *w = plan_word(p);
    return w ? strtol(w, NULL, base) : -1;
}

int plan_at_end(const struct plan *p)
{
    return p->pos >= p->len;
}
