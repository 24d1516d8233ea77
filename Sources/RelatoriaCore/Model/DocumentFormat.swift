/// The formats Relatoría reads, as named in the record contract (`source.format`).
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case docx, odt, akn, xml, html, md, txt
}
