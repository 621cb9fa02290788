/// The size of the screen (or of an off-screen frame) in character cells.
public struct ScreenSize: Hashable, Sendable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a size; negative values count as zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The smallest size on which every view is fully usable: 80×24.
    public static let minimum = ScreenSize(width: 80, height: 24)

    /// True when the size is at least `minimum` in both directions.
    public var isUsable: Bool { width >= Self.minimum.width && height >= Self.minimum.height }

    /// `WIDTHxHEIGHT`.
    public var description: String { "\(width)x\(height)" }
}
