import Synchronization

/// The content being served now. Readers take one consistent snapshot per request; a reload swaps it whole.
public final class ContentStore: Sendable {
    private let state: Mutex<PublishedContent>

    public init(_ content: PublishedContent) {
        self.state = Mutex(content)
    }

    /// The snapshot to use for the whole of one request.
    public var current: PublishedContent {
        state.withLock { $0 }
    }

    /// Publishes new content for every request that starts after this call.
    public func replace(with content: PublishedContent) {
        state.withLock { $0 = content }
    }
}

/// A value shared by every copy of the struct holding it, replaced whole under a lock (static files, templates).
final class SharedValue<Value: Sendable>: Sendable {
    private let state: Mutex<Value>

    init(_ value: Value) {
        self.state = Mutex(value)
    }

    var value: Value {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}
