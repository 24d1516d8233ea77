#!/usr/bin/env bash
# The installation build of relatoria; prints the binary's path on standard output.
#
# Usage: scripts/build-release.sh            (RELATORIA_PIE=1 keeps a position-independent binary)
#
# Release, with the Swift runtime and Foundation linked into the binary (it runs without a
# Swift toolchain installed, and starts faster), and position-dependent (-no-pie): the loader
# no longer applies ~119,000 relocations to the binary's data at every start, nor copies the
# pages they touch. Measured on the 2-core machine of the benchmark (perf stat, 30 runs):
# `relatoria --version` 10-17 ms dynamically linked, 5.6-7 ms static, 4.0-4.7 ms static and
# position-dependent. The price of -no-pie: the executable's own code and data sit at a fixed
# address (shared libraries, heap and stack stay randomized), which makes exploiting a memory
# bug somewhat easier; RELATORIA_PIE=1 builds the position-independent binary instead.
#
# The C libraries are linked in from their static archives too (Debian's -dev packages ship
# them): SQLite, Snowball (libstemmer) and libxml2 with what libxml2 needs (ICU's common
# library and data, liblzma). Each shared library costs every start its loading and
# relocation: libstemmer alone relocates ~340 KB of table pointers, page by page, and
# libxml2 brings ICU's 30 MB data file. Measured the same way, a search with no hit at 20,000
# records: 7.4 -> 6.0 ms of CPU for SQLite and Snowball, then -0.4 ms of wall time for
# libxml2 and ICU (`--version` 3.5 -> 3.2 ms). The price: a larger binary (ICU's data, +33 MB).
# Build folder: .build-install (the debug and `swift build -c release` builds are untouched).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-install
flags=(-c release --static-swift-stdlib --scratch-path "$scratch")
archive() {  # the path of libNAME.a, or exit saying which package has it
    local a
    a=$(clang -print-file-name="lib$1.a" 2>/dev/null || true)
    [[ -f $a ]] || { echo "build-release: lib$1.a not found (apt-get install $2)" >&2; exit 1; }
    echo "$a"
}
# The module maps ask for -lNAME (the shared library): this build asks for the archive instead.
no_autolink() { flags+=(-Xswiftc -Xfrontend -Xswiftc -disable-autolink-library -Xswiftc -Xfrontend -Xswiftc "$1"); }
no_autolink sqlite3
flags+=(-Xlinker "$(archive sqlite3 libsqlite3-dev)")
# Snowball's archive comes with libstemmer-dev, which a fresh machine lacks: without it the
# binary loads the runtime library (libstemmer0d) as the debug build does: one more shared
# library to load and relocate at each start.
if stemmer_a=$(clang -print-file-name=libstemmer.a 2>/dev/null) && [[ -f $stemmer_a ]]; then
    no_autolink :libstemmer.so.0d
    flags+=(-Xlinker "$stemmer_a")
else
    echo "build-release: libstemmer.a not found, linking libstemmer.so.0d (apt-get install libstemmer-dev links it in)" >&2
fi
# libxml2's link flags come from pkg-config (CLibXML2's pkgConfig): a libxml-2.0.pc beside the
# build names the archives, ICU's C++ needing libstdc++ (which the Swift runtime loads anyway).
no_autolink xml2
mkdir -p "$scratch/pkgconfig"
system_pc=$(pkg-config --variable=pcfiledir libxml-2.0)/libxml-2.0.pc
# (SwiftPM takes -l flags from a .pc file, not paths: -l:libNAME.a names the archive.)
archive xml2 libxml2-dev > /dev/null && archive icuuc libicu-dev > /dev/null && archive icudata libicu-dev > /dev/null
archive lzma liblzma-dev > /dev/null
xml_libs="-l:libxml2.a -l:libicuuc.a -l:libicudata.a -l:liblzma.a -lz -lm -lstdc++"
sed -e "s|^Libs:.*|Libs: $xml_libs|" -e '/^Libs.private:/d' "$system_pc" > "$scratch/pkgconfig/libxml-2.0.pc"
export PKG_CONFIG_PATH="$PWD/$scratch/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
[[ ${RELATORIA_PIE:-0} == 1 ]] || flags+=(-Xswiftc -Xclang-linker -Xswiftc -no-pie)
swift build "${flags[@]}" --product relatoria >&2
echo "$(swift build "${flags[@]}" --show-bin-path)/relatoria"
