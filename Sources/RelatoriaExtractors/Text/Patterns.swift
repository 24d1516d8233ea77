import RelatoriaCore

/// The extractors' regular expressions, each compiled once (see ``Pattern``).
enum Patterns {}
