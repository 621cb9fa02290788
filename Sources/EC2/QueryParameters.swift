/// The form fields of one Query API request, in the order they are sent, and their
/// `application/x-www-form-urlencoded` encoding exactly as botocore writes it.
public struct QueryParameters: Sendable, Equatable {
    /// The fields as (name, value) pairs.
    public private(set) var fields: [(name: String, value: String)]

    /// An EC2-style request: `Action=<action>&Version=<version>`.
    public init(action: String, version: String = EC2QueryAPI.version) {
        fields = [("Action", action), ("Version", version)]
    }

    /// Appends one field.
    public mutating func append(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Appends EC2 filters: `Filter.N.Name` and `Filter.N.Value.M`, 1-based, in the order given.
    public mutating func appendFilters(_ filters: [EC2Filter]) {
        for (index, filter) in filters.enumerated() {
            append("Filter.\(index + 1).Name", filter.name)
            for (valueIndex, value) in filter.values.enumerated() {
                append("Filter.\(index + 1).Value.\(valueIndex + 1)", value)
            }
        }
    }

    /// Appends a flattened list: `<name>.1=…&<name>.2=…`.
    public mutating func appendList(_ name: String, _ values: [String]) {
        for (index, value) in values.enumerated() { append("\(name).\(index + 1)", value) }
    }

    /// The value of the first field with this name.
    public func value(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The encoded body: `A–Z a–z 0–9 - _ . ~` as they are, space as `+`, every other UTF-8 byte `%XX`.
    public var encoded: String {
        fields.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    /// Form-encodes one name or value.
    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else if byte == 0x20 {
                out.append(UInt8(ascii: "+"))
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
             UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Equal when the same fields come in the same order.
    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}
