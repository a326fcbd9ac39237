import CourseEngine
import Foundation
import Hummingbird
import Storage

/// Volunteers through the API: registering citizens, the citizens they help, assisted sessions, and the share of
/// completions made with help.
struct VolunteerAPIController: Sendable {
    typealias Context = AppRequestContext
    let volunteers: VolunteerService

    /// A citizen as a volunteer sees them.
    struct CitizenBody: Codable, Equatable {
        var id: String
        var displayName: String
        var phone: String?
        var unitCode: String?
        /// When this volunteer registered them; omitted when someone else did.
        var registeredAt: Date?
        var lessonsCompleted: Int
        var lessonsCompletedAlone: Int
        var lessonsCompletedWithHelp: Int
        var lastActivityAt: Date?

        init(_ citizen: HelpedCitizen) {
            id = citizen.learner.id
            displayName = citizen.learner.displayName
            phone = citizen.learner.phone
            unitCode = citizen.learner.unitCode
            registeredAt = citizen.registeredAt
            lessonsCompleted = citizen.lessonsCompleted
            lessonsCompletedAlone = citizen.lessonsCompletedAlone
            lessonsCompletedWithHelp = citizen.lessonsCompletedWithHelp
            lastActivityAt = citizen.lastActivityAt
        }
    }

    struct CitizenList: Codable, Equatable {
        var citizens: [CitizenBody]
    }

    struct Registration: Codable, Equatable {
        var citizen: CitizenBody
        /// Shown this once: the code the citizen writes down to sign in again.
        var resumeCode: String
    }

    struct AssistedSessionBody: Codable {
        var token: String
        var expiresAt: Date
        var learner: SessionAPIController.LearnerBody
        var assistedBy: SessionAPIController.LearnerBody
    }

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.apiVolunteerCitizens.pattern), use: list)
        router.post(RouterPath(SitePath.apiVolunteerCitizens.pattern), use: register)
        router.post(RouterPath(SitePath.apiVolunteerAssist("").pattern), use: assist)
        router.get(RouterPath(SitePath.apiAssistedShare("").pattern), use: share)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let citizens = try volunteers.citizens(of: try context.requireIdentity()).map(CitizenBody.init)
        return try JSONResponse.make(CitizenList(citizens: citizens), cacheControl: "private, no-store")
    }

    @Sendable func register(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try VolunteerService.requireVolunteer(identity)
        let body = try await request.decode(as: SessionAPIController.CitizenSignUp.self, context: context)
        let now = Date()
        let (citizen, code) = try volunteers.register(name: body.name, phone: body.phone, by: identity, now: now)
        let registered = HelpedCitizen(
            learner: citizen, registeredAt: now, lessonsCompleted: 0, lessonsCompletedWithHelp: 0, lastActivityAt: nil)
        return try JSONResponse.make(
            Registration(citizen: CitizenBody(registered), resumeCode: code.display), status: .created)
    }

    /// An assisted session for the citizen: the token is for the volunteer's app to act as the citizen, and
    /// `DELETE /api/v1/sessions/current` with it ends the help. The volunteer's own session is left as it is.
    @Sendable func assist(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let session = try volunteers.startAssisting(
            citizenID: try context.parameters.require("learnerId"), by: identity)
        let body = AssistedSessionBody(
            token: session.token, expiresAt: session.expiresAt, learner: .init(session.learner),
            assistedBy: .init(identity.learner))
        return try JSONResponse.make(body, status: .created)
    }

    @Sendable func share(_ request: Request, context: Context) async throws -> Response {
        let share = try assistedShare(request, context: context)
        return try JSONResponse.make(share, cacheControl: "private, no-store")
    }

    /// The share asked for by a request to the API or the page: `?includeSubunits=false` keeps to the unit itself.
    func assistedShare(_ request: Request, context: Context) throws -> AssistedShare {
        let identity = try context.requireIdentity()
        let include = request.uri.queryParameters.get("includeSubunits").map { $0 != "false" && $0 != "0" } ?? true
        return try volunteers.assistedShare(
            unitCode: try context.parameters.require("code"), includeSubunits: include, for: identity.learner)
    }
}
