/// A deterministic generator of numbers (xorshift64): generated test inputs are the same on
/// every platform and every run, whatever the system's generator.
public struct Xorshift {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A number in `0..<bound`.
    public mutating func next(_ bound: Int) -> Int {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Int(state % UInt64(bound))
    }
}
