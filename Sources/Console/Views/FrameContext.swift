import Inventory

/// What a frame needs besides the state and the model: the glyphs, the clock and the sources'
/// health. Passing the clock in keeps rendering a pure function (goldens fix it).
internal struct FrameContext: Sendable {
    /// Unicode or ASCII glyphs.
    internal var glyphs: GlyphSet
    /// Now, in seconds since 1970.
    internal var now: Double
    /// When the current Snapshot arrived, in seconds since 1970.
    internal var receivedAt: Double
    /// The sources' health.
    internal var status: SourceHealth
    /// The past moment shown (`:at`), seconds since 1970; nil for the present.
    internal var pastMoment: Double? = nil
    /// Why the console is not recording though it should, nil otherwise.
    internal var recordingProblem: String? = nil
}
