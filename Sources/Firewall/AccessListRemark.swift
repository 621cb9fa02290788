/// One `access-list NAME remark TEXT` line: it never matches, but it takes a line number.
public struct AccessListRemark: Hashable, Sendable {
    /// The access list it belongs to.
    public let accessList: String
    /// The remark text (any length; generators cap it at 100 characters, the parser does not).
    public let remark: String
    /// The line as configured.
    public let text: String
    /// The config-file line it came from.
    public let line: Int

    /// Creates a remark.
    public init(accessList: String, remark: String, text: String, line: Int) {
        self.accessList = accessList
        self.remark = remark
        self.text = text
        self.line = line
    }
}
