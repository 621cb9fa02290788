/// A ring buffer of at most `capacity` elements: appending to a full ring overwrites the oldest
/// element and counts it in `overwritten`, so memory stays bounded and nothing is lost silently.
public struct TrafficRing<Element: Sendable>: Sendable {
    /// The most elements kept (at least 1).
    public let capacity: Int
    private var storage: [Element] = []
    private var head = 0
    /// Elements overwritten because the ring was full.
    public private(set) var overwritten: UInt64 = 0

    /// An empty ring of `capacity` elements (at least 1).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(self.capacity)
    }

    /// Elements held.
    public var count: Int { storage.count }

    /// Appends `element`, overwriting the oldest when full.
    public mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
            overwritten += 1
        }
    }

    /// The elements, oldest first.
    public var elements: [Element] {
        guard head > 0 else { return storage }
        return Array(storage[head...]) + Array(storage[..<head])
    }

    /// The newest element.
    public var last: Element? {
        guard !storage.isEmpty else { return nil }
        return storage[(head + storage.count - 1) % storage.count]
    }
}
