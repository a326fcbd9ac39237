import CourseEngine

/// The home page: every published course, grouped by who it is for.
struct CataloguePage {
    struct Group {
        let heading: String
        let audience: String
        let courses: [CourseCard]
    }

    struct CourseCard {
        let title: String
        let summary: String
        let href: String
        let lessons: String
        let minutes: String
        let audienceLabel: String
        /// A draft course, seen by a trainer or admin.
        var draft = false
    }

    let groups: [Group]
    let isEmpty: Bool
    let continueLink: ContinueLink?
    let dueCourses: [DueCourseItem]
    let hasDueCourses: Bool

    init(
        catalogue: Catalogue, messages: MessageCatalogue, language: Language, continueLink: ContinueLink? = nil,
        dueCourses: [DueCourseItem] = []
    ) {
        self.continueLink = continueLink
        self.dueCourses = dueCourses
        self.hasDueCourses = !dueCourses.isEmpty
        let order: [Audience] = [.citizens, .officials, .everyone]
        groups = order.compactMap { audience in
            let courses = catalogue.courses.filter { $0.audience == audience }
            guard !courses.isEmpty else { return nil }
            return Group(
                heading: messages.text("audience_\(audience.rawValue)", language),
                audience: audience.rawValue,
                courses: courses.map { CourseCard(course: $0, messages: messages, language: language) })
        }
        isEmpty = groups.isEmpty
    }
}

extension CataloguePage.CourseCard {
    init(course: Course, messages: MessageCatalogue, language: Language) {
        self.init(
            title: course.title,
            summary: course.summary,
            href: SitePath.course(course.id).path,
            lessons: messages.text("lessons_count", language, ["count": "\(course.lessons.count)"]),
            minutes: messages.text("minutes", language, ["count": "\(course.estimatedMinutes)"]),
            audienceLabel: messages.text("audience_\(course.audience.rawValue)", language), draft: course.draft)
    }
}
