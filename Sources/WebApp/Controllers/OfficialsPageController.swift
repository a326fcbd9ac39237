import CourseEngine
import Foundation
import Hummingbird
import Storage

/// The certificate page, the public verification page and the supervisor's report page.
struct OfficialsPageController: Sendable {
    typealias Context = AppRequestContext
    let officials: OfficialsService
    let api: OfficialsAPIController
    let pages: PageRenderer
    let messages: MessageCatalogue
    /// Where the site is reached from outside, for the QR code on certificates.
    let publicURL: String

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.certificate("").pattern), use: certificate)
        router.get(RouterPath(SitePath.verify("").pattern), use: verify)
        router.get(RouterPath(SitePath.unitReport("").pattern), use: report)
    }

    @Sendable func certificate(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let language = Language.negotiate(request)
        let code = Certificate.normalize(try context.parameters.require("code")) ?? ""
        guard let certificate = try officials.database.certificate(code: code) else { throw StorageError.certificateNotFound(code) }
        guard certificate.learnerID == identity.learner.id || identity.learner.has(.admin) else { throw AccessError.forbidden }
        let verifyURL = publicURL + SitePath.verify(certificate.code).path
        let qr = (try? QRCode(text: verifyURL, errorCorrection: .medium))?.svg(moduleSize: 4, label: messages.text("certificate_qr_label", language)) ?? ""
        let page = CertificatePage(
            holderName: certificate.holderName, courseTitle: certificate.courseTitle,
            versionLabel: messages.text("course_version", language, ["version": "\(certificate.courseVersion)"]),
            issuedLabel: messages.text("certificate_issued", language, ["date": DueDate.day(of: certificate.issuedAt)]),
            code: certificate.code, verifyURL: verifyURL, qrSVG: qr, valid: certificate.isValid,
            revokedLabel: certificate.revokedReason.map { messages.text("certificate_revoked", language, ["reason": $0]) })
        return pages.response(
            "certificate", title: messages.text("certificate_title", language), page: page, language: language,
            request: request, context: context)
    }

    @Sendable func verify(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let certificate = try await OfficialsAPIController.lookUp(
            try context.parameters.require("code"), officials: officials, throttle: api.verifyThrottle, address: context.clientAddress)
        let page = VerifyPage(
            valid: certificate.isValid,
            verdict: messages.text(certificate.isValid ? "verify_valid" : "verify_revoked", language),
            holderName: certificate.maskedHolderName, courseTitle: certificate.courseTitle,
            versionLabel: messages.text("course_version", language, ["version": "\(certificate.courseVersion)"]),
            issuedLabel: messages.text("certificate_issued", language, ["date": DueDate.day(of: certificate.issuedAt)]),
            code: certificate.code, revokedReason: certificate.revokedReason)
        var response = pages.response(
            "verify", title: messages.text("verify_title", language), page: page, language: language, request: request,
            context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let plan = try api.buildReport(request, context: context)
        let (offset, limit) = try OfficialsAPIController.window(request, defaultLimit: UnitReport.defaultLimit)
        let records = try plan.records(of: plan.slice(offset: offset, limit: limit), in: api.officials.database)
        let report = plan.report(offset: offset, limit: limit, records: records)
        let page = ReportPage(report: report, query: request.uri.queryParameters, messages: messages, language: language)
        return pages.response("report", title: page.title, page: page, language: language, request: request, context: context)
    }
}
