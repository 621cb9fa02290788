/// Exponential backoff with jitter: base × 2^(attempt−1), capped, then scaled by a random factor in [0.5, 1.5)
/// (and capped again).
struct Backoff {
    var base: Duration
    var cap: Duration

    /// The delay before retry number `attempt` (1-based).
    func delay(attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let raw = base * (1 << exponent)
        let capped = raw > cap ? cap : raw
        let jittered = capped * Double.random(in: 0.5..<1.5)
        return jittered > cap ? cap : jittered
    }
}
