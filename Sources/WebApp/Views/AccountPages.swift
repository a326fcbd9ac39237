import CourseEngine

/// The sign-in page: officials with a username and password, citizens with their code.
struct SignInPage {
    let error: String?
    let startHref: String
}

/// The form a citizen fills in to start: a name, and a phone number if they like.
struct StartPage {
    let error: String?
    let name: String
    let phone: String
}

/// The citizen's resume code, large, to read aloud, write down or print.
struct ResumeCodePage {
    let name: String
    let code: String
    let continueHref: String
}

/// "My learning": every course the learner has started, and each lesson's state.
struct MyLearningPage {
    struct CourseItem {
        let title: String
        let href: String
        let progressText: String
        let completed: Int
        let total: Int
        /// "1 bài tự học, 1 bài có người hỗ trợ", once a lesson is completed.
        var helpText: String? = nil
        let lessons: [LessonItem]
    }

    struct LessonItem {
        let title: String
        let href: String
        let status: String
        let statusClass: String
        /// For a completed lesson: done alone, or with a volunteer beside the learner.
        var help: String? = nil
        var helpClass = ""
        /// "Bài học đã được cập nhật", linking to the lesson, when it changed after the learner completed it.
        var updated: String? = nil
    }

    struct CertificateItem {
        let title: String
        let href: String
        let detail: String
    }

    let name: String
    let courses: [CourseItem]
    let isEmpty: Bool
    let certificates: [CertificateItem]
    let hasCertificates: Bool
    let notice: String?
    let error: String?
    let mustChangePassword: Bool
    /// Officials may change their password here; citizens have none.
    let changePasswordAction: String?
    /// Volunteers find their page, to register and help citizens, from here.
    let volunteerHref: String?
    /// Trainers and admins find the trainer page from here.
    let trainerHref: String?

    init(
        learner: Learner, summary: LearningSummary, messages: MessageCatalogue, language: Language,
        certificates: [Certificate] = [], notice: String? = nil, error: String? = nil, mustChangePassword: Bool = false,
        changePasswordAction: String? = nil
    ) {
        name = learner.displayName
        volunteerHref = learner.has(.volunteer) ? SitePath.volunteer.path : nil
        trainerHref = learner.seesDrafts ? SitePath.trainer.path : nil
        self.certificates = certificates.map { certificate in
            var detail = messages.text("course_version", language, ["version": "\(certificate.courseVersion)"]) + " · "
                + messages.text("certificate_issued", language, ["date": DueDate.day(of: certificate.issuedAt)])
            if !certificate.isValid { detail += " · " + messages.text("verify_revoked", language) }
            return CertificateItem(title: certificate.courseTitle, href: SitePath.certificate(certificate.code).path, detail: detail)
        }
        hasCertificates = !certificates.isEmpty
        self.notice = notice
        self.error = error
        self.mustChangePassword = mustChangePassword
        self.changePasswordAction = changePasswordAction
        courses = summary.courses.map { course in
            CourseItem(
                title: course.title, href: SitePath.course(course.courseId).path,
                progressText: messages.text("my_learning_progress", language, ["done": "\(course.completedLessons)", "total": "\(course.lessonCount)"]),
                completed: course.completedLessons, total: course.lessonCount,
                helpText: course.completedLessons == 0 ? nil : messages.text("my_learning_help_summary", language, [
                    "alone": "\(course.completedLessons - course.completedWithHelp)", "helped": "\(course.completedWithHelp)",
                ]),
                lessons: course.lessons.map { lesson in
                    let href = lesson.kind == .guided && lesson.status == "in_progress" && lesson.lastStep >= 1
                        ? SitePath.step(course.courseId, lesson.lessonId, lesson.lastStep).path
                        : SitePath.lesson(course.courseId, lesson.lessonId).path
                    var status = messages.text("status_\(lesson.status)", language)
                    if lesson.status == "in_progress" && lesson.kind == .guided && lesson.furthestStep > 0 {
                        status += " – " + messages.text("step_of", language, ["n": "\(lesson.furthestStep)", "total": "\(lesson.stepCount)"])
                    }
                    let done = lesson.status == "completed"
                    let help = lesson.completedWithHelp ? "my_learning_with_help" : "my_learning_alone"
                    return LessonItem(
                        title: lesson.title, href: href, status: status,
                        statusClass: lesson.status.replacingOccurrences(of: "_", with: "-"),
                        help: done ? messages.text(help, language) : nil, helpClass: lesson.completedWithHelp ? "with-help" : "alone",
                        updated: lesson.updatedSinceCompleted ? messages.text("lesson_updated", language) : nil)
                })
        }
        isEmpty = courses.isEmpty
    }
}
