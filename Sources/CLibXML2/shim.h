#ifndef RELATORIA_CLIBXML2_SHIM_H
#define RELATORIA_CLIBXML2_SHIM_H
// xmlversion.h first, then drop ICU: Debian's libxml2 headers pull the system ICU headers,
// whose UErrorCode clashes with Foundation's own ICU copy (see shared/STACK.md).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as unsafe shared state.
static inline void relatoria_xml_free(void *p) { xmlFree(p); }

/// Silences libxml2's default error printing to stderr (errors are read from the context).
static void relatoria_xml_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void relatoria_xml_quiet(void) {
    xmlSetGenericErrorFunc(NULL, relatoria_xml_silent);
    xmlSetStructuredErrorFunc(NULL, NULL);
}
#endif
