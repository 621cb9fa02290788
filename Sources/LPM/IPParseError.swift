/// Why a piece of text is not a valid IP address or prefix.
///
/// Every case names the offending text so that the caller can report it with its own
/// location (file, line, object) without re-reading the input.
public struct IPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong with the text.
    public enum Reason: Hashable, Sendable {
        /// The text is empty.
        case empty
        /// An IPv4 address that does not have exactly four dotted parts.
        case wrongOctetCount
        /// An IPv4 part that is not a decimal number from 0 to 255.
        case octetOutOfRange
        /// An IPv4 part written with a leading zero (ambiguous: some tools read it as octal).
        case leadingZero
        /// An IPv6 group of more than four hex digits, or a wrong number of groups.
        case badIPv6Group
        /// `::` used more than once, or misplaced.
        case badIPv6Compression
        /// An IPv6 scoped address (`fe80::1%eth0`); zones have no meaning here.
        case zoneNotAllowed
        /// A character that has no place in an address.
        case unexpectedCharacter(Character)
        /// A prefix length that is missing, not a number, or too long for the family.
        case badPrefixLength
        /// A prefix whose address has bits set past its length (`10.0.0.1/8`).
        case hostBitsSet(normalized: String)
    }

    /// The text that failed to parse.
    public let text: String
    /// What was wrong with it.
    public let reason: Reason

    /// Creates an error for `text`.
    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }

    /// A one-line explanation naming the text and what was expected.
    public var description: String {
        let what: String
        switch reason {
        case .empty: what = "empty address"
        case .wrongOctetCount: what = "an IPv4 address has four dotted decimal parts"
        case .octetOutOfRange: what = "each IPv4 part must be a number from 0 to 255"
        case .leadingZero: what = "IPv4 parts must not have leading zeros"
        case .badIPv6Group: what = "IPv6 addresses have eight groups of 1 to 4 hex digits"
        case .badIPv6Compression: what = "'::' may appear only once in an IPv6 address"
        case .zoneNotAllowed: what = "zone ids (%name) are not allowed"
        case .unexpectedCharacter(let c): what = "unexpected character '\(c)'"
        case .badPrefixLength: what = "expected a prefix length after '/' (0-32 for IPv4, 0-128 for IPv6)"
        case .hostBitsSet(let normalized): what = "host bits are set past the prefix length (did you mean \(normalized)?)"
        }
        return "invalid IP '\(text)': \(what)"
    }
}
