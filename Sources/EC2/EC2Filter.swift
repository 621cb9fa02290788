/// One EC2 filter: values within it are ORed, separate filters ANDed.
public struct EC2Filter: Sendable, Equatable {
    /// The filter name, e.g. `vpc-id`.
    public var name: String
    /// The accepted values.
    public var values: [String]

    /// A filter.
    public init(_ name: String, _ values: [String]) {
        self.name = name
        self.values = values
    }
}
