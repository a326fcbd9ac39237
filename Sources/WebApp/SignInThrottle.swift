import Foundation

/// Slows down, then refuses for a while, repeated failed sign-ins for one account or one address.
public actor SignInThrottle {
    public struct Policy: Sendable {
        /// Failures within the window after which each attempt is delayed.
        public var slowAfter = 5
        /// Failures within the window after which attempts are refused until the window has passed.
        public var refuseAfter = 10
        public var window: TimeInterval = 15 * 60
        public var delay: Duration = .seconds(1)

        public init() {}
    }

    /// What to do with an attempt.
    public enum Decision: Equatable, Sendable {
        case allow
        case delay(Duration)
        case refuse(retryAfter: TimeInterval)
    }

    private let policy: Policy
    private var failures: [String: [Date]] = [:]

    public init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// The decision for an attempt under these keys (for example the username and the address), at `now`.
    public func decide(keys: [String], now: Date) -> Decision {
        var worst = Decision.allow
        for key in keys {
            let recent = prune(key, now: now)
            if recent.count >= policy.refuseAfter, let oldest = recent.first {
                return .refuse(retryAfter: max(1, oldest.addingTimeInterval(policy.window).timeIntervalSince(now)))
            }
            if recent.count >= policy.slowAfter { worst = .delay(policy.delay) }
        }
        return worst
    }

    public func recordFailure(keys: [String], now: Date) {
        for key in keys { failures[key, default: []].append(now) }
        if failures.count > 100_000 {
            for key in failures.keys { _ = prune(key, now: now) }
        }
    }

    public func recordSuccess(key: String) {
        failures[key] = nil
    }

    private func prune(_ key: String, now: Date) -> [Date] {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < policy.window }
        failures[key] = recent.isEmpty ? nil : recent
        return recent
    }
}
