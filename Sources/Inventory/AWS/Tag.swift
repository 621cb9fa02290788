/// An AWS resource tag.
public struct Tag: Hashable, Sendable, Decodable {
    /// The tag key.
    public var key: String
    /// The tag value.
    public var value: String

    /// Creates a tag.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    private enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }
}

extension Array where Element == Tag {
    /// The value of the tag named `key`, if present.
    public subscript(tag key: String) -> String? {
        first { $0.key == key }?.value
    }
}
