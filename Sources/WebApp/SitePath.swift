import CourseEngine

/// Every path the server answers, declared once: used to register routes and to build links.
public enum SitePath: Sendable, Hashable {
    case home
    case course(String)
    case lesson(String, String)
    case step(String, String, Int)
    case media(String, String)
    case asset(String)
    case health
    case serviceWorker
    case apiCourses
    case apiCourse(String)
    case apiLesson(String, String)
    case apiOpenAPI
    case signIn
    case signInWithCode
    case start
    case signOut
    case preferences
    case apiMyPreferences
    case myLearning
    case changePassword
    case apiPassword
    case completeLesson(String, String)
    case apiSessions
    case apiResume
    case apiCurrentSession
    case apiCitizens
    case apiMe
    case apiProgress
    case apiMyProgress
    case apiLearnerProgress(String)
    case quiz(String)
    case quizAttempts(String)
    case attempt(String)
    case attemptQuestion(String, Int)
    case attemptSubmit(String)
    case apiQuiz(String)
    case apiQuizAttempts(String)
    case apiAttempt(String)
    case apiAttemptSubmit(String)
    case apiAttemptReviews(String)
    case apiMyAttempts
    case verify(String)
    case certificate(String)
    case unitReport(String)
    case assistedReport(String)
    case volunteer
    case volunteerCitizens
    case volunteerAssist(String)
    case volunteerEndAssist
    case apiVolunteerCitizens
    case apiVolunteerAssist(String)
    case apiAssistedShare(String)
    case apiAssignments
    case apiAssignment(String)
    case apiMyAssignments
    case apiMyCertificates
    case apiCertificate(String)
    case apiCertificateRevocation(String)
    case apiUnitReport(String)
    case apiUnitReportCSV(String)
    case search
    case apiSearch
    /// Where learners get stuck in a course: the trainer's page and its JSON.
    case courseFunnel(String)
    case apiCourseFunnel(String)
    case apiAdminReload
    case apiContentVersion
    case trainer

    /// The route pattern Hummingbird registers for this kind of path.
    var pattern: String {
        switch self {
        case .home: "/"
        case .course: "/courses/:courseId"
        case .lesson: "/courses/:courseId/:lessonId"
        case .step: "/courses/:courseId/:lessonId/steps/:step"
        case .media: "/media/:courseId/**"
        case .asset: "/static/**"
        case .health: "/healthz"
        case .serviceWorker: "/sw.js"
        case .apiCourses: "/api/v1/courses"
        case .apiCourse: "/api/v1/courses/:courseId"
        case .apiLesson: "/api/v1/courses/:courseId/lessons/:lessonId"
        case .apiOpenAPI: "/api/v1/openapi.yaml"
        case .signIn: "/signin"
        case .signInWithCode: "/signin/code"
        case .start: "/start"
        case .signOut: "/signout"
        case .preferences: "/preferences"
        case .apiMyPreferences: "/api/v1/me/preferences"
        case .myLearning: "/me"
        case .changePassword: "/me/password"
        case .apiPassword: "/api/v1/me/password"
        case .completeLesson: "/courses/:courseId/:lessonId/complete"
        case .apiSessions: "/api/v1/sessions"
        case .apiResume: "/api/v1/sessions/resume"
        case .apiCurrentSession: "/api/v1/sessions/current"
        case .apiCitizens: "/api/v1/citizens"
        case .apiMe: "/api/v1/me"
        case .apiProgress: "/api/v1/progress"
        case .apiMyProgress: "/api/v1/me/progress"
        case .apiLearnerProgress: "/api/v1/learners/:learnerId/progress"
        case .quiz: "/quizzes/:quizId"
        case .quizAttempts: "/quizzes/:quizId/attempts"
        case .attempt: "/attempts/:attemptId"
        case .attemptQuestion: "/attempts/:attemptId/questions/:number"
        case .attemptSubmit: "/attempts/:attemptId/submit"
        case .apiQuiz: "/api/v1/quizzes/:quizId"
        case .apiQuizAttempts: "/api/v1/quizzes/:quizId/attempts"
        case .apiAttempt: "/api/v1/attempts/:attemptId"
        case .apiAttemptSubmit: "/api/v1/attempts/:attemptId/submit"
        case .apiAttemptReviews: "/api/v1/attempts/:attemptId/reviews"
        case .apiMyAttempts: "/api/v1/me/attempts"
        case .verify: "/verify/:code"
        case .certificate: "/me/certificates/:code"
        case .unitReport: "/reports/units/:code"
        case .assistedReport: "/reports/units/:code/assisted"
        case .volunteer: "/volunteer"
        case .volunteerCitizens: "/volunteer/citizens"
        case .volunteerAssist: "/volunteer/citizens/:learnerId/assist"
        case .volunteerEndAssist: "/volunteer/assist/end"
        case .apiVolunteerCitizens: "/api/v1/volunteer/citizens"
        case .apiVolunteerAssist: "/api/v1/volunteer/citizens/:learnerId/assist"
        case .apiAssistedShare: "/api/v1/units/:code/assisted"
        case .apiAssignments: "/api/v1/assignments"
        case .apiAssignment: "/api/v1/assignments/:assignmentId"
        case .apiMyAssignments: "/api/v1/me/assignments"
        case .apiMyCertificates: "/api/v1/me/certificates"
        case .apiCertificate: "/api/v1/certificates/:code"
        case .apiCertificateRevocation: "/api/v1/certificates/:code/revocation"
        case .apiUnitReport: "/api/v1/units/:code/report"
        case .apiUnitReportCSV: "/api/v1/units/:code/report.csv"
        case .search: "/search"
        case .apiSearch: "/api/v1/search"
        case .courseFunnel: "/trainer/courses/:courseId/funnel"
        case .apiCourseFunnel: "/api/v1/courses/:courseId/funnel"
        case .apiAdminReload: "/api/v1/admin/reload"
        case .apiContentVersion: "/api/v1/content/version"
        case .trainer: "/trainer"
        }
    }

    /// The concrete path, for links.
    public var path: String {
        switch self {
        case .home: "/"
        case .course(let course): "/courses/\(course)"
        case .lesson(let course, let lesson): "/courses/\(course)/\(lesson)"
        case .step(let course, let lesson, let step): "/courses/\(course)/\(lesson)/steps/\(step)"
        case .media(let course, let file): "/media/\(course)/\(file)"
        case .asset(let file): "/static/\(file)"
        case .health: "/healthz"
        case .serviceWorker: "/sw.js"
        case .apiCourses: "/api/v1/courses"
        case .apiCourse(let course): "/api/v1/courses/\(course)"
        case .apiLesson(let course, let lesson): "/api/v1/courses/\(course)/lessons/\(lesson)"
        case .apiOpenAPI: "/api/v1/openapi.yaml"
        case .signIn: "/signin"
        case .signInWithCode: "/signin/code"
        case .start: "/start"
        case .signOut: "/signout"
        case .preferences: "/preferences"
        case .apiMyPreferences: "/api/v1/me/preferences"
        case .myLearning: "/me"
        case .changePassword: "/me/password"
        case .apiPassword: "/api/v1/me/password"
        case .completeLesson(let course, let lesson): "/courses/\(course)/\(lesson)/complete"
        case .apiSessions: "/api/v1/sessions"
        case .apiResume: "/api/v1/sessions/resume"
        case .apiCurrentSession: "/api/v1/sessions/current"
        case .apiCitizens: "/api/v1/citizens"
        case .apiMe: "/api/v1/me"
        case .apiProgress: "/api/v1/progress"
        case .apiMyProgress: "/api/v1/me/progress"
        case .apiLearnerProgress(let learner): "/api/v1/learners/\(learner)/progress"
        case .quiz(let quiz): "/quizzes/\(quiz)"
        case .quizAttempts(let quiz): "/quizzes/\(quiz)/attempts"
        case .attempt(let attempt): "/attempts/\(attempt)"
        case .attemptQuestion(let attempt, let number): "/attempts/\(attempt)/questions/\(number)"
        case .attemptSubmit(let attempt): "/attempts/\(attempt)/submit"
        case .apiQuiz(let quiz): "/api/v1/quizzes/\(quiz)"
        case .apiQuizAttempts(let quiz): "/api/v1/quizzes/\(quiz)/attempts"
        case .apiAttempt(let attempt): "/api/v1/attempts/\(attempt)"
        case .apiAttemptSubmit(let attempt): "/api/v1/attempts/\(attempt)/submit"
        case .apiAttemptReviews(let attempt): "/api/v1/attempts/\(attempt)/reviews"
        case .apiMyAttempts: "/api/v1/me/attempts"
        case .verify(let code): "/verify/\(code)"
        case .certificate(let code): "/me/certificates/\(code)"
        case .unitReport(let code): "/reports/units/\(code)"
        case .assistedReport(let code): "/reports/units/\(code)/assisted"
        case .volunteer: "/volunteer"
        case .volunteerCitizens: "/volunteer/citizens"
        case .volunteerAssist(let learner): "/volunteer/citizens/\(learner)/assist"
        case .volunteerEndAssist: "/volunteer/assist/end"
        case .apiVolunteerCitizens: "/api/v1/volunteer/citizens"
        case .apiVolunteerAssist(let learner): "/api/v1/volunteer/citizens/\(learner)/assist"
        case .apiAssistedShare(let code): "/api/v1/units/\(code)/assisted"
        case .apiAssignments: "/api/v1/assignments"
        case .apiAssignment(let id): "/api/v1/assignments/\(id)"
        case .apiMyAssignments: "/api/v1/me/assignments"
        case .apiMyCertificates: "/api/v1/me/certificates"
        case .apiCertificate(let code): "/api/v1/certificates/\(code)"
        case .apiCertificateRevocation(let code): "/api/v1/certificates/\(code)/revocation"
        case .apiUnitReport(let code): "/api/v1/units/\(code)/report"
        case .apiUnitReportCSV(let code): "/api/v1/units/\(code)/report.csv"
        case .search: "/search"
        case .apiSearch: "/api/v1/search"
        case .courseFunnel(let course): "/trainer/courses/\(course)/funnel"
        case .apiCourseFunnel(let course): "/api/v1/courses/\(course)/funnel"
        case .apiAdminReload: "/api/v1/admin/reload"
        case .apiContentVersion: "/api/v1/content/version"
        case .trainer: "/trainer"
        }
    }

    /// How rendered lessons link to pages and files of this site, so content links and routes never disagree.
    static let contentURLs = ContentURLs(
        course: { SitePath.course($0).path },
        lesson: { SitePath.lesson($0, $1).path },
        asset: { SitePath.media($0, $1).path }
    )
}
