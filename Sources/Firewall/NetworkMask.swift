/// IPv4 network masks as the ASA writes them (`255.255.255.0`): netmasks, never wildcards.
public enum NetworkMask {
    /// The prefix length of a contiguous mask (`255.255.255.0` → 24), or nil for a
    /// non-contiguous one (`255.0.0.192`), which no prefix can express.
    @inlinable
    public static func prefixLength(of mask: UInt32) -> Int? {
        if mask == 0 { return 0 }
        let ones = mask.nonzeroBitCount
        return mask == UInt32.max << UInt32(32 - ones) ? ones : nil
    }

    /// The mask of a prefix length (24 → `255.255.255.0`).
    @inlinable
    public static func mask(prefixLength length: Int) -> UInt32 {
        length <= 0 ? 0 : (length >= 32 ? .max : UInt32.max << UInt32(32 - length))
    }
}
