import Foundation
import Testing

@testable import CourseEngine

/// A paper with one question, choices shown in file order.
private func paper(_ question: Question) -> AttemptPaper {
    var quiz = Quiz(id: "q", title: "Q", settings: QuizSettings(), questions: [question], contentHash: "h", sourcePath: "q.gift")
    quiz.settings.shuffleAnswers = false
    var generator = SystemRandomNumberGenerator()
    return AttemptPaper.draw(from: quiz, using: &generator)
}

private func grade(_ question: Question, _ response: QuestionResponse?) -> Grader.QuestionGrade {
    Grader.grade(paper(question), responses: response.map { ["q1": $0] } ?? [:], passPercent: 80).questions[0]
}

private let otp = Question(
    type: .multichoice, name: "OTP", text: FormattedText("Mã OTP dùng để làm gì?"), single: true,
    answers: [
        Answer(text: FormattedText("Xác nhận giao dịch"), fraction: 1, feedback: FormattedText("Đúng vậy.")),
        Answer(text: FormattedText("Đọc cho người gọi điện"), fraction: 0, feedback: FormattedText("Không bao giờ.")),
    ])

@Suite("Grading")
struct GraderTests {
    @Test("one-answer multiple choice earns the chosen answer's fraction and shows its feedback")
    func singleChoice() {
        #expect(grade(otp, .choice(1)).credit == 1)
        #expect(grade(otp, .choice(1)).feedback.map(\.text) == ["Đúng vậy."])
        #expect(grade(otp, .choice(2)).credit == 0)
        #expect(grade(otp, .choice(9)).credit == 0)
    }

    @Test("ticking every choice of a one-answer question earns nothing")
    func singleChoiceRefusesLists() {
        #expect(grade(otp, .choices([1, 2])).credit == 0)
        #expect(grade(otp, .choices([1])).credit == 1)
    }

    @Test("multiple answers sum the chosen fractions, clamped to 0...1")
    func multipleAnswers() {
        let question = Question(
            type: .multichoice, name: "M", text: FormattedText("Chọn các dấu hiệu lừa đảo"), single: false,
            answers: [
                Answer(text: FormattedText("a"), fraction: 0.5), Answer(text: FormattedText("b"), fraction: 0.5),
                Answer(text: FormattedText("c"), fraction: -1),
            ])
        #expect(grade(question, .choices([1, 2])).credit == 1)
        #expect(grade(question, .choices([1])).credit == 0.5)
        #expect(grade(question, .choices([1, 3])).credit == 0)
        #expect(grade(question, .choices([1, 1, 2])).credit == 1)
    }

    @Test("true/false earns full credit for the right value and shows the feedback for the chosen one")
    func trueFalse() {
        let question = Question(
            type: .truefalse, name: "TF", text: FormattedText("Công an gọi điện yêu cầu cài ứng dụng là lừa đảo."),
            correct: true, feedbackTrue: FormattedText("Chính xác."), feedbackFalse: FormattedText("Hãy cảnh giác."))
        #expect(grade(question, .trueFalse(true)).credit == 1)
        #expect(grade(question, .trueFalse(true)).feedback.map(\.text) == ["Chính xác."])
        #expect(grade(question, .trueFalse(false)).credit == 0)
        #expect(grade(question, .trueFalse(false)).feedback.map(\.text) == ["Hãy cảnh giác."])
    }

    @Test("short answers compare case-insensitively after Unicode normalisation, with * as a wildcard")
    func shortAnswer() {
        let question = Question(
            type: .shortanswer, name: "S", text: FormattedText("Ứng dụng định danh điện tử tên là gì?"),
            answers: [
                Answer(text: FormattedText("Định danh"), fraction: 1),
                Answer(text: FormattedText("VNe*"), fraction: 0.5),
            ])
        let decomposed = "đi\u{0323}nh danh".decomposedStringWithCanonicalMapping
        #expect(grade(question, .text("ĐỊNH  DANH ")).credit == 1)
        #expect(grade(question, .text(decomposed)).credit == 1)
        #expect(grade(question, .text("vneid")).credit == 0.5)
        #expect(grade(question, .text("zalo")).credit == 0)
        #expect(grade(question, .text("")).credit == 0)
    }

    @Test("numerical answers accept the tolerance and a decimal comma; the catch-all gives its feedback")
    func numerical() {
        let question = Question(
            type: .numerical, name: "N", text: FormattedText("Mã OTP thường có mấy chữ số?"),
            answers: [
                Answer(text: FormattedText("6"), fraction: 1, tolerance: 0),
                Answer(text: FormattedText("5"), fraction: 0.5, tolerance: 0.5),
                Answer(text: FormattedText("*"), fraction: 0, feedback: FormattedText("Thường là 6 chữ số.")),
            ])
        #expect(grade(question, .text("6")).credit == 1)
        #expect(grade(question, .text("4,5")).credit == 0.5)
        #expect(grade(question, .text("9")).credit == 0)
        #expect(grade(question, .text("9")).feedback.map(\.text) == ["Thường là 6 chữ số."])
        #expect(grade(question, .text("sáu")).credit == 0)
    }

    @Test("matching earns the share of right pairs")
    func matching() {
        let question = Question(
            type: .matching, name: "M", text: FormattedText("Ghép"),
            pairs: [
                MatchPair(question: FormattedText("VNeID"), answer: "Định danh"),
                MatchPair(question: FormattedText("OTP"), answer: "Mã xác thực"),
                MatchPair(question: FormattedText(""), answer: "Mạng xã hội"),
            ])
        // Given one drawn paper, whose option order is random
        let drawn = paper(question)
        let item = drawn.items[0]
        #expect(item.promptOrder.count == 2)
        #expect(item.matchOptions.count == 3)
        func option(_ text: String) -> Int { item.matchOptions.firstIndex(of: text)! + 1 }
        let prompts = item.promptOrder.map { question.pairs[$0].question.text }
        let vneid = prompts.firstIndex(of: "VNeID")! + 1
        let otp = prompts.firstIndex(of: "OTP")! + 1
        func credit(_ matches: [Int: Int]) -> Double? {
            Grader.grade(drawn, responses: ["q1": .matches(matches)], passPercent: 80).questions[0].credit
        }
        // Then the credit is the share of prompts matched right
        #expect(credit([vneid: option("Định danh"), otp: option("Mã xác thực")]) == 1)
        #expect(credit([vneid: option("Định danh"), otp: option("Mạng xã hội")]) == 0.5)
        #expect(credit([:]) == 0)
    }

    @Test("an essay waits for a trainer: the attempt is pending review until graded")
    func essay() throws {
        let question = Question(type: .essay, name: "E", text: FormattedText("Mô tả quy trình tiếp nhận hồ sơ."))
        let drawn = paper(question)
        let attempt = Attempt(
            id: "a", learnerID: "l", quizID: "q", quizContentHash: "h", status: .inProgress, paper: drawn,
            responses: [:], result: nil, startedAt: Date(), submittedAt: nil)
        let submitted = attempt.submitted(with: ["q1": .text("Tiếp nhận, kiểm tra, số hóa.")], passPercent: 50, at: Date())
        #expect(submitted.status == .pendingReview)
        #expect(submitted.result?.passed == false)
        let reviewed = try #require(submitted.reviewed(questionID: "q1", credit: 0.8, feedback: "Tốt", passPercent: 50))
        #expect(reviewed.status == .graded)
        #expect(reviewed.result?.percent == 80)
        #expect(reviewed.result?.passed == true)
    }

    @Test("the attempt's percent and pass are computed over questions with marks only")
    func totals() {
        let description = Question(type: .description, name: "D", text: FormattedText("Đọc kỹ trước khi làm."))
        var quiz = Quiz(id: "q", title: "Q", settings: QuizSettings(), questions: [description, otp, otp], contentHash: "h", sourcePath: "")
        quiz.settings.shuffleAnswers = false
        var generator = SystemRandomNumberGenerator()
        let drawn = AttemptPaper.draw(from: quiz, using: &generator)
        let result = Grader.grade(drawn, responses: ["q2": .choice(1), "q3": .choice(2)], passPercent: 50)
        #expect(result.maximum == 2)
        #expect(result.score == 1)
        #expect(result.percent == 50)
        #expect(result.passed)
        #expect(result.status == .graded)
    }

    @Test("a paper draws the configured number of questions and shuffles choice order without losing any")
    func drawing() {
        var quiz = Quiz(id: "q", title: "Q", settings: QuizSettings(), questions: Array(repeating: otp, count: 10), contentHash: "h", sourcePath: "")
        quiz.settings.questionCount = 4
        var generator = SystemRandomNumberGenerator()
        let drawn = AttemptPaper.draw(from: quiz, using: &generator)
        #expect(drawn.items.map(\.id) == ["q1", "q2", "q3", "q4"])
        #expect(drawn.items.allSatisfy { Set($0.choiceOrder) == [0, 1] })
    }
}

@Suite("Quiz settings")
struct QuizSettingsTests {
    @Test("settings are read with their defaults")
    func defaults() {
        let (settings, diagnostics) = QuizSettings.parse(Array("title: Kiểm tra\nmax_attempts: 3\none_question_per_page: true\n".utf8), file: "a.yml")
        #expect(diagnostics.isEmpty)
        #expect(settings.title == "Kiểm tra")
        #expect(settings.passPercent == 80)
        #expect(settings.maxAttempts == 3)
        #expect(settings.shuffleAnswers)
        #expect(settings.oneQuestionPerPage)
        #expect(settings.questionCount == nil)
    }

    @Test("a wrong value or an unknown key is an error on its line")
    func errors() {
        let (_, diagnostics) = QuizSettings.parse(Array("title: A\npass_percent: 120\nshufle_answers: false\n".utf8), file: "a.yml")
        #expect(diagnostics.map(\.line) == [2, 3])
        #expect(diagnostics[0].message.contains("'pass_percent' must be a whole number from 1 to 100"))
        #expect(diagnostics[1].message.contains("did you mean 'shuffle_answers'?"))
    }
}

@Suite("Question text")
struct QuestionTextTests {
    @Test("HTML in question text keeps simple formatting and never script or attributes")
    func sanitizes() {
        let html = QuestionText.html(FormattedText("<b>Chú ý</b> <script>alert(1)</script><img src=x onerror=alert(1)> <a href=\"javascript:x\">x</a>", format: .html))
        #expect(html.contains("<b>Chú ý</b>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<a "))
        #expect(html.contains("&lt;script&gt;"))
    }

    @Test("plain text is escaped and markdown goes through cmark in safe mode")
    func formats() {
        #expect(QuestionText.html(FormattedText("a < b\nc", format: .plain)) == "a &lt; b<br>c")
        #expect(QuestionText.html(FormattedText("**đậm** <i>x</i>", format: .markdown)) == "<p><strong>đậm</strong> <!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>")
    }
}
