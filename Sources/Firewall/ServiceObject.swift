/// An `object service NAME` definition: one service (docs/cisco-firewall.md §2).
///
/// It goes in the protocol position of an access-list entry and carries its own ports.
public struct ServiceObject: Hashable, Sendable {
    /// The object name (case-sensitive).
    public let name: String
    /// The `service ...` line; nil when the block had none (an error the parser reports).
    public internal(set) var service: ServiceSpecification?
    /// The `description` text, if any.
    public internal(set) var description: String?
    /// The config line of the `object service NAME` block.
    public let line: Int

    /// Creates an object.
    public init(name: String, service: ServiceSpecification?, description: String? = nil, line: Int) {
        self.name = name
        self.service = service
        self.description = description
        self.line = line
    }
}
