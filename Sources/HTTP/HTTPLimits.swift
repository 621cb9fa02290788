/// Bounds on what the HTTP client accepts (README "Resource limits").
public enum HTTPLimits {
    /// The largest response body read whole (a list page, an EC2 page, a credential answer).
    /// Streamed bodies (watches) are bounded per event by their reader instead.
    public static let maxResponseBytes = 256 << 20
}
