#ifndef RELATORIA_CSTEMMER_SHIM_H
#define RELATORIA_CSTEMMER_SHIM_H
// Snowball stemmers from Debian's libstemmer0d, the runtime library a fresh machine of this
// kind already has. Its development package (libstemmer-dev: the header and the libstemmer.so
// link name) is not there, so the four functions of libstemmer's published C API that we call
// are declared here, and the module links the runtime library by its file name
// (-l:libstemmer.so.0d, see module.modulemap). Where libstemmer-dev is installed its header is
// included first, so a declaration here that disagreed with it would not compile.
#if __has_include(<libstemmer.h>)
#include <libstemmer.h>
#endif

struct sb_stemmer;
typedef unsigned char sb_symbol;

struct sb_stemmer * sb_stemmer_new(const char * algorithm, const char * charenc);
void sb_stemmer_delete(struct sb_stemmer * stemmer);
const sb_symbol * sb_stemmer_stem(struct sb_stemmer * stemmer, const sb_symbol * word, int size);
int sb_stemmer_length(struct sb_stemmer * stemmer);
#endif
