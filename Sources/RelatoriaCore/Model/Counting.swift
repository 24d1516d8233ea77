/// Counts and sizes as a person reads them in a message: "1 record", "2 records",
/// "1,234 files", "50 MB".
public enum Counting {
    /// `n` and the noun, singular for exactly one: `Counting.of(1, "record")` is "1 record",
    /// `Counting.of(3, "entry", "entries")` "3 entries". Thousands are grouped with commas.
    public static func of(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(grouped(n)) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// `n` with its thousands grouped by commas: 1234567 is "1,234,567".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A size in bytes as bytes, KB, MB or GB (powers of 1,024, one decimal below 10):
    /// 512 is "512 bytes", 1536 "1.5 KB", 50 << 20 "50 MB".
    public static func bytes(_ n: Int) -> String {
        if n < 1024 { return of(n, "byte") }
        var value = Double(n)
        for unit in ["KB", "MB", "GB", "TB"] {
            value /= 1024
            if value < 1024 || unit == "TB" {
                let rounded = value < 10 ? (value * 10).rounded() / 10 : value.rounded()
                let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
                return "\(text) \(unit)"
            }
        }
        return of(n, "byte")
    }
}
