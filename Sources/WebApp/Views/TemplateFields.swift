import Mustache

// Template fields of the pages every learner sees, without reflection.
//
// swift-mustache looks up `{{name}}` with `Mirror` unless the value is a `MustacheParent`, and `Mirror` reads
// (and demangles the type of) every stored property until it finds the name, on every lookup and at every level
// of the context stack. That was most of a lesson page's 2–3 ms of CPU in `make bench`'s profile. These
// switches answer in nanoseconds. They list exactly the stored properties: in debug builds
// `TemplateFields.mismatch(in:)` checks each rendered page's models against `Mirror` (see `PageRenderer`), so
// a property added to a model and not here fails every test that renders the page.
//
// Generated from the structs' stored properties; keep each list in the struct's order.

enum TemplateFields {
    /// The first stored property of `value` (or of the models it holds, recursively) that reads differently
    /// through its `MustacheParent` conformance than through `Mirror`, as "Type.property"; nil when all agree.
    /// Values without a conformance are not checked.
    static func mismatch(in value: Any) -> String? {
        guard let parent = value as? MustacheParent, !(value is [String: Any]), !(value is [String: String]) else {
            if let array = value as? [Any] { return array.lazy.compactMap { mismatch(in: $0) }.first }
            return nil
        }
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let mirrored = unwrap(child.value)
            guard String(describing: mirrored) == String(describing: parent.child(named: label)) else {
                return "\(type(of: value)).\(label)"
            }
            if let mirrored, let inner = mismatch(in: mirrored) { return inner }
        }
        return nil
    }

    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrap($0.value) } ?? nil
    }
}

extension Breadcrumb: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": self.name
        case "href": self.href
        default: nil
        }
    }
}

extension PageContext: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "lang": self.lang
        case "t": self.t
        case "title": self.title
        case "css": self.css
        case "js": self.js
        case "display": self.display
        case "homeURL": self.homeURL
        case "languageSwitch": self.languageSwitch
        case "breadcrumbs": self.breadcrumbs
        case "hasBreadcrumbs": self.hasBreadcrumbs
        case "account": self.account
        case "csrfToken": self.csrfToken
        case "watch": self.watch
        case "generation": self.generation
        case "reloadBanner": self.reloadBanner
        case "page": self.page
        default: nil
        }
    }
}

extension ReloadBanner: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "lines": self.lines
        default: nil
        }
    }
}

extension ReloadBanner.Line: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "location": self.location
        case "severity": self.severity
        case "message": self.message
        default: nil
        }
    }
}

extension AccountLinks: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "signedIn": self.signedIn
        case "learnerID": self.learnerID
        case "name": self.name
        case "signInHref": self.signInHref
        case "myLearningHref": self.myLearningHref
        case "signOutAction": self.signOutAction
        case "assisted": self.assisted
        default: nil
        }
    }
}

extension DisplayTools: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "htmlClass": self.htmlClass
        case "hasHtmlClass": self.hasHtmlClass
        case "action": self.action
        case "returnTo": self.returnTo
        case "sizes": self.sizes
        case "contrastNext": self.contrastNext
        case "contrastPressed": self.contrastPressed
        default: nil
        }
    }
}

extension DisplayTools.Size: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "value": self.value
        case "label": self.label
        case "ariaLabel": self.ariaLabel
        case "pressed": self.pressed
        default: nil
        }
    }
}

extension LanguageSwitch: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": self.href
        case "label": self.label
        case "ariaLabel": self.ariaLabel
        case "lang": self.lang
        default: nil
        }
    }
}

extension LessonPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "contentLanguage": self.contentLanguage
        case "kindLabel": self.kindLabel
        case "facts": self.facts
        case "html": self.html
        case "isGuided": self.isGuided
        case "steps": self.steps
        case "startHref": self.startHref
        case "previous": self.previous
        case "next": self.next
        case "courseHref": self.courseHref
        case "completeAction": self.completeAction
        case "quizHref": self.quizHref
        case "draft": self.draft
        case "updatedNotice": self.updatedNotice
        default: nil
        }
    }
}

extension LessonPage.StepItem: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": self.label
        case "title": self.title
        case "href": self.href
        default: nil
        }
    }
}

extension LessonPage.NeighbourLink: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": self.href
        case "label": self.label
        default: nil
        }
    }
}

extension StepPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "counter": self.counter
        case "courseID": self.courseID
        case "lessonID": self.lessonID
        case "number": self.number
        case "total": self.total
        case "title": self.title
        case "contentLanguage": self.contentLanguage
        case "html": self.html
        case "backHref": self.backHref
        case "nextHref": self.nextHref
        case "nextLabel": self.nextLabel
        case "isLast": self.isLast
        case "courseHref": self.courseHref
        case "completeAction": self.completeAction
        case "hintHTML": self.hintHTML
        case "helpDesk": self.helpDesk
        case "retryHref": self.retryHref
        case "draft": self.draft
        case "documentTitle": self.documentTitle
        default: nil
        }
    }
}

extension CataloguePage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "groups": self.groups
        case "isEmpty": self.isEmpty
        case "continueLink": self.continueLink
        case "dueCourses": self.dueCourses
        case "hasDueCourses": self.hasDueCourses
        default: nil
        }
    }
}

extension CataloguePage.Group: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "heading": self.heading
        case "audience": self.audience
        case "courses": self.courses
        default: nil
        }
    }
}

extension CataloguePage.CourseCard: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "summary": self.summary
        case "href": self.href
        case "lessons": self.lessons
        case "minutes": self.minutes
        case "audienceLabel": self.audienceLabel
        case "draft": self.draft
        default: nil
        }
    }
}

extension DueCourseItem: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "title": self.title
        case "href": self.href
        case "dueLabel": self.dueLabel
        case "statusLabel": self.statusLabel
        case "statusClass": self.statusClass
        case "actionLabel": self.actionLabel
        default: nil
        }
    }
}

extension AssistedBanner: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "text": self.text
        case "volunteerText": self.volunteerText
        case "endAction": self.endAction
        default: nil
        }
    }
}

extension ContinueLink: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "href": self.href
        case "label": self.label
        case "detail": self.detail
        default: nil
        }
    }
}
