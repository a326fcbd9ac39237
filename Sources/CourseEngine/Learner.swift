/// Whether a learner is a civil servant with an HR record or a citizen who signed up with a name.
public enum LearnerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case official
    case citizen
}

/// What a learner may do besides learning.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case learner
    case trainer
    case supervisor
    case volunteer
    case admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A person who learns: an official or a citizen.
public struct Learner: Sendable, Hashable, Codable, Identifiable {
    /// Opaque id used in URLs and exports; never a database row id.
    public var id: String
    public var kind: LearnerKind
    /// Officials sign in with it; citizens have none.
    public var username: String?
    public var displayName: String
    public var unitCode: String?
    public var position: String?
    public var phone: String?
    public var roles: Set<Role>

    public init(
        id: String, kind: LearnerKind, username: String?, displayName: String, unitCode: String? = nil,
        position: String? = nil, phone: String? = nil, roles: Set<Role> = [.learner]
    ) {
        self.id = id
        self.kind = kind
        self.username = username
        self.displayName = displayName
        self.unitCode = unitCode
        self.position = position
        self.phone = phone
        self.roles = roles
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
}
