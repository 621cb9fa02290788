extension ProxySetting: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `environment`, `none`, or the proxy URL with any user name and password redacted.
    public var description: String {
        switch self {
        case .environment: "environment"
        case .url(let url): SecretRedactor.redactingUserInfo(url)
        case .none: "none"
        }
    }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// What `dump` and debuggers show: the description, never proxy credentials.
    public var customMirror: Mirror { Mirror(self, children: ["proxy": description]) }
}
