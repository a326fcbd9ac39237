import CourseEngine
import Hummingbird
import Mustache

/// A link in the breadcrumb trail.
struct Breadcrumb: Sendable {
    let name: String
    let href: String
}

/// What every page's layout needs, around the page's own model.
struct PageContext {
    let lang: String
    let t: [String: String]
    let title: String
    let css: String
    let js: String
    let display: DisplayTools
    let homeURL: String
    let languageSwitch: LanguageSwitch
    let breadcrumbs: [Breadcrumb]
    let hasBreadcrumbs: Bool
    let account: AccountLinks
    let csrfToken: String
    /// Under `serve --watch`: the page refreshes itself when the content is reloaded (see `Static/app.js`).
    var watch = false
    /// The reload generation the page was made from, which the page compares with `GET /api/v1/content/version`.
    var generation = 0
    /// For trainers and admins, when the last reload was refused: its diagnostics.
    var reloadBanner: ReloadBanner? = nil
    let page: Any
}

/// "Nội dung mới chưa được xuất bản": the diagnostics of a refused reload, shown to trainers and admins only.
struct ReloadBanner {
    struct Line {
        let location: String
        let severity: String
        let message: String
    }

    let lines: [Line]

    init?(_ status: ReloadStatus, identity: Identity?) {
        guard let roles = identity?.learner.roles, !roles.isDisjoint(with: [.trainer, .admin]) else { return nil }
        let refusal = status.refusal
        guard !refusal.isEmpty else { return nil }
        lines = refusal.map {
            Line(location: "\($0.file):\($0.line):\($0.column)", severity: $0.severity.rawValue, message: $0.message)
        }
    }
}

/// The header's account links: sign in, or the learner's name, "my learning" and sign out.
struct AccountLinks {
    let signedIn: Bool
    /// The learner's public id, which keys the device's queue of offline progress to them.
    let learnerID: String
    let name: String
    let signInHref: String
    let myLearningHref: String
    let signOutAction: String
    /// "Đang hỗ trợ …" while a volunteer helps the signed-in citizen on this device.
    var assisted: AssistedBanner? = nil
}

/// The header's text-size and contrast buttons, and the classes that apply the choice.
struct DisplayTools {
    struct Size {
        let value: String
        let label: String
        let ariaLabel: String
        let pressed: Bool
    }

    let htmlClass: String
    /// Stored, not computed: Mustache sees stored properties only.
    let hasHtmlClass: Bool
    let action: String
    let returnTo: String
    let sizes: [Size]
    let contrastNext: String
    let contrastPressed: Bool

    init(_ preferences: DisplayPreferences, returnTo: String, messages: MessageCatalogue, language: Language) {
        var classes: [String] = []
        if preferences.textSize != .normal { classes.append("text-\(preferences.textSize.rawValue)") }
        if preferences.contrast == .high { classes.append("contrast-high") }
        htmlClass = classes.joined(separator: " ")
        hasHtmlClass = !classes.isEmpty
        action = SitePath.preferences.path
        self.returnTo = returnTo
        sizes = DisplayPreferences.TextSize.allCases.map { size in
            Size(
                value: size.rawValue, label: messages.text("display_size_\(size.rawValue)", language),
                ariaLabel: messages.text("display_size_\(size.rawValue)_label", language), pressed: size == preferences.textSize)
        }
        contrastPressed = preferences.contrast == .high
        contrastNext = contrastPressed ? DisplayPreferences.Contrast.normal.rawValue : DisplayPreferences.Contrast.high.rawValue
    }
}

/// The link that shows the page in the other language.
struct LanguageSwitch {
    let href: String
    let label: String
    let ariaLabel: String
    let lang: String
}

/// Renders Mustache templates from `Static/templates` inside the shared layout, in the learner's language.
public struct PageRenderer: Sendable {
    /// Shared by every copy, so that a reload (see `ContentReloader`) reaches all of them at once.
    private let templates: SharedValue<MustacheLibrary>
    var library: MustacheLibrary { templates.value }
    let messages: MessageCatalogue
    let assets: StaticAssets
    /// What the last reload did: the watch marker and the trainers' banner.
    var reloadStatus = ReloadStatus(watching: false)

    init(library: MustacheLibrary, messages: MessageCatalogue, assets: StaticAssets) {
        self.templates = SharedValue(library)
        self.messages = messages
        self.assets = assets
    }

    /// Renders with `library`'s templates from now on, in every copy of this renderer.
    func replaceLibrary(with library: MustacheLibrary) {
        templates.value = library
    }

    public static func load(templatesDirectory: String, messages: MessageCatalogue, assets: StaticAssets) async throws -> PageRenderer {
        HTMLEscaping.register
        let library = try await MustacheLibrary(directory: templatesDirectory)
        for name in ["layout", "catalogue", "course", "lesson", "step", "error", "signin", "start", "resume-code", "my-learning", "quiz", "attempt", "result", "certificate", "verify", "report", "search", "volunteer", "volunteer-code", "assisted-report", "trainer"] where library.getTemplate(named: name) == nil {
            throw StartupError.invalidFile("\(templatesDirectory)/\(name).mustache", "template is missing")
        }
        return PageRenderer(library: library, messages: messages, assets: assets)
    }

    /// Renders one page; `title` is the specific part of the document title, the site name is added after it.
    func render(
        _ template: String, title: String?, page: Any, breadcrumbs: [Breadcrumb] = [], language: Language,
        request: Request, context: AppRequestContext
    ) -> String {
        let siteName = messages.text("site_name", language)
        let other: Language = language == .vi ? .en : .vi
        var pageContext = PageContext(
            lang: language.rawValue,
            t: messages.table(language),
            title: title.map { "\($0) – \(siteName)" } ?? siteName,
            css: assets.versionedPath("app.css"),
            js: assets.versionedPath("app.js"),
            display: DisplayTools(
                context.display, returnTo: request.uri.path + (request.uri.query.map { "?\($0)" } ?? ""), messages: messages,
                language: language),
            homeURL: SitePath.home.path,
            languageSwitch: LanguageSwitch(
                href: Self.languageSwitchHref(request, to: other),
                label: messages.text("language_switch", language),
                ariaLabel: messages.text("language_switch_label", language),
                lang: other.rawValue),
            breadcrumbs: breadcrumbs,
            hasBreadcrumbs: !breadcrumbs.isEmpty,
            account: AccountLinks(
                signedIn: context.identity != nil, learnerID: context.identity?.learner.id ?? "", name: context.identity?.learner.displayName ?? "",
                signInHref: SitePath.signIn.path, myLearningHref: SitePath.myLearning.path,
                signOutAction: SitePath.signOut.path,
                assisted: AssistedBanner(context.identity, messages: messages, language: language)),
            csrfToken: context.csrfToken,
            page: page)
        pageContext.watch = reloadStatus.watching
        pageContext.generation = reloadStatus.generation
        pageContext.reloadBanner = ReloadBanner(reloadStatus, identity: context.identity)
        assert(TemplateFields.mismatch(in: pageContext) == nil, "\(TemplateFields.mismatch(in: pageContext) ?? "") is missing from TemplateFields.swift or differs")
        return library.render(pageContext, withTemplate: template) ?? ""
    }

    /// The same page in another language, keeping the rest of its query (a search, a report's filters).
    static func languageSwitchHref(_ request: Request, to language: Language) -> String {
        let kept = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") && !$0.isEmpty }
        return request.uri.path + "?" + (kept + ["lang=\(language.rawValue)"]).joined(separator: "&")
    }

    /// An HTML response for a rendered page, cached by its ETag.
    func response(
        _ template: String, title: String?, page: Any, breadcrumbs: [Breadcrumb] = [], language: Language,
        request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let html = render(
            template, title: title, page: page, breadcrumbs: breadcrumbs, language: language, request: request,
            context: context)
        // Pages for a signed-in learner are theirs alone: no shared cache may keep them.
        let cacheControl = status != .ok ? "no-store" : context.identity == nil ? HTTPCaching.revalidate : "private, no-cache"
        return HTTPCaching.response(
            bytes: Array(html.utf8), contentType: "text/html; charset=utf-8", request: request,
            cacheControl: cacheControl, status: status, extraHeaders: [.vary: "Accept-Language, Cookie"])
    }
}
