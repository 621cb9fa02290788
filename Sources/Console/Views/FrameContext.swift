/// What a frame needs besides the state and the model: the glyphs, the clock and the sources'
/// health. Passing the clock in keeps rendering a pure function (goldens fix it).
struct FrameContext: Sendable {
    /// Unicode or ASCII glyphs.
    var glyphs: GlyphSet
    /// Now, in seconds since 1970.
    var now: Double
    /// When the current Snapshot arrived, in seconds since 1970.
    var receivedAt: Double
    /// The sources' health.
    var status: SourceStatus
}
