/// What the counting ENI contributed to each connection the aggregator holds, by number: kept
/// apart from the connection table (whose slots then take 32 bytes instead of 64) because it is
/// read only when a connection continues or the owning ENI's view replaces another ENI's.
/// Entries live in chunks of `chunkSize` that never move, so growing takes one chunk of fresh
/// memory and copies nothing; `removeAll()` keeps the chunks for reuse.
final class ConnectionContributions {
    /// One connection's contribution: its bytes, packets and cost, and the attribution they count under.
    struct Contribution {
        var bytesOut: UInt64
        var bytesIn: UInt64
        var packets: UInt64
        var cost: Double
        var attribution: Int32
    }

    /// log2 of the entries per chunk.
    static var chunkBits: Int { 16 }
    /// Entries per chunk.
    static var chunkSize: Int { 1 << chunkBits }

    private var chunks: [UnsafeMutablePointer<Contribution>] = []
    /// Entries held (numbered 0..<count).
    private(set) var count = 0

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    @inline(__always)
    private func address(_ number: UInt32) -> UnsafeMutablePointer<Contribution> {
        let index = Int(number)
        precondition(index < count, "ConnectionContributions: no entry \(index)")
        return chunks[index >> Self.chunkBits] + (index & (Self.chunkSize - 1))
    }

    /// Adds `contribution`; returns its number.
    func append(_ contribution: Contribution) -> UInt32 {
        if count >> Self.chunkBits == chunks.count { chunks.append(.allocate(capacity: Self.chunkSize)) }
        (chunks[count >> Self.chunkBits] + (count & (Self.chunkSize - 1))).initialize(to: contribution)
        count += 1
        return UInt32(truncatingIfNeeded: count - 1)
    }

    /// The contribution numbered `number` (which `append` returned since the last `removeAll()`).
    subscript(number: UInt32) -> Contribution {
        @inline(__always) get { address(number).pointee }
        @inline(__always) set { address(number).pointee = newValue }
    }

    /// Forgets every entry (keeping the memory).
    func removeAll() {
        count = 0
    }
}
