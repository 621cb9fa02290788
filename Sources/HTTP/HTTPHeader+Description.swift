extension HTTPHeader: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Name: value`, or `Name: [redacted]` for a secret header.
    public var description: String { "\(name): \(isSecret ? SecretRedactor.placeholder : value)" }

    /// The same as `description`: a secret value is never shown, not even when debugging.
    public var debugDescription: String { description }

    /// What `dump` and debuggers show: the name, and the value unless it is secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "value": isSecret ? SecretRedactor.placeholder : value,
                                "isSecret": isSecret])
    }
}
