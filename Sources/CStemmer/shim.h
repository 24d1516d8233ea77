#ifndef RELATORIA_CSTEMMER_SHIM_H
#define RELATORIA_CSTEMMER_SHIM_H
// Snowball stemmers from Debian's libstemmer-dev (no pkg-config file: link "stemmer").
#include <libstemmer.h>
#endif
