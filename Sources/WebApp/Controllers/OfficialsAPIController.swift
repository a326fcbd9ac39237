import CourseEngine
import Foundation
import Hummingbird
import Storage

/// Assignments, the official's own due courses and certificates, verification, revocation and unit reports.
struct OfficialsAPIController: Sendable {
    typealias Context = AppRequestContext
    let officials: OfficialsService
    let verifyThrottle: SignInThrottle
    let messages: MessageCatalogue

    struct NewAssignment: Decodable {
        var courseId: String
        var unitCode: String
        var includeSubunits: Bool?
        var positions: [String]?
        var dueDate: String
    }

    struct AssignmentList: Codable, Equatable {
        var assignments: [Assignment]
    }

    struct DueCourseBody: Codable, Equatable {
        var courseId: String
        var title: String
        var dueDate: String
        var status: CourseStatus
        var url: String
    }

    struct DueList: Codable, Equatable {
        var assignments: [DueCourseBody]
    }

    struct CertificateBody: Codable, Equatable {
        var code: String
        var courseId: String
        var courseTitle: String
        var courseVersion: Int
        var issuedOn: String
        var valid: Bool
        var revokedReason: String?
        /// The full name for the holder; masked for anyone verifying.
        var holderName: String
        var verifyUrl: String
    }

    struct CertificateList: Codable, Equatable {
        var certificates: [CertificateBody]
    }

    struct Revocation: Decodable {
        var reason: String
    }

    func addRoutes(to router: Router<Context>) {
        router.post(RouterPath(SitePath.apiAssignments.pattern), use: create)
        router.get(RouterPath(SitePath.apiAssignments.pattern), use: list)
        router.delete(RouterPath(SitePath.apiAssignment("").pattern), use: withdraw)
        router.get(RouterPath(SitePath.apiMyAssignments.pattern), use: mine)
        router.get(RouterPath(SitePath.apiMyCertificates.pattern), use: myCertificates)
        router.get(RouterPath(SitePath.apiCertificate("").pattern), use: verify)
        router.post(RouterPath(SitePath.apiCertificateRevocation("").pattern), use: revoke)
        router.get(RouterPath(SitePath.apiUnitReport("").pattern), use: report)
        router.get(RouterPath(SitePath.apiUnitReportCSV("").pattern), use: reportCSV)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requireManager(identity.learner)
        let body = try await request.decode(as: NewAssignment.self, context: context)
        // A draft is not published yet: learners could not open what they were asked to learn.
        if officials.content.current.preview.course(id: body.courseId)?.draft == true {
            throw RequestError.badParameter(name: "courseId", value: body.courseId, reasonKey: "reason_course_draft")
        }
        guard officials.content.current.catalogue.course(id: body.courseId) != nil else {
            throw CatalogueError.courseNotFound(courseID: body.courseId)
        }
        guard DueDate.deadline(body.dueDate) != nil else {
            throw RequestError.badParameter(name: "dueDate", value: body.dueDate, reasonKey: "reason_due_date")
        }
        let tree = try officials.tree()
        guard tree.units[body.unitCode] != nil else { throw StorageError.unitNotFound(body.unitCode) }
        try Self.requireScope(identity.learner, over: body.unitCode, tree: tree)
        let assignment = try officials.database.createAssignment(
            courseID: body.courseId, unitCode: body.unitCode, includeSubunits: body.includeSubunits ?? true,
            positions: (body.positions ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            dueDate: body.dueDate, createdBy: identity.learner.id, now: Date())
        return try JSONResponse.make(assignment, status: .created)
    }

    /// The assignments made to a unit, to units below it, and to units above it that reach it.
    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requireManager(identity.learner)
        let tree = try officials.tree()
        let all = try officials.database.activeAssignments()
        guard let unitCode = request.uri.queryParameters.get("unitCode") ?? identity.learner.unitCode else {
            return try JSONResponse.make(AssignmentList(assignments: all), cacheControl: "private, no-store")
        }
        guard tree.units[unitCode] != nil else { throw StorageError.unitNotFound(unitCode) }
        try Self.requireScope(identity.learner, over: unitCode, tree: tree)
        let effective = tree.effectiveCode(unitCode)
        let below = tree.subtree(effective)
        let assignments = all.filter { assignment in
            let target = tree.effectiveCode(assignment.unitCode)
            return below.contains(target) || (assignment.includeSubunits && tree.contains(effective, in: target))
        }
        return try JSONResponse.make(AssignmentList(assignments: assignments), cacheControl: "private, no-store")
    }

    @Sendable func withdraw(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try Self.requireManager(identity.learner)
        let id = try context.parameters.require("assignmentId")
        guard let assignment = try officials.database.assignment(id: id) else { throw StorageError.assignmentNotFound(id) }
        try Self.requireScope(identity.learner, over: assignment.unitCode, tree: try officials.tree())
        try officials.database.withdrawAssignment(id: id, now: Date())
        return Response(status: .noContent)
    }

    @Sendable func mine(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let due = try officials.dueCourses(for: identity.learner).map {
            DueCourseBody(courseId: $0.course.id, title: $0.course.title, dueDate: $0.assignment.dueDate, status: $0.status, url: SitePath.course($0.course.id).path)
        }
        return try JSONResponse.make(DueList(assignments: due), cacheControl: "private, no-store")
    }

    @Sendable func myCertificates(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let certificates = try officials.database.certificates(learnerID: identity.learner.id).map { Self.body($0, masked: false) }
        return try JSONResponse.make(CertificateList(certificates: certificates), cacheControl: "private, no-store")
    }

    /// Anyone may verify a certificate; guessing codes is throttled per address.
    @Sendable func verify(_ request: Request, context: Context) async throws -> Response {
        let certificate = try await Self.lookUp(
            try context.parameters.require("code"), officials: officials, throttle: verifyThrottle, address: context.clientAddress)
        return try JSONResponse.make(Self.body(certificate, masked: true), cacheControl: "no-store")
    }

    @Sendable func revoke(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.learner.has(.admin) else { throw AccessError.forbidden }
        let body = try await request.decode(as: Revocation.self, context: context)
        let reason = body.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw RequestError.badParameter(name: "reason", value: "", reasonKey: "reason_revocation") }
        let typed = try context.parameters.require("code")
        guard let code = Certificate.normalize(typed) else { throw StorageError.certificateNotFound(typed) }
        let revoked = try officials.database.revokeCertificate(code: code, reason: reason, now: Date())
        return try JSONResponse.make(Self.body(revoked, masked: false))
    }

    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let plan = try buildReport(request, context: context)
        let (offset, limit) = try Self.window(request, defaultLimit: UnitReport.defaultLimit)
        let records = try plan.records(of: plan.slice(offset: offset, limit: limit), in: officials.database)
        return try JSONResponse.make(plan.report(offset: offset, limit: limit, records: records), cacheControl: "private, no-store")
    }

    /// Every row, streamed in slices: a province's report is tens of megabytes.
    @Sendable func reportCSV(_ request: Request, context: Context) async throws -> Response {
        let plan = try buildReport(request, context: context)
        let database = officials.database
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "private, no-store",
                .contentDisposition: "attachment; filename=\"bao-cao-\(plan.unitCode)-\(plan.generatedOn).csv\"",
            ],
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: plan.csvHeader()))
                for start in stride(from: 0, to: plan.lines.count, by: 2000) {
                    let slice = plan.slice(offset: start, limit: 2000)
                    try await writer.write(ByteBuffer(string: plan.csvRows(slice, records: try plan.records(of: slice, in: database))))
                }
                try await writer.write(ByteBuffer(string: plan.csvTotals()))
                try await writer.finish(nil)
            })
    }

    /// `offset` and `limit` of a paged list: whole numbers, `limit` from 1 to the maximum.
    static func window(_ request: Request, defaultLimit: Int) throws -> (offset: Int, limit: Int) {
        let parameters = request.uri.queryParameters
        var offset = 0
        if let raw = parameters.get("offset"), !raw.isEmpty {
            guard let value = Int(raw), value >= 0 else { throw RequestError.badParameter(name: "offset", value: raw, reasonKey: "reason_offset") }
            offset = value
        }
        var limit = defaultLimit
        if let raw = parameters.get("limit"), !raw.isEmpty {
            guard let value = Int(raw), (1...UnitReport.maximumLimit).contains(value) else {
                throw RequestError.badParameter(name: "limit", value: raw, reasonKey: "reason_limit")
            }
            limit = value
        }
        return (offset, limit)
    }

    func buildReport(_ request: Request, context: Context) throws -> UnitReportPlan {
        let identity = try context.requireIdentity()
        try Self.requireManager(identity.learner)
        let code = try context.parameters.require("code")
        let tree = try officials.tree()
        guard tree.units[code] != nil else { throw StorageError.unitNotFound(code) }
        try Self.requireScope(identity.learner, over: code, tree: tree)
        let include = request.uri.queryParameters.get("includeSubunits").map { $0 != "false" && $0 != "0" } ?? true
        let courseFilter = request.uri.queryParameters.get("courseId").flatMap { $0.isEmpty ? nil : $0 }
        var statusFilter: CourseStatus?
        if let raw = request.uri.queryParameters.get("status"), !raw.isEmpty {
            guard let status = CourseStatus(rawValue: raw) else {
                throw RequestError.badParameter(name: "status", value: raw, reasonKey: "reason_status")
            }
            statusFilter = status
        }
        return try officials.report(
            unitCode: code, includeSubunits: include, courseFilter: courseFilter, statusFilter: statusFilter, tree: tree)
    }

    /// Only supervisors and admins assign and read reports; checked before anything is looked up.
    static func requireManager(_ learner: Learner) throws {
        guard learner.has(.admin) || learner.has(.supervisor) else { throw AccessError.forbidden }
    }

    /// Supervisors act within their own unit and the units below it; admins anywhere.
    static func requireScope(_ learner: Learner, over unitCode: String, tree: UnitTree) throws {
        if learner.has(.admin) { return }
        guard learner.has(.supervisor), let own = learner.unitCode,
            tree.contains(tree.effectiveCode(unitCode), in: tree.effectiveCode(own))
        else { throw AccessError.forbidden }
    }

    /// Finds a certificate by a typed code, counting unknown codes against the address.
    static func lookUp(_ typed: String, officials: OfficialsService, throttle: SignInThrottle, address: String) async throws -> Certificate {
        let keys = ["verify:\(address)"]
        switch await throttle.decide(keys: keys, now: Date()) {
        case .allow: break
        case .delay(let duration): try await Task.sleep(for: duration)
        case .refuse(let retryAfter): throw AccountService.SignInError.tooManyAttempts(retryAfter: Int(retryAfter.rounded(.up)))
        }
        guard let code = Certificate.normalize(typed), let certificate = try officials.database.certificate(code: code) else {
            await throttle.recordFailure(keys: keys, now: Date())
            throw StorageError.certificateNotFound(typed)
        }
        return certificate
    }

    static func body(_ certificate: Certificate, masked: Bool) -> CertificateBody {
        CertificateBody(
            code: certificate.code, courseId: certificate.courseID, courseTitle: certificate.courseTitle,
            courseVersion: certificate.courseVersion, issuedOn: DueDate.day(of: certificate.issuedAt), valid: certificate.isValid,
            revokedReason: certificate.revokedReason,
            holderName: masked ? certificate.maskedHolderName : certificate.holderName,
            verifyUrl: SitePath.verify(certificate.code).path)
    }
}
