import CourseEngine
import Foundation
import Storage

/// The banner on every page while a volunteer helps a citizen on their device, with the button that ends it.
struct AssistedBanner {
    let text: String
    let volunteerText: String
    let endAction: String

    init?(_ identity: Identity?, messages: MessageCatalogue, language: Language) {
        guard let identity, let volunteer = identity.assistedBy else { return nil }
        text = messages.text("assist_banner", language, ["name": identity.learner.displayName])
        volunteerText = messages.text("assist_banner_volunteer", language, ["name": volunteer.displayName])
        endAction = SitePath.volunteerEndAssist.path
    }
}

/// The volunteer's page: register a citizen, and the citizens they registered or helped, each with a button to
/// start helping them on this device.
struct VolunteerPage {
    struct CitizenItem {
        let name: String
        let phone: String?
        let progress: String
        let detail: String?
        let assistAction: String
        let assistLabel: String
    }

    let error: String?
    let name: String
    let phone: String
    let registerAction: String
    let citizens: [CitizenItem]
    let isEmpty: Bool

    init(
        citizens: [HelpedCitizen], messages: MessageCatalogue, language: Language, error: String? = nil,
        name: String = "",
        phone: String = ""
    ) {
        self.error = error
        self.name = name
        self.phone = phone
        registerAction = SitePath.volunteerCitizens.path
        self.citizens = citizens.map { citizen in
            let progress =
                citizen.lessonsCompleted == 0
                ? messages.text("volunteer_citizen_nothing_yet", language)
                : messages.text(
                    "volunteer_citizen_progress", language,
                    [
                        "done": "\(citizen.lessonsCompleted)", "alone": "\(citizen.lessonsCompletedAlone)",
                        "helped": "\(citizen.lessonsCompletedWithHelp)",
                    ])
            var details: [String] = []
            if let registered = citizen.registeredAt {
                details.append(
                    messages.text("volunteer_citizen_registered", language, ["date": DueDate.day(of: registered)]))
            }
            if let last = citizen.lastActivityAt {
                details.append(
                    messages.text("volunteer_citizen_last_activity", language, ["date": DueDate.day(of: last)]))
            }
            return CitizenItem(
                name: citizen.learner.displayName, phone: citizen.learner.phone, progress: progress,
                detail: details.isEmpty ? nil : details.joined(separator: " · "),
                assistAction: SitePath.volunteerAssist(citizen.learner.id).path,
                assistLabel: messages.text("volunteer_assist_label", language, ["name": citizen.learner.displayName]))
        }
        isEmpty = citizens.isEmpty
    }
}

/// A newly registered citizen's resume code, shown once, large, to print and hand over, with how to use it.
struct VolunteerCodePage {
    let name: String
    let code: String
    let howToSignIn: String
    let assistAction: String
    let listHref: String
}

/// The share of completions made with a volunteer, per course and per unit.
struct AssistedReportPage {
    struct Row {
        let name: String
        let lessons: Int
        let assistedLessons: Int
        let lessonShare: String
        let courses: Int
        let assistedCourses: Int
        let courseShare: String

        init(_ name: String, _ totals: AssistedShare.Totals) {
            self.name = name
            lessons = totals.lessonCompletions
            assistedLessons = totals.assistedLessonCompletions
            lessonShare = "\(UnitReport.number(totals.lessonShare))%"
            courses = totals.courseCompletions
            assistedCourses = totals.assistedCourseCompletions
            courseShare = "\(UnitReport.number(totals.courseShare))%"
        }
    }

    let title: String
    let courseRows: [Row]
    let unitRows: [Row]
    let total: Row
    let hasUnits: Bool

    init(share: AssistedShare, messages: MessageCatalogue, language: Language) {
        title = messages.text("assisted_title", language, ["unit": share.unitName])
        courseRows = share.courses.map { Row($0.title, $0.totals) }
        unitRows = share.units.map { Row($0.unitName, $0.totals) }
        total = Row(messages.text("assisted_total", language), share.totals)
        hasUnits = !share.units.isEmpty
    }
}
