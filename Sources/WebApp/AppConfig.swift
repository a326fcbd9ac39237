import Foundation
import Logging

/// Everything `binhdan serve` can be told, with defaults. Read from flags, then `BINHDAN_*` variables, then defaults.
public struct AppConfig: Sendable, CustomStringConvertible {
    public var host = "127.0.0.1"
    public var port = 8080
    public var coursesPath = "Courses"
    public var assessmentsPath = "Assessments"
    public var staticPath = "Static"
    public var logLevel: Logger.Level = .info
    /// The SQLite file; `:memory:` keeps everything in memory (tests).
    public var databasePath = "data/binhdan.sqlite"
    /// Bcrypt cost for new password hashes; each step doubles the work.
    public var bcryptCost: UInt8 = 10
    /// How long a sign-in lasts.
    public var sessionLifetime: TimeInterval = 30 * 24 * 3600
    /// Mark cookies Secure; turn on when serving behind HTTPS.
    public var secureCookies = false
    /// When repeated failed sign-ins are slowed down and refused.
    public var signInThrottle = SignInThrottle.Policy()
    /// When guessing certificate codes is refused: 30 unknown codes in 15 minutes from one address.
    public var verificationThrottle: SignInThrottle.Policy = {
        var policy = SignInThrottle.Policy()
        policy.slowAfter = 20
        policy.refuseAfter = 30
        return policy
    }()
    /// The address people reach the site at, printed in certificates' QR codes; default `http://host:port`.
    public var publicURL: String?
    /// How to reach the commune's help desk, shown under "Tôi cần giúp đỡ" on every step; nil for the catalogue's
    /// general advice.
    public var helpDesk: String?
    /// `serve --watch`: reload the content when files under the courses, assessments or static folders change, and
    /// let open pages refresh themselves.
    public var watch = false

    /// `publicURL`, or the address the server listens on.
    public var resolvedPublicURL: String {
        var url = publicURL ?? "http://\(host):\(port)"
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    public init() {}

    /// Values given on the command line; nil means "not given".
    public struct Flags: Sendable {
        public var host: String?
        public var port: Int?
        public var coursesPath: String?
        public var assessmentsPath: String?
        public var staticPath: String?
        public var logLevel: String?
        public var databasePath: String?
        public var secureCookies: Bool?
        public var publicURL: String?
        public var helpDesk: String?
        public var watch: Bool?

        public init(
            host: String? = nil, port: Int? = nil, coursesPath: String? = nil, assessmentsPath: String? = nil,
            staticPath: String? = nil, logLevel: String? = nil, databasePath: String? = nil, secureCookies: Bool? = nil,
            publicURL: String? = nil, helpDesk: String? = nil, watch: Bool? = nil
        ) {
            self.watch = watch
            self.publicURL = publicURL
            self.helpDesk = helpDesk
            self.databasePath = databasePath
            self.secureCookies = secureCookies
            self.host = host
            self.port = port
            self.coursesPath = coursesPath
            self.assessmentsPath = assessmentsPath
            self.staticPath = staticPath
            self.logLevel = logLevel
        }
    }

    /// Flags win over the environment, which wins over the defaults.
    public static func resolve(flags: Flags, environment: [String: String]) throws -> AppConfig {
        var config = AppConfig()
        func pick(_ flag: String?, _ variable: String) -> String? {
            flag ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        }
        if let host = pick(flags.host, "BINHDAN_HOST") { config.host = host }
        if let port = flags.port ?? environment["BINHDAN_PORT"].flatMap({ Int($0) }) {
            config.port = port
        } else if let raw = environment["BINHDAN_PORT"], !raw.isEmpty {
            throw StartupError.invalidConfiguration("BINHDAN_PORT must be a number, not '\(raw)'")
        }
        guard (0...65535).contains(config.port) else {
            throw StartupError.invalidConfiguration("port must be between 0 and 65535, not \(config.port)")
        }
        if let path = pick(flags.coursesPath, "BINHDAN_COURSES") { config.coursesPath = path }
        if let path = pick(flags.assessmentsPath, "BINHDAN_ASSESSMENTS") { config.assessmentsPath = path }
        if let path = pick(flags.staticPath, "BINHDAN_STATIC") { config.staticPath = path }
        if let path = pick(flags.databasePath, "BINHDAN_DATABASE") { config.databasePath = path }
        if let url = pick(flags.publicURL, "BINHDAN_PUBLIC_URL") { config.publicURL = url }
        if let text = pick(flags.helpDesk, "BINHDAN_HELP_DESK") { config.helpDesk = text }
        if let secure = flags.secureCookies {
            config.secureCookies = secure
        } else if let raw = environment["BINHDAN_SECURE_COOKIES"], !raw.isEmpty {
            config.secureCookies = ["1", "true", "yes", "on"].contains(raw.lowercased())
        }
        if let watch = flags.watch {
            config.watch = watch
        } else if let raw = environment["BINHDAN_WATCH"], !raw.isEmpty {
            config.watch = ["1", "true", "yes", "on"].contains(raw.lowercased())
        }
        if let level = pick(flags.logLevel, "BINHDAN_LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                let allowed = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw StartupError.invalidConfiguration("log level must be one of \(allowed), not '\(level)'")
            }
            config.logLevel = parsed
        }
        return config
    }

    /// One line per setting, printed at start-up.
    public var description: String {
        """
        host=\(host) port=\(port) courses=\(coursesPath) assessments=\(assessmentsPath) \
        static=\(staticPath) database=\(databasePath) public-url=\(resolvedPublicURL) secure-cookies=\(secureCookies) log-level=\(logLevel.rawValue) watch=\(watch)
        """
    }
}
