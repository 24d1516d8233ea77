import RelatoriaCore
import Testing

/// A name typed finds a name of the archive by its words, in order, each the beginning of a
/// word of that name; accents, case and punctuation do not matter.
struct NameMatchTests {
    @Test(arguments: [
        ("Liliana Duarte", "Liliana Marcela Duarte", true), ("liliana duarte", "LILIANA MARCELA DUARTE", true),
        ("Lil Duarte", "Liliana Marcela Duarte", true), ("Duarte", "Liliana Marcela Duarte", true),
        ("Marcela", "Liliana Marcela Duarte", true), ("Liliana Marcela Duarte", "Liliana Marcela Duarte", true),
        ("Duarte Liliana", "Liliana Marcela Duarte", false), ("arte", "Liliana Marcela Duarte", false),
        ("Liliana Duarte Pérez", "Liliana Marcela Duarte", false), ("Sjoberg", "Ingrid Sjöberg", true),
        ("Ingrid Sjöberg", "Sjöberg, Ingrid", false), ("Germán Lara", "Germán Ospina-Lara", true),
        ("desplazamiento", "Desplazamiento forzado", true), ("forzado desplazamiento", "Desplazamiento forzado", false),
        ("derechos humanos", "Fortalecimiento del Estado social de derecho y derechos humanos", true),
        ("", "Liliana Marcela Duarte", false), ("--", "Liliana Marcela Duarte", false),
        ("Ana Ana", "Ana María", false), ("Ana Ana", "Ana Anaya", true),
    ])
    func findsByWordsInOrder(_ wanted: String, _ name: String, _ found: Bool) {
        #expect(NameMatch.matches(wanted, name) == found)
    }
}
