/// Why a what-if candidate could not be loaded, one line.
internal struct WhatIfLoadError: Error, Hashable, Sendable {
    /// The line.
    internal var message: String

    /// Creates an error.
    internal init(_ message: String) {
        self.message = message
    }
}
