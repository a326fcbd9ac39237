import CourseEngine
import Foundation
import HummingbirdBcrypt
import NIOPosix
import Storage
import Synchronization

/// Signing in and out, for officials with a password and citizens with a resume code.
public struct AccountService: Sendable {
    let database: AppDatabase
    let throttle: SignInThrottle
    let bcryptCost: UInt8
    let sessionLifetime: TimeInterval
    let lastPurge: PurgeSchedule

    init(database: AppDatabase, throttle: SignInThrottle, bcryptCost: UInt8, sessionLifetime: TimeInterval) {
        self.database = database
        self.throttle = throttle
        self.bcryptCost = bcryptCost
        self.sessionLifetime = sessionLifetime
        self.lastPurge = PurgeSchedule()
    }

    /// A new session: the token is given to the client once and only its hash is kept.
    public struct NewSession: Sendable {
        public let learner: Learner
        public let token: String
        public let expiresAt: Date
    }

    /// Why signing in failed.
    public enum SignInError: Error, Equatable, Sendable {
        case invalidCredentials
        case invalidResumeCode
        case tooManyAttempts(retryAfter: Int)
        case passwordTooShort
    }

    /// Checks a username and password, slowing down and then refusing repeated failures.
    public func signIn(username: String, password: String, address: String, now: Date = Date()) async throws -> NewSession {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        let keys = ["user:\(name)", "address:\(address)"]
        try await waitOrRefuse(keys: keys, now: now)
        let stored = try database.credentials(username: name)
        // Verify against a fixed hash when the user does not exist, so timing does not reveal which usernames exist.
        let hash = stored?.passwordHash ?? Self.unknownUserHash
        let matches = try await Self.offEventLoop { Bcrypt.verify(password, hash: hash) }
        guard matches, let learner = stored?.learner else {
            await throttle.recordFailure(keys: keys, now: now)
            throw SignInError.invalidCredentials
        }
        await throttle.recordSuccess(key: keys[0])
        return try startSession(for: learner, now: now)
    }

    /// Creates a citizen and signs them in; the resume code is returned once, to show or print.
    public func registerCitizen(name: String, phone: String?, now: Date = Date()) throws -> (NewSession, ResumeCode) {
        let (learner, code) = try createCitizen(name: name, phone: phone, unitCode: nil, registeredBy: nil, now: now)
        return (try startSession(for: learner, now: now), code)
    }

    /// Creates a citizen on a volunteer's behalf, in the volunteer's unit, without signing anyone in or out; the
    /// resume code is returned once, to show or print.
    public func registerCitizen(
        name: String, phone: String?, by volunteer: Learner, now: Date = Date()
    ) throws -> (Learner, ResumeCode) {
        try createCitizen(name: name, phone: phone, unitCode: volunteer.unitCode, registeredBy: volunteer.id, now: now)
    }

    private func createCitizen(
        name: String, phone: String?, unitCode: String?, registeredBy: String?, now: Date
    ) throws -> (Learner, ResumeCode) {
        for _ in 0..<5 {
            let code = ResumeCode.generate()
            do {
                let learner = try database.registerCitizen(
                    name: name, phone: phone, resumeCodeHash: code.hash, unitCode: unitCode, registeredBy: registeredBy, now: now)
                return (learner, code)
            } catch StorageError.resumeCodeTaken {
                // A code already in use (one chance in billions): draw another.
                continue
            }
        }
        throw StorageError.resumeCodeTaken
    }

    /// Signs a citizen in with the code they wrote down.
    public func resume(code: String, address: String, now: Date = Date()) async throws -> NewSession {
        let keys = ["address:\(address)"]
        try await waitOrRefuse(keys: keys, now: now)
        guard let normalized = ResumeCode(typed: code), let learner = try database.learner(resumeCodeHash: normalized.hash) else {
            await throttle.recordFailure(keys: keys, now: now)
            throw SignInError.invalidResumeCode
        }
        return try startSession(for: learner, now: now)
    }

    public func startSession(for learner: Learner, now: Date = Date()) throws -> NewSession {
        if lastPurge.shouldPurge(now: now) { _ = try database.purgeExpiredSessions(now: now) }
        let token = Self.newToken()
        let expiresAt = now.addingTimeInterval(sessionLifetime)
        try database.startSession(learnerID: learner.id, tokenHash: Self.hash(token), now: now, expiresAt: expiresAt)
        return NewSession(learner: learner, token: token, expiresAt: expiresAt)
    }

    /// The learner a token signs in, if any, and the volunteer beside them in an assisted session.
    func identity(token: String, viaCookie: Bool, now: Date = Date()) throws -> Identity? {
        let tokenHash = Self.hash(token)
        guard let session = try database.signedInSession(tokenHash: tokenHash, now: now) else { return nil }
        return Identity(
            learner: session.learner, tokenHash: tokenHash, viaCookie: viaCookie, assistedBy: session.assistedBy,
            display: session.display)
    }

    /// Assisted sessions last one working day at most, and never beyond the volunteer's own.
    static let assistedSessionLifetime: TimeInterval = 12 * 3600

    /// A session for `citizen` in which `volunteer` sits beside them, on the volunteer's device. Whether the
    /// volunteer may help this citizen is the caller's to check.
    public func startAssistedSession(for citizen: Learner, by volunteer: Learner, now: Date = Date()) throws -> NewSession {
        let token = Self.newToken()
        let expiresAt = now.addingTimeInterval(min(sessionLifetime, Self.assistedSessionLifetime))
        try database.startAssistedSession(
            learnerID: citizen.id, volunteerID: volunteer.id, tokenHash: Self.hash(token), now: now, expiresAt: expiresAt)
        return NewSession(learner: citizen, token: token, expiresAt: expiresAt)
    }

    /// The volunteer's own session again, after helping: only a live, unassisted session of that volunteer.
    func ownSession(token: String, of volunteerID: String, now: Date = Date()) throws -> NewSession? {
        guard let session = try database.signedInSession(tokenHash: Self.hash(token), now: now),
            session.learner.id == volunteerID, session.assistedBy == nil
        else { return nil }
        return NewSession(learner: session.learner, token: token, expiresAt: session.expiresAt)
    }

    /// Replaces an official's password after checking the current one; throttled like signing in.
    public func changePassword(_ identity: Identity, current: String, new: String, address: String, now: Date = Date()) async throws {
        guard let username = identity.learner.username else { throw AccessError.forbidden }
        guard new.count >= Self.minimumPasswordLength, new.count <= 200 else { throw SignInError.passwordTooShort }
        let keys = ["user:\(username)", "address:\(address)"]
        try await waitOrRefuse(keys: keys, now: now)
        guard let stored = try database.credentials(username: username),
            try await Self.offEventLoop({ Bcrypt.verify(current, hash: stored.passwordHash) })
        else {
            await throttle.recordFailure(keys: keys, now: now)
            throw SignInError.invalidCredentials
        }
        try database.changePassword(learnerID: identity.learner.id, passwordHash: try await hashPassword(new), now: now)
    }

    /// New passwords chosen by officials must be at least this long.
    public static let minimumPasswordLength = 10

    public func signOut(_ identity: Identity) throws {
        try database.endSession(tokenHash: identity.tokenHash)
    }

    /// Hashes a password with Bcrypt at this service's cost, away from the server's event loops.
    public func hashPassword(_ password: String) async throws -> String {
        try await Self.passwordHash(password, cost: bcryptCost)
    }

    /// Hashes a password with Bcrypt away from the server's event loops.
    public static func passwordHash(_ password: String, cost: UInt8) async throws -> String {
        try await offEventLoop { Bcrypt.hash(password, cost: cost) }
    }

    private func waitOrRefuse(keys: [String], now: Date) async throws {
        switch await throttle.decide(keys: keys, now: now) {
        case .allow: break
        case .delay(let duration): try await Task.sleep(for: duration)
        case .refuse(let retryAfter): throw SignInError.tooManyAttempts(retryAfter: Int(retryAfter.rounded(.up)))
        }
    }

    /// Bcrypt blocks its thread for tens of milliseconds: run it on NIO's blocking pool.
    static func offEventLoop<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    static let unknownUserHash = Bcrypt.hash("no such user", cost: 4)

    /// 32 random bytes, base64url: the secret a client holds for its session.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        ContentHash.hex(of: Array(token.utf8))
    }
}

/// The short code a citizen writes down to sign in again on any device: ten digits, grouped like a phone number.
public struct ResumeCode: Sendable, Equatable {
    /// The ten digits, without spaces.
    public let digits: String

    /// Reads a code as a person types it: spaces, dashes and dots are ignored.
    public init?(typed: String) {
        let digits = typed.filter { $0.isASCII && $0.isNumber }
        guard digits.count == 10, typed.allSatisfy({ $0.isNumber || " -.".contains($0) }) else { return nil }
        self.digits = digits
    }

    static func generate() -> ResumeCode {
        var generator = SystemRandomNumberGenerator()
        let digits = String((0..<10).map { _ in Character(String(generator.next(upperBound: UInt64(10)))) })
        return ResumeCode(typed: digits)!
    }

    /// "482 915 3076": three groups, easy to read aloud.
    public var display: String {
        let characters = Array(digits)
        return "\(String(characters[0..<3])) \(String(characters[3..<6])) \(String(characters[6..<10]))"
    }

    var hash: String { AccountService.hash("resume:" + digits) }
}

/// Expired sessions are removed at most once an hour, when someone signs in.
final class PurgeSchedule: Sendable {
    private let last = Mutex<Date?>(nil)

    func shouldPurge(now: Date) -> Bool {
        last.withLock { last in
            if let previous = last, now.timeIntervalSince(previous) < 3600 { return false }
            last = now
            return true
        }
    }
}
