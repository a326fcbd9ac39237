import CAllocCounter
import Foundation

/// One benchmark case's result.
struct Measurement: Codable, Sendable {
    var name: String
    var input: String
    /// Median over timed batches of the time per operation.
    var nanosecondsPerOperation: Double
    /// Mean over every timed operation; nil when allocations are not counted.
    var allocationsPerOperation: Double?
    var bytesPerOperation: Double?
    /// Operations timed (warm-up not included).
    var operations: Int
    var batches: Int
}

/// Keeps a value alive so the optimizer cannot drop the work that made it.
@_optimize(none)
func blackHole<T>(_ value: T) {}

/// Times closures in batches and counts their allocations.
struct Harness {
    /// Timed seconds per case, after warm-up.
    var seconds: Double
    /// Whether the allocation counter was found working.
    var countsAllocations: Bool

    private let clock = ContinuousClock()

    /// Repeats `body` in batches of about 10 ms for `seconds`; time per operation is the median over batches.
    func measure(_ name: String, input: String, _ body: () throws -> Void) rethrows -> Measurement {
        // Warm-up: at least 3 runs and a tenth of the budget, which also estimates the time of one run.
        var warmups = 0
        let warmupStart = clock.now
        while warmups < 3 || (clock.now - warmupStart).seconds < seconds / 10 {
            try body()
            warmups += 1
        }
        let estimate = max((clock.now - warmupStart).seconds / Double(warmups), 1e-9)
        let batchSize = max(1, Int(0.01 / estimate))
        return try timed(name, input: input, batchSize: batchSize, minimumBatches: 5, body)
    }

    /// Runs `body` once per batch, `runs` times after one warm-up run: for operations that take milliseconds.
    func measure(_ name: String, input: String, runs: Int, _ body: () throws -> Void) rethrows -> Measurement {
        try body()
        return try timed(name, input: input, batchSize: 1, minimumBatches: runs, maximumBatches: runs, body)
    }

    private func timed(
        _ name: String, input: String, batchSize: Int, minimumBatches: Int, maximumBatches: Int = .max,
        _ body: () throws -> Void
    ) rethrows -> Measurement {
        var perOperation: [Double] = []
        var calls: UInt64 = 0
        var bytes: UInt64 = 0
        let start = clock.now
        while perOperation.count < minimumBatches
            || (perOperation.count < maximumBatches && (clock.now - start).seconds < seconds)
        {
            let callsBefore = alloc_counter_calls()
            let bytesBefore = alloc_counter_bytes()
            let batchStart = clock.now
            for _ in 0..<batchSize { try body() }
            let elapsed = clock.now - batchStart
            calls += alloc_counter_calls() - callsBefore
            bytes += alloc_counter_bytes() - bytesBefore
            perOperation.append(elapsed.seconds * 1e9 / Double(batchSize))
        }
        let operations = perOperation.count * batchSize
        return Measurement(
            name: name, input: input, nanosecondsPerOperation: median(perOperation),
            allocationsPerOperation: countsAllocations ? Double(calls) / Double(operations) : nil,
            bytesPerOperation: countsAllocations ? Double(bytes) / Double(operations) : nil,
            operations: operations, batches: perOperation.count)
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// A heap object, to check that allocations are counted.
private final class Probe {
    var value: Int
    init(_ value: Int) { self.value = value }
}

enum AllocationCheck {
    /// Allocates `count` class instances and says how many allocations the counter saw per instance, ~1 when
    /// malloc is interposed.
    static func allocationsPerObject(count: Int = 10_000) -> Double {
        let before = alloc_counter_calls()
        for index in 0..<count { blackHole(Probe(index)) }
        return Double(alloc_counter_calls() - before) / Double(count)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}

/// The table printed on stdout.
enum Report {
    static func markdown(_ measurements: [Measurement]) -> String {
        var lines = [
            "| case | input | time/op | allocations/op | bytes/op |",
            "|---|---|--:|--:|--:|",
        ]
        for m in measurements {
            let allocations = m.allocationsPerOperation.map(count) ?? "n/a"
            let bytes = m.bytesPerOperation.map(size) ?? "n/a"
            lines.append("| \(m.name) | \(m.input) | \(time(m.nanosecondsPerOperation)) | \(allocations) | \(bytes) |")
        }
        return lines.joined(separator: "\n")
    }

    static func time(_ nanoseconds: Double) -> String {
        switch nanoseconds {
        case ..<1_000: return String(format: "%.0f ns", nanoseconds)
        case ..<1_000_000: return String(format: "%.1f µs", nanoseconds / 1_000)
        default: return String(format: "%.1f ms", nanoseconds / 1_000_000)
        }
    }

    static func count(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    static func size(_ bytes: Double) -> String {
        switch bytes {
        case ..<1024: return String(format: "%.0f B", bytes)
        case ..<(1024 * 1024): return String(format: "%.1f KiB", bytes / 1024)
        default: return String(format: "%.1f MiB", bytes / 1024 / 1024)
        }
    }
}
