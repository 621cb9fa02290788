import LPM

/// A rule of a narrow partition in the compact form its candidate buckets hold (see
/// `CandidateBuckets`): everything but the narrow address field, which the bucket already
/// stands for, in 32 bytes, so a short bucket is checked rule after rule in one sweep of memory.
///
/// Only IPv4 packets are checked this way. A rule with an ICMP filter, port filters admitting
/// more than one range, or more than `maximumAlternatives` IPv4 alternatives in its other
/// address field has no compact form; a bucket holding one falls back to the rule-set search.
internal struct BucketRule: Sendable {
    /// The other address field's first alternative: matches when `address & otherMask == otherValue`.
    internal let otherValue: UInt32
    internal let otherMask: UInt32
    /// The admitted source ports (all when the rule has no port filter).
    internal let sourcePortLow: UInt16
    internal let sourcePortHigh: UInt16
    /// The admitted destination ports (all when the rule has no port filter).
    internal let destinationPortLow: UInt16
    internal let destinationPortHigh: UInt16
    /// The entry index of the rule.
    internal let entryIndex: Int32
    /// The rule's number in its partition (for the per-packet activity check).
    internal let rule: Int32
    /// Where the other field's further alternatives start in the buckets' `alternatives`
    /// (`value << 32 | mask` each).
    internal let extraStart: Int32
    /// The number of IPv4 alternatives of the other field (0: it matches no IPv4 address).
    internal let alternativeCount: UInt8
    /// The protocol number (ignored with `anyProtocol`).
    internal let protocolNumber: UInt8
    /// `anyProtocol`, `portFiltered`, `needsCheck`.
    internal let flags: UInt8

    internal static let anyProtocol: UInt8 = 1
    internal static let portFiltered: UInt8 = 2
    internal static let needsCheck: UInt8 = 4

    /// The most IPv4 alternatives (prefixes and non-contiguous masks) a compact other field has.
    internal static let maximumAlternatives = 8

    /// The compact form of `rule` (number `number` in its partition) whose other address field is
    /// `other`, appending its further alternatives to `alternatives`; nil when it has none.
    internal init?(_ rule: CompiledRule, number: Int, other: [AddressMember], alternatives: inout [UInt64]) {
        guard rule.icmp.isEmpty else { return nil }
        var flags: UInt8 = rule.needsCheck ? Self.needsCheck : 0
        if rule.protocolNumber == nil { flags |= Self.anyProtocol }
        var sourcePorts: ClosedRange<UInt16> = 0...UInt16.max
        var destinationPorts: ClosedRange<UInt16> = 0...UInt16.max
        if !rule.sourcePorts.isEmpty || !rule.destinationPorts.isEmpty {
            let admittedSource = rule.admittedSourcePorts
            let admittedDestination = rule.admittedDestinationPorts
            guard admittedSource.count == 1, admittedDestination.count == 1 else { return nil }
            sourcePorts = admittedSource[0]
            destinationPorts = admittedDestination[0]
            flags |= Self.portFiltered
        }
        var pairs: [(value: UInt32, mask: UInt32)] = []
        for member in other {
            if case .maskedIPv4(let address, let mask) = member {
                pairs.append((address, mask))
                continue
            }
            for prefix in member.prefixes {
                guard case .v4(let network) = prefix.address else { continue }
                let mask = NetworkMask.mask(prefixLength: prefix.length)
                pairs.append((network.value & mask, mask))
            }
            if pairs.count > Self.maximumAlternatives { return nil }
        }
        guard pairs.count <= Self.maximumAlternatives, alternatives.count < Int(Int32.max) else { return nil }
        otherValue = pairs.first?.value ?? 0
        otherMask = pairs.first?.mask ?? 0
        extraStart = Int32(alternatives.count)
        for pair in pairs.dropFirst() { alternatives.append(UInt64(pair.value) << 32 | UInt64(pair.mask)) }
        alternativeCount = UInt8(pairs.count)
        sourcePortLow = sourcePorts.lowerBound
        sourcePortHigh = sourcePorts.upperBound
        destinationPortLow = destinationPorts.lowerBound
        destinationPortHigh = destinationPorts.upperBound
        entryIndex = Int32(rule.entryIndex)
        self.rule = Int32(number)
        protocolNumber = rule.protocolNumber ?? 0
        self.flags = flags
    }

    /// True when the rule admits an IPv4 packet whose other address is `other` (the narrow field
    /// is known to match); the activity check, if any, is the caller's.
    @inline(__always)
    internal func admits(other: UInt32, ipProtocol: UInt8, carriesPorts: Bool, sourcePort: UInt16,
                         destinationPort: UInt16, alternatives: UnsafePointer<UInt64>) -> Bool {
        if flags & Self.anyProtocol == 0 && protocolNumber != ipProtocol { return false }
        if flags & Self.portFiltered != 0 {
            guard carriesPorts, sourcePort >= sourcePortLow, sourcePort <= sourcePortHigh,
                  destinationPort >= destinationPortLow, destinationPort <= destinationPortHigh
            else { return false }
        }
        if alternativeCount == 0 { return false }
        if other & otherMask == otherValue { return true }
        var index = Int(extraStart)
        let end = index + Int(alternativeCount) - 1
        while index < end {
            let pair = alternatives[index]
            if other & UInt32(truncatingIfNeeded: pair) == UInt32(truncatingIfNeeded: pair >> 32) { return true }
            index += 1
        }
        return false
    }
}
