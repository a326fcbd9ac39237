import Foundation
import Testing

@testable import CourseEngine

/// Parses GIFT text written in a test.
private func parseGIFT(_ text: String, file: String = "kiem-tra.gift") -> (
    questions: [Question], diagnostics: [Diagnostic]
) {
    GIFTParser.parse(Array(text.utf8), file: file)
}

/// The only question of a GIFT text, failing the test if there are diagnostics.
private func onlyQuestion(_ text: String) throws -> Question {
    let (questions, diagnostics) = parseGIFT(text)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
    #expect(questions.count == 1)
    return try #require(questions.first)
}

/// The only diagnostic of a GIFT text, failing the test if there are several.
private func onlyDiagnostic(_ text: String) throws -> Diagnostic {
    let (_, diagnostics) = parseGIFT(text)
    #expect(diagnostics.count == 1, "\(diagnostics.map(\.formatted))")
    return try #require(diagnostics.first)
}

@Suite("GIFT parser: question types")
struct GIFTQuestionTypeTests {
    @Test("multiple choice keeps Vietnamese text with precomposed diacritics")
    func multipleChoiceVietnamese() throws {
        // Given a multiple-choice question written in Vietnamese
        let question = try onlyQuestion(
            """
            ::Câu 1 - VNeID là gì::VNeID là ứng dụng gì?{
            \t=Ứng dụng định danh điện tử#Đúng rồi!
            \t~Ứng dụng ngân hàng#Chưa đúng.
            }
            """)
        // Then the text, answers and feedback are kept, letters still precomposed
        #expect(question.type == .multichoice)
        #expect(question.name == "Câu 1 - VNeID là gì")
        #expect(question.text.text == "VNeID là ứng dụng gì?")
        #expect(question.text.text.unicodeScalars.contains("\u{1EE9}"))  // ứ as one scalar
        #expect(question.single == true)
        #expect(question.answers.map(\.text.text) == ["Ứng dụng định danh điện tử", "Ứng dụng ngân hàng"])
        #expect(question.answers.map(\.fraction) == [1, 0])
        #expect(question.answers.map(\.feedback.text) == ["Đúng rồi!", "Chưa đúng."])
        #expect(question.line == 1)
    }

    @Test("multiple answers take weights such as %33.33333% as Moodle does")
    func weights() throws {
        let question = try onlyQuestion(
            "Chọn các giấy tờ hợp lệ {~%33.33333%Căn cước ~%33.33333%Hộ chiếu ~%33.33333%Bằng lái ~%-100%Thẻ thư viện}")
        #expect(question.single == false)
        let expected = [0.3333333, 0.3333333, 0.3333333, -1]
        #expect(question.answers.count == 4)
        #expect(zip(question.answers.map(\.fraction), expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test("true/false: for TRUE the first feedback is for 'false' and the second for 'true'")
    func trueFalse() throws {
        let trueQuestion = try onlyQuestion("Mật khẩu chỉ mình bạn được biết.{TRUE#Sai rồi.#Đúng rồi.}")
        #expect(trueQuestion.type == .truefalse)
        #expect(trueQuestion.correct == true)
        #expect(trueQuestion.feedbackFalse?.text == "Sai rồi.")
        #expect(trueQuestion.feedbackTrue?.text == "Đúng rồi.")

        let falseQuestion = try onlyQuestion("Có thể đọc mã OTP cho người lạ.{F#Sai rồi.#Đúng rồi.}")
        #expect(falseQuestion.correct == false)
        #expect(falseQuestion.feedbackTrue?.text == "Sai rồi.")
        #expect(falseQuestion.feedbackFalse?.text == "Đúng rồi.")
    }

    @Test("short answers accept several right answers, weights and a bare answer without '='")
    func shortAnswer() throws {
        let question = try onlyQuestion("Thủ đô của Việt Nam là gì?{=Hà Nội =%50%Ha Noi#Gần đúng, nhớ viết dấu.}")
        #expect(question.type == .shortanswer)
        #expect(question.answers.map(\.text.text) == ["Hà Nội", "Ha Noi"])
        #expect(question.answers.map(\.fraction) == [1, 0.5])
        #expect(question.answers.map(\.feedback.text) == ["", "Gần đúng, nhớ viết dấu."])

        // Moodle reads text without '=' as a fully right answer
        let bare = try onlyQuestion("Số định danh có bao nhiêu chữ số?{mười hai}")
        #expect(bare.type == .shortanswer)
        #expect(bare.answers.map(\.text.text) == ["mười hai"])
        #expect(bare.answers.map(\.fraction) == [1])
    }

    @Test("matching pairs prompts with answers")
    func matching() throws {
        let question = try onlyQuestion(
            """
            Nối mỗi loại mã với việc dùng của nó.{
                =Mật khẩu -> Đăng nhập ứng dụng
                =Passcode -> Mở các tiện ích
                =Mã OTP->Xác nhận một lần
                ####Cả ba loại mã chỉ mình bạn được biết.
            }
            """)
        #expect(question.type == .matching)
        #expect(question.pairs.map(\.question.text) == ["Mật khẩu", "Passcode", "Mã OTP"])
        #expect(question.pairs.map(\.answer) == ["Đăng nhập ứng dụng", "Mở các tiện ích", "Xác nhận một lần"])
        #expect(question.generalFeedback.text == "Cả ba loại mã chỉ mình bạn được biết.")
    }

    @Test("numerical answers: exact, with tolerance, as a range, weighted, and the '~' catch-all")
    func numerical() throws {
        let exact = try onlyQuestion("Số định danh cá nhân gồm bao nhiêu chữ số?{#12}")
        #expect(exact.type == .numerical)
        #expect(exact.answers.map(\.text.text) == ["12"])
        #expect(exact.answers.map(\.tolerance) == [0])

        let tolerance = try onlyQuestion("Số pi bằng bao nhiêu?{#3.14:0.01#Đúng.}")
        #expect(tolerance.answers.map(\.text.text) == ["3.14"])
        #expect(tolerance.answers.map(\.tolerance) == [0.01])
        #expect(tolerance.answers.map(\.feedback.text) == ["Đúng."])

        let range = try onlyQuestion("Chọn một số từ 1 đến 5.{#1..5}")
        #expect(range.answers.map(\.text.text) == ["3"])
        #expect(range.answers.map(\.tolerance) == [2])

        let weighted = try onlyQuestion("Năm nào?{#\n=2025:0#Chính xác.\n=%50%2025:1#Gần đúng.\n~#Sai rồi.}")
        #expect(weighted.answers.map(\.text.text) == ["2025", "2025", "*"])
        #expect(weighted.answers.map(\.fraction) == [1, 0.5, 0])
        #expect(weighted.answers.map(\.tolerance) == [0, 1, 0])
        #expect(weighted.answers.map(\.feedback.text) == ["Chính xác.", "Gần đúng.", "Sai rồi."])
    }

    @Test("an empty block is an essay, text without a block is a description")
    func essayAndDescription() throws {
        let essay = try onlyQuestion("Hãy kể lại cách bạn kích hoạt tài khoản.{####Xem lại bài 2.}")
        #expect(essay.type == .essay)
        #expect(essay.text.text == "Hãy kể lại cách bạn kích hoạt tài khoản.")
        #expect(essay.generalFeedback.text == "Xem lại bài 2.")

        let description = try onlyQuestion("::Giới thiệu::Phần sau hỏi về VNeID.")
        #expect(description.type == .description)
        #expect(description.name == "Giới thiệu")
        #expect(description.text.text == "Phần sau hỏi về VNeID.")
        #expect(description.answers.isEmpty)
    }

    @Test("text after the answer block makes the missing-word form")
    func missingWord() throws {
        let question = try onlyQuestion("Trang web nhà nước kết thúc bằng {=.gov.vn ~.com} đó bạn.")
        #expect(question.text.text == "Trang web nhà nước kết thúc bằng _____ đó bạn.")
        #expect(question.answers.map(\.text.text) == [".gov.vn", ".com"])
    }

    @Test("general feedback after '####' takes the question's format unless it names its own")
    func generalFeedback() throws {
        let question = try onlyQuestion("[html]<p>Chọn đúng</p>{=Có ~Không ####Vì <b>có</b>.}")
        #expect(question.generalFeedback == FormattedText("Vì <b>có</b>.", format: .html))
        #expect(
            question.answers.map(\.text) == [FormattedText("Có", format: .html), FormattedText("Không", format: .html)])

        let own = try onlyQuestion("Câu hỏi{T####[markdown]**Vì** thế.}")
        #expect(own.generalFeedback == FormattedText("**Vì** thế.", format: .markdown))
    }
}

@Suite("GIFT parser: text, names and structure")
struct GIFTTextTests {
    @Test("backslash escapes make control characters literal and \\n a line break")
    func escapes() throws {
        let question = try onlyQuestion(##"Dấu \{ và \} và \: \# \~ \= \\ dòng\nmới{=a\=b\#c \~d#phản \# hồi}"##)
        #expect(question.text.text == "Dấu { và } và : # ~ = \\ dòng\nmới")
        #expect(question.type == .shortanswer)
        #expect(question.answers.map(\.text.text) == ["a=b#c ~d"])
        #expect(question.answers.map(\.feedback.text) == ["phản # hồi"])
    }

    @Test("a lone backslash, and one before an ordinary character, stay as written")
    func loneBackslash() throws {
        let question = try onlyQuestion(#"Đường dẫn C:\tmp\x và \"#)
        #expect(question.type == .description)
        #expect(question.text.text == #"Đường dẫn C:\tmp\x và \"#)
    }

    @Test("text formats [moodle] [html] [plain] [markdown]; an unknown format stays in the text")
    func formats() throws {
        for format in TextFormat.allCases {
            let question = try onlyQuestion("[\(format.rawValue)]Văn bản{T}")
            #expect(question.text == FormattedText("Văn bản", format: format))
        }
        let unknown = try onlyQuestion("[HTML]Văn bản{T}")
        #expect(unknown.text == FormattedText("[HTML]Văn bản", format: .moodle))
        let answerFormat = try onlyQuestion("Câu{=[plain]<b>đậm</b># [html]<i>ghi chú</i> ~khác}")
        #expect(answerFormat.answers[0].text == FormattedText("<b>đậm</b>", format: .plain))
        #expect(answerFormat.answers[0].feedback == FormattedText("<i>ghi chú</i>", format: .html))
    }

    @Test("$CATEGORY applies to the questions after it, until the next one")
    func categories() throws {
        let (questions, diagnostics) = parseGIFT(
            """
            Câu không có nhóm{T}

            $CATEGORY: $course$/VNeID/Cơ bản

            Câu một{T}

            Câu hai{F}

            // chuyển nhóm
            $CATEGORY: $course$/VNeID/Nâng cao

            Câu ba{T}
            """)
        #expect(diagnostics.isEmpty)
        #expect(
            questions.map(\.category) == [
                nil, "$course$/VNeID/Cơ bản", "$course$/VNeID/Cơ bản", "$course$/VNeID/Nâng cao",
            ])
        #expect(questions.map(\.line) == [1, 5, 7, 12])
    }

    @Test("comment lines are not text; the question starts at its first comment line")
    func comments() throws {
        let (questions, diagnostics) = parseGIFT(
            """
            // Phần 1: các câu dễ

            // [id:vneid-01] [tag:co-ban] [tag:mat-khau]
            ::Câu 1::Mật khẩu
            // ghi chú ở giữa
            phải giữ bí mật.{T}
            """)
        #expect(diagnostics.isEmpty)
        let question = try #require(questions.first)
        #expect(questions.count == 1)
        #expect(question.line == 3)
        #expect(question.idNumber == "vneid-01")
        #expect(question.tags == ["co-ban", "mat-khau"])
        #expect(question.text.text == "Mật khẩu\n \nphải giữ bí mật.")
    }

    @Test("a question without a name is named after its text, long text cut at a space with '...'")
    func defaultNames() throws {
        let short = try onlyQuestion("Bạn nên cài VNeID từ đâu?{=CH Play ~Link lạ}")
        #expect(short.name == "Bạn nên cài VNeID từ đâu?")

        let longText =
            "Khi nhận được tin nhắn có đường link lạ tự xưng là cơ quan công an yêu cầu cập nhật thông tin định danh điện tử, bạn nên làm gì?"
        let long = try onlyQuestion(longText + "{=Bỏ qua ~Bấm vào link}")
        #expect(long.name.hasSuffix("..."))
        #expect(long.name.count <= 83)
        let kept = String(long.name.dropLast(3))
        #expect(longText.hasPrefix(kept))
        // Cut after a whole word, never inside one such as 'tiện' or 'điện'
        #expect(kept.hasSuffix(" "))

        let html = try onlyQuestion("[html]<p>Chọn <b>một</b> đáp án</p>{=a ~b}")
        #expect(html.name == "Chọn một đáp án")

        let empty = try onlyQuestion("{}")
        #expect(empty.name == "Question name")
    }

    @Test("CRLF line ends and a byte-order mark are accepted")
    func lineEndings() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array("// chú thích\r\nCâu một{T}\r\n\r\nCâu hai{F}\r\n".utf8)
        let (questions, diagnostics) = GIFTParser.parse(bytes, file: "a.gift")
        #expect(diagnostics.isEmpty)
        #expect(questions.map(\.text.text) == ["Câu một", "Câu hai"])
        #expect(questions.map(\.line) == [1, 4])
    }

    @Test("a line holding only '0' does not split a question (PHP's empty(\"0\") would)")
    func zeroLine() throws {
        let question = try onlyQuestion("Có bao nhiêu lỗi?\n0\n{#0}")
        #expect(question.text.text == "Có bao nhiêu lỗi?\n0")
        #expect(question.answers.map(\.text.text) == ["0"])
    }
}

@Suite("GIFT parser: errors")
struct GIFTErrorTests {
    @Test("an unterminated answer block is reported where '}' was expected, naming where it starts")
    func unterminatedBlock() throws {
        let diagnostic = try onlyDiagnostic("::Q::Câu hỏi {=a\n=b")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "expected '}' to close the answer block that starts at 1:14")
        #expect((diagnostic.line, diagnostic.column) == (2, 3))
        #expect(diagnostic.file == "kiem-tra.gift")
    }

    @Test("a stray '}' is reported at its position")
    func strayClosingBrace() throws {
        let diagnostic = try onlyDiagnostic("Câu hỏi } còn {T}")
        #expect(diagnostic.message.hasPrefix("unexpected '}' without an opening '{'"))
        #expect((diagnostic.line, diagnostic.column) == (1, 9))
    }

    @Test("a '{' inside an answer block and a second block are reported")
    func nestedAndSecondBlocks() throws {
        let nested = try onlyDiagnostic("Câu {=a {=b}}")
        #expect(nested.message.hasPrefix("unexpected '{' inside the answer block that starts at 1:5"))
        #expect((nested.line, nested.column) == (1, 9))

        let second = try onlyDiagnostic("A {=x} và B {=y}")
        #expect(second.message.contains("second answer block"))
        #expect((second.line, second.column) == (1, 13))
    }

    @Test("invalid UTF-8 is refused at the bad byte's line and column")
    func invalidUTF8() throws {
        var bytes = Array("Câu 1{T}\n\nab".utf8)
        bytes.append(0xFF)
        bytes += Array("c{T}\n".utf8)
        let (questions, diagnostics) = GIFTParser.parse(bytes, file: "hong.gift")
        #expect(questions.isEmpty)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.message.contains("not valid UTF-8"))
        #expect((diagnostic.line, diagnostic.column) == (3, 3))
    }

    @Test("an unclosed '::name' is an error rather than text")
    func unclosedName() throws {
        let diagnostic = try onlyDiagnostic("::Câu 1: Mật khẩu là gì?{=bí mật}")
        #expect(diagnostic.message == "expected '::' to close the question name that starts at 1:1")
    }

    @Test(
        "answers that say nothing are errors",
        arguments: [
            ("Câu{=}", "expected an answer after '='"),
            ("Câu{~}", "a multiple-choice question needs at least 2 answers"),
            ("Câu{~a ~}", "expected an answer after '~'"),
            ("Câu{~a}", "a multiple-choice question needs at least 2 answers"),
            ("Câu{có ~a =b}", "expected '~' or '=' before 'có'"),
            ("Câu{=%50%a ~b}", "'=' marks a right answer (100%); write a partial weight after '~', as in '~%50%...'"),
            ("Câu{=a -> b =c}", "a matching pair needs '->' between the prompt and its answer"),
            ("Câu{=a -> b}", "a matching question needs at least 2 pairs"),
            ("Câu{=a -> b =c ->}", "a matching pair needs an answer after '->'"),
            ("Câu{#}", "a numerical question needs at least one number, as in '{#3:0.5}'"),
            ("Câu{#abc}", "numerical answers must be numbers, as in '3', '3:0.5' or '1..5'; found 'abc'"),
            ("Câu{#5:abc}", "numerical answers must be numbers, as in '3', '3:0.5' or '1..5'; found '5:abc'"),
            ("Câu{#a..b}", "numerical answers must be numbers, as in '3', '3:0.5' or '1..5'; found 'a..b'"),
            ("Câu{#5:-1}", "a tolerance cannot be negative"),
            ("Câu{#5..1}", "a range goes from the smaller number to the larger, as in '1..5'"),
            (
                "Câu{#5 ~sai#x}",
                "after '~' a numerical question takes only feedback for any other number, as in '~#...'"
            ),
            ("Câu{~%150%a ~b}", "a weight must be between -100% and 100%"),
            ("Câu{~%--50%a ~b}", "expected a weight such as '%50%' or '%-50%', with one '-' at most"),
            ("$CATEGORY:", "expected a category name after '$CATEGORY:'"),
            ("$CATEGORY: a\nCâu{T}", "expected a blank line after the '$CATEGORY:' line"),
            ("// chỉ có chú thích", "the file has no questions"),
        ])
    func emptyAnswers(text: String, message: String) throws {
        let (questions, diagnostics) = parseGIFT(text)
        #expect(questions.isEmpty)
        #expect(diagnostics.map(\.message).contains(message), "\(diagnostics.map(\.formatted))")
        #expect(diagnostics.hasErrors)
    }

    @Test("a '%' that starts no weight is read as text, with a warning")
    func percentWithoutClosing() throws {
        let (questions, diagnostics) = parseGIFT("Câu{~%50 đúng ~sai}")
        #expect(questions.first?.answers.map(\.text.text) == ["%50 đúng", "sai"])
        #expect(questions.first?.answers.map(\.fraction) == [0, 0])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect((diagnostics.first?.line, diagnostics.first?.column) == (1, 6))
    }

    @Test("one bad question does not hide another's error, and good questions after them are kept")
    func errorsDoNotHideEachOther() throws {
        let (questions, diagnostics) = parseGIFT(
            """
            ::Tốt 1::Câu đúng{T}

            ::Hỏng 1::Câu thiếu ngoặc {=a

            ::Hỏng 2::Câu thừa ngoặc } {T}

            ::Tốt 2::Câu đúng nữa{F}
            """)
        #expect(questions.map(\.name) == ["Tốt 1", "Tốt 2"])
        #expect(diagnostics.count == 2)
        #expect(diagnostics.map(\.line) == [3, 5])
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(diagnostics[0].message.hasPrefix("expected '}'"))
        #expect(diagnostics[1].message.hasPrefix("unexpected '}'"))
    }

    @Test("a 2 MB bank is read whole, and a 2 MB question with stray braces is reported without a crash")
    func hugeInput() throws {
        // Given about 2 MB of questions
        var text = ""
        let count = 19_000
        for number in 1...count {
            text +=
                "::Câu \(number)::Tài khoản định danh điện tử mức \(number % 2 + 1) dùng được không?{=Có#Đúng ~Không#Sai}\n\n"
        }
        #expect(text.utf8.count > 2_000_000)
        // When it is read
        let (questions, diagnostics) = parseGIFT(text)
        // Then every question is there
        #expect(diagnostics.isEmpty)
        #expect(questions.count == count)
        #expect(questions.last?.line == 2 * count - 1)

        let braces = String(repeating: "{{{{}}}}\\", count: 250_000)
        let (none, problems) = parseGIFT(braces)
        #expect(none.isEmpty)
        #expect(problems.count == 1)
    }
}

@Suite("Quiz inspection")
struct QuizInspectionTests {
    private let bank = """
        $CATEGORY: VNeID

        // [id:c1] [tag:co-ban]
        ::Câu 1::Chọn một{=Đúng#Tốt ~Sai}

        ::Câu 2::Đúng hay sai?{TRUE#Sai rồi#Đúng rồi}

        ::Câu 3::Nối{=A -> 1 =B -> 2}

        ::Câu 4::Số?{#3:0.5 ~#Không đúng}

        ::Câu 5::Viết ra{}
        """

    @Test("the JSON names each question's type and leaves out keys its type does not use")
    func json() throws {
        // Given a bank with several kinds of question
        let (questions, diagnostics) = parseGIFT(bank)
        #expect(diagnostics.isEmpty)
        // When it is inspected as JSON
        let data = try JSONEncoder().encode(QuizInspection(questions: questions))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let entries = try #require(object["questions"] as? [[String: Any]])
        // Then each entry has only the keys of its type
        let common: Set<String> = ["type", "name", "text", "textFormat", "generalFeedback", "category"]
        #expect(Set(entries[0].keys) == common.union(["idNumber", "tags", "single", "answers"]))
        #expect(Set(entries[1].keys) == common.union(["correct", "feedbackTrue", "feedbackFalse"]))
        #expect(Set(entries[2].keys) == common.union(["pairs"]))
        #expect(Set(entries[3].keys) == common.union(["answers"]))
        #expect(Set(entries[4].keys) == common)
        #expect(
            entries.map { $0["type"] as? String } == ["multichoice", "truefalse", "matching", "numerical", "essay"])
        #expect(entries[0]["category"] as? String == "VNeID")
        #expect(entries[0]["tags"] as? [String] == ["co-ban"])
        #expect(entries[1]["feedbackTrue"] as? String == "Đúng rồi")
        let numerical = try #require(entries[3]["answers"] as? [[String: Any]])
        #expect(numerical.map { $0["text"] as? String } == ["3", "*"])
        #expect(numerical.map { $0["tolerance"] as? Double } == [0.5, 0])
        let choices = try #require(entries[0]["answers"] as? [[String: Any]])
        #expect(Set(choices[0].keys) == ["text", "fraction", "feedback"])
        let pairs = try #require(entries[2]["pairs"] as? [[String: Any]])
        #expect(pairs.map { $0["question"] as? String } == ["A", "B"])
    }

    @Test("the summary lists questions with their answers in plain text")
    func summary() throws {
        let (questions, _) = parseGIFT(bank)
        let summary = QuizInspection.summary(questions)
        #expect(summary.hasPrefix("5 questions (1 multichoice, 1 truefalse, 1 matching, 1 numerical, 1 essay)"))
        #expect(summary.contains("Category: VNeID"))
        #expect(summary.contains("1. Câu 1 [multichoice, one answer] line 3, id c1, tags: co-ban"))
        #expect(summary.contains(" 100%  Đúng  # Tốt"))
        #expect(summary.contains("A -> 1"))
        #expect(summary.contains("answer: true"))
        #expect(summary.contains("3 ± 0.5"))
    }
}
