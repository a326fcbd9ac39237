import Foundation
import Testing

@testable import CourseEngine

/// A course with a reading lesson and a three-step guided lesson, built as the server builds it.
private func course() throws -> Course {
    let source = courseSource([
        "course.md": validCourseFile,
        "01-doc.md": readingLesson("VNeID là ứng dụng định danh.", title: "VNeID là gì"),
        "02-cai-dat.md": guidedLesson(
            "## Mở kho ứng dụng\n\nChạm vào kho.\n\n## Tìm VNeID\n\nGõ VNeID.\n\n## Cài đặt\n\nBấm Cài đặt.\n",
            title: "Cài đặt VNeID"),
    ])
    return try #require(CatalogueBuilder().build(CatalogueSource(courses: [source])).catalogue.courses.first)
}

private let otp = Question(
    type: .multichoice, name: "OTP", text: FormattedText("Mã OTP dùng để làm gì?"), single: true,
    answers: [
        Answer(text: FormattedText("Xác nhận giao dịch"), fraction: 1),
        Answer(text: FormattedText("Đọc cho người gọi điện"), fraction: 0),
        Answer(text: FormattedText("Gửi lên mạng xã hội"), fraction: 0),
    ])
private let appName = Question(
    type: .shortanswer, name: "Tên", text: FormattedText("Tên ứng dụng?"),
    answers: [Answer(text: FormattedText("VNeID"), fraction: 1)])
private let essay = Question(type: .essay, name: "Viết", text: FormattedText("Kể lại."))

private let quiz = Quiz(
    id: "vneid-kiem-tra", title: "Kiểm tra", settings: QuizSettings(), questions: [otp, essay, appName],
    contentHash: "h", sourcePath: "vneid-kiem-tra.gift")

/// A paper showing the bank's questions with the multiple-choice answers in `order`.
private func paper(order: [Int]) -> AttemptPaper {
    AttemptPaper(items: [
        .init(id: "q1", question: otp, choiceOrder: order, promptOrder: [], matchOptions: []),
        .init(id: "q2", question: essay, choiceOrder: [], promptOrder: [], matchOptions: []),
        .init(id: "q3", question: appName, choiceOrder: [], promptOrder: [], matchOptions: []),
    ])
}

@Suite("Where learners get stuck")
struct CourseFunnelTests {
    @Test("the median of a histogram is its middle value, or the mean of the two middle ones")
    func median() {
        #expect(CourseFunnel.median([]) == nil)
        #expect(CourseFunnel.median([(seconds: 30, count: 1)]) == 30)
        #expect(CourseFunnel.median([(seconds: 90, count: 1), (seconds: 10, count: 2)]) == 10)
        #expect(CourseFunnel.median([(seconds: 10, count: 1), (seconds: 41, count: 1)]) == 26)
    }

    @Test("steps count learners who reached them and those who stopped there without completing the lesson")
    func steps() throws {
        // Given two learners at step 1 (one of them completed), one stopped at step 2, one completed at step 3
        let tallies = FunnelTallies(
            reach: [
                .init(lessonID: "cai-dat", furthestStep: 1, completed: false, learners: 1),
                .init(lessonID: "cai-dat", furthestStep: 1, completed: true, learners: 1),
                .init(lessonID: "cai-dat", furthestStep: 2, completed: false, learners: 1),
                .init(lessonID: "cai-dat", furthestStep: 3, completed: true, learners: 1),
                .init(lessonID: "khong-con", furthestStep: 0, completed: false, learners: 5),
            ],
            durations: [.init(lessonID: "cai-dat", step: 2, seconds: 75, learners: 2)],
            help: [.init(lessonID: "cai-dat", step: 2, learners: 1), .init(lessonID: "cai-dat", step: 0, learners: 1)],
            retries: [.init(lessonID: "cai-dat", step: 0, learners: 1)])

        // When the funnel is put in course order
        let funnel = CourseFunnel(course: try course(), tallies: tallies)

        // Then lessons follow the course, and the guided one has a row per step
        #expect(funnel.lessons.map(\.lessonId) == ["doc", "cai-dat"])
        #expect(funnel.lessons[0].reached == 0 && funnel.lessons[0].steps.isEmpty && funnel.lessons[0].answeredRetry == nil)
        let guided = funnel.lessons[1]
        #expect((guided.reached, guided.completed, guided.stopped, guided.askedForHelp) == (4, 2, 2, 1))
        #expect(guided.steps.map(\.reached) == [4, 2, 1])
        #expect(guided.steps.map(\.stopped) == [1, 1, 0])
        #expect(guided.steps.map(\.medianSeconds) == [nil, 75, nil])
        #expect(guided.steps.map(\.askedForHelp) == [0, 1, 0])
        #expect(guided.steps.map(\.answeredRetry) == [nil, nil, 1])
    }

    @Test("quiz answers are mapped through each paper's choice order back to the bank's answers")
    func quizTally() {
        // Given two attempts with the choices shown in different orders, both choosing "Đọc cho người gọi điện",
        // and one right attempt
        var tally = QuizAnswerTally(quiz: quiz)
        tally.add(paper: paper(order: [1, 0, 2]), responses: ["q1": .choice(1), "q3": .text(" vneid ")], result: nil)
        tally.add(paper: paper(order: [2, 1, 0]), responses: ["q1": .choice(2), "q3": .text("Zalo")], result: nil)
        tally.add(paper: paper(order: [0, 1, 2]), responses: ["q1": .choice(1), "q3": .text("zalo ")], result: nil)

        // When the tally is read
        let row = tally.row

        // Then the essay is left out, shares are right/attempts, and the most chosen wrong answer is named
        #expect(row.attempts == 3)
        #expect(row.questions.map(\.number) == [1, 3])
        #expect(row.questions[0].right == 1)
        #expect(row.questions[0].rightShare == 33.3)
        #expect(row.questions[0].mostChosenWrong == CourseFunnel.WrongAnswer(text: "Đọc cho người gọi điện", count: 2))
        #expect(row.questions[1].right == 1)
        #expect(row.questions[1].mostChosenWrong == CourseFunnel.WrongAnswer(text: "zalo", count: 2))
    }

    @Test("an attempt at an earlier wording of a question does not count for it")
    func changedQuestion() {
        // Given an attempt whose paper holds another text for the first question
        var old = otp
        old.text = FormattedText("Mã OTP là gì?")
        var tally = QuizAnswerTally(quiz: quiz)
        tally.add(
            paper: AttemptPaper(items: [.init(id: "q1", question: old, choiceOrder: [0, 1, 2], promptOrder: [], matchOptions: [])]),
            responses: ["q1": .choice(2)], result: nil)

        // Then the attempt is counted but not the question
        #expect(tally.row.attempts == 1)
        #expect(tally.row.questions[0].attempts == 0)
        #expect(tally.row.questions[0].rightShare == nil)
    }

    @Test("a help event needs a step of a guided lesson")
    func helpEvents() throws {
        let catalogue = Catalogue(courses: [try course()])
        let now = Date()
        func help(_ lesson: String, step: Int?) -> ProgressEvent {
            ProgressEvent(
                id: "a551e7ed-0000-4000-8000-000000000001", courseID: "vneid-co-ban", lessonID: lesson, type: .help,
                step: step, occurredAt: now)
        }
        #expect(catalogue.problem(with: help("cai-dat", step: 2), now: now) == nil)
        #expect(catalogue.problem(with: help("cai-dat", step: nil), now: now) == .stepRequired)
        #expect(catalogue.problem(with: help("cai-dat", step: 4), now: now) == .stepOutOfRange)
        #expect(catalogue.problem(with: help("doc", step: 1), now: now) == .stepOutOfRange)
    }
}
