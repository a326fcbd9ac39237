import CourseEngine
import Foundation
import Hummingbird
import NIOCore

/// Who is making a request, once their session token has been checked.
public struct Identity: Sendable {
    public let learner: Learner
    /// SHA-256 of the session token, which is how the session is stored.
    let tokenHash: String
    /// True when the token came in a cookie, which is what makes cross-site forgery possible.
    let viaCookie: Bool
    /// The volunteer beside the learner, when this is an assisted session started on the volunteer's device.
    public internal(set) var assistedBy: Learner? = nil
    /// The text size and contrast the learner chose, if any, read with the session.
    public internal(set) var display: DisplayPreferences? = nil
}

/// The request context of every route: the signed-in learner, the client's address and the CSRF token.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// The double-submit token the pages put in their forms.
    public var csrfToken: String = ""
    /// Text size and contrast for pages (see `DisplayMiddleware`).
    public var display = DisplayPreferences()
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Dates in request bodies are ISO 8601, with or without fractional seconds.
    public var requestDecoder: JSONDecoder { JSONCoding.decoder }

    /// The client's address without the port, to throttle sign-in attempts.
    var clientAddress: String {
        remoteAddress?.ipAddress ?? "unknown"
    }

    /// The signed-in learner, or `AccessError.notSignedIn`.
    func requireIdentity() throws(AccessError) -> Identity {
        guard let identity else { throw .notSignedIn }
        return identity
    }
}

/// Why a request may not do what it asks.
public enum AccessError: Error, Equatable, Sendable {
    case notSignedIn
    case forbidden
    case csrfTokenMissing
}
