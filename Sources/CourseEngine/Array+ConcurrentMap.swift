import Dispatch

extension Array {
    /// `map` on every core, for independent, pure transforms of a few items each worth milliseconds (courses,
    /// search documents). The result is in the order of the array, whatever order the work finishes in.
    public func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
            let results = UncheckedBuffer(base: buffer.baseAddress!)
            withoutActuallyEscaping(transform) { transform in
                let work = UncheckedSendable(value: (items: self, transform: transform))
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    // Each index is written once, by one thread.
                    (results.base + index).initialize(to: work.value.transform(work.value.items[index]))
                }
            }
            initializedCount = count
        }
    }
}

/// Shares the result buffer between the threads of `concurrentMap`, each of which writes its own slots.
private struct UncheckedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
}
