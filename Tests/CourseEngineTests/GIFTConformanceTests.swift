import Foundation
import Testing

@testable import CourseEngine

/// Moodle's own GIFT test inputs (kept in `shared/conformance/gift-moodle` beside the repository), read by binhdan and
/// compared with what Moodle's `question/format/gift/tests/giftformat_test.php` expects.
enum MoodleConformance {
    /// The folder of Moodle's files: `BINHDAN_CONFORMANCE_DIR` if set, else `shared/` beside the repository root or
    /// beside one of its parents (CI lays a copy of `shared/` beside the clone).
    static let folder: URL = {
        if let configured = ProcessInfo.processInfo.environment["BINHDAN_CONFORMANCE_DIR"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        var directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // CourseEngineTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // the repository
        let relative = "shared/conformance/gift-moodle"
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("README.md").path) { return candidate }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../\(relative)").standardizedFileURL
    }()

    static let files = [
        "import_backslash.gift", "import_essay.gift", "import_match.gift", "import_multichoice.gift",
        "import_multichoice_multi.gift", "import_multichoice_multi_tricky.gift", "import_numerical.gift",
        "import_pre_content.gift", "import_question_with_tags.gift", "import_shortanswer.gift",
        "import_shortanswer_with_general_feedback.gift", "import_truefalse.gift", "import_truefalse_true_answer1.gift",
        "import_truefalse_true_answer2.gift", "questions.gift.txt", "questions_in_category.gift.txt", "examples.txt",
    ]

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func parse(_ name: String) throws -> (questions: [Question], diagnostics: [Diagnostic]) {
        GIFTParser.parse(try bytes(name), file: name)
    }

    /// The only question of one of Moodle's `import_*.gift` files.
    static func question(_ name: String) throws -> Question {
        let (questions, diagnostics) = try parse(name)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(questions.count == 1)
        return try #require(questions.first)
    }
}

@Suite("GIFT conformance with Moodle's importer tests")
struct GIFTConformanceTests {
    @Test("every file of Moodle's GIFT tests reads without errors", arguments: MoodleConformance.files)
    func readsWithoutErrors(file: String) throws {
        // Given one of Moodle's own GIFT files
        // When binhdan reads it
        let (questions, diagnostics) = try MoodleConformance.parse(file)
        // Then no error is reported and there are questions
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.formatted))")
        #expect(!questions.isEmpty)
    }

    @Test("the conformance folder is found from the test file's path")
    func folderExists() {
        #expect(
            FileManager.default.fileExists(atPath: MoodleConformance.folder.appendingPathComponent("README.md").path))
    }

    @Test("an essay: name, text and formats (test_import_essay)")
    func essay() throws {
        let question = try MoodleConformance.question("import_essay.gift")
        #expect(question.type == .essay)
        #expect(question.name == "Q8")
        #expect(question.text == FormattedText("How are you?", format: .moodle))
        #expect(question.generalFeedback == FormattedText("", format: .moodle))
        #expect(question.line == 2)
    }

    @Test("a matching question: formats per prompt, an empty prompt as a distractor (test_import_match)")
    func matching() throws {
        let question = try MoodleConformance.question("import_match.gift")
        #expect(question.type == .matching)
        #expect(question.name == "Moodle activities")
        #expect(question.text == FormattedText("Match the <b>activity</b> to the description.", format: .html))
        #expect(question.generalFeedback == FormattedText("", format: .html))
        #expect(
            question.pairs.map(\.question) == [
                FormattedText("An activity supporting asynchronous discussions.", format: .html),
                FormattedText(
                    "A teacher asks a question and specifies a choice of multiple responses.", format: .moodle),
                FormattedText("A bank of record entries which participants can add to.", format: .plain),
                FormattedText("A collection of web pages that anyone can add to or edit.", format: .markdown),
                FormattedText("", format: .html),
            ])
        #expect(question.pairs.map(\.answer) == ["Forum", "Choice", "Database", "Wiki", "Chat"])
    }

    @Test("multiple choice with one right answer and feedback formats (test_import_multichoice)")
    func multipleChoice() throws {
        let question = try MoodleConformance.question("import_multichoice.gift")
        #expect(question.type == .multichoice)
        #expect(question.name == "Q2")
        #expect(question.text == FormattedText("What's between orange and green in the spectrum?", format: .moodle))
        #expect(question.single == true)
        #expect(
            question.answers.map(\.text) == [
                FormattedText("yellow", format: .moodle), FormattedText("red", format: .moodle),
                FormattedText("blue", format: .plain),
            ])
        #expect(question.answers.map(\.fraction) == [1, 0, 0])
        #expect(
            question.answers.map(\.feedback) == [
                FormattedText("right; good!", format: .moodle), FormattedText("wrong, it's yellow", format: .html),
                FormattedText("wrong, it's yellow", format: .moodle),
            ])
    }

    @Test("multiple answers with weights (test_import_multichoice_multi)")
    func multipleAnswers() throws {
        let question = try MoodleConformance.question("import_multichoice_multi.gift")
        #expect(question.type == .multichoice)
        #expect(question.name == "colours")
        #expect(question.single == false)
        #expect(
            question.answers.map(\.text) == [
                FormattedText("yellow", format: .moodle), FormattedText("red", format: .moodle),
                FormattedText("off-beige", format: .moodle), FormattedText("blue", format: .plain),
            ])
        #expect(question.answers.map(\.fraction) == [0.5, -1, 0.5, -1])
        #expect(
            question.answers.map(\.feedback) == [
                FormattedText("right; good!", format: .moodle), FormattedText("wrong", format: .html),
                FormattedText("right; good!", format: .moodle), FormattedText("wrong", format: .moodle),
            ])
    }

    @Test("multiple answers where one is worth 100% is still not single (test_import_multichoice_multi_tricky)")
    func multipleAnswersTricky() throws {
        let question = try MoodleConformance.question("import_multichoice_multi_tricky.gift")
        #expect(question.single == false)
        #expect(question.answers.map(\.text.text) == ["yellow", "red", "blue"])
        #expect(question.answers.map(\.fraction) == [1, -0.5, -0.5])
        #expect(question.answers.map(\.feedback.text) == ["right; good!", "wrong", "wrong"])
        #expect(question.answers.allSatisfy { $0.feedback.format == .moodle && $0.text.format == .moodle })
    }

    @Test("a numerical answer with a tolerance and a catch-all (test_import_numerical)")
    func numerical() throws {
        let question = try MoodleConformance.question("import_numerical.gift")
        #expect(question.type == .numerical)
        #expect(question.name == "Q5")
        #expect(question.text == FormattedText("What is a number from 1 to 5?", format: .moodle))
        #expect(question.answers.map(\.text.text) == ["3", "*"])
        #expect(question.answers.map(\.fraction) == [1, 0])
        #expect(
            question.answers.map(\.feedback) == [
                FormattedText("", format: .moodle), FormattedText("Completely wrong", format: .moodle),
            ])
        // Moodle stores '' as the catch-all's tolerance, which its database keeps as 0.
        #expect(question.answers.map(\.tolerance) == [2, 0])
    }

    @Test("short answers with weights and a '*' answer (test_import_shortanswer)")
    func shortAnswer() throws {
        let question = try MoodleConformance.question("import_shortanswer.gift")
        #expect(question.type == .shortanswer)
        #expect(question.name == "Shortanswer")
        #expect(question.text == FormattedText("Which is the best animal?", format: .moodle))
        #expect(question.answers.map(\.text.text) == ["Frog", "Cat", "*"])
        #expect(question.answers.map(\.fraction) == [1, 0.5, 0])
        #expect(
            question.answers.map(\.feedback) == [
                FormattedText("Good!", format: .moodle),
                FormattedText("What is it with Moodlers and cats?", format: .moodle),
                FormattedText("Completely wrong", format: .moodle),
            ])
        #expect(question.generalFeedback == FormattedText("", format: .moodle))
    }

    @Test("general feedback after '####' with its own format (test_import_shortanswer_with_general_feedback)")
    func shortAnswerWithGeneralFeedback() throws {
        let question = try MoodleConformance.question("import_shortanswer_with_general_feedback.gift")
        #expect(question.type == .shortanswer)
        #expect(question.generalFeedback == FormattedText("Here is some general feedback!", format: .html))
        #expect(question.answers.map(\.text.text) == ["Frog", "Cat", "*"])
        #expect(question.answers.map(\.fraction) == [1, 0.5, 0])
        #expect(question.answers.last?.feedback.text == "Completely wrong")
    }

    @Test("a FALSE question gives its first feedback to 'true' and its second to 'false' (test_import_truefalse)")
    func trueFalse() throws {
        let question = try MoodleConformance.question("import_truefalse.gift")
        #expect(question.type == .truefalse)
        #expect(question.name == "Q1")
        #expect(question.text == FormattedText("42 is the Absolute Answer to everything.", format: .moodle))
        #expect(question.correct == false)
        #expect(question.feedbackTrue == FormattedText("42 is the Ultimate Answer.", format: .moodle))
        #expect(question.feedbackFalse == FormattedText("You gave the right answer.", format: .moodle))
    }

    @Test(
        "{T} and {TRUE} are both true, with empty feedback",
        arguments: [
            "import_truefalse_true_answer1.gift", "import_truefalse_true_answer2.gift",
        ])
    func trueFalseTrue(file: String) throws {
        let question = try MoodleConformance.question(file)
        #expect(question.type == .truefalse)
        #expect(question.name == "2-08 TSL")
        #expect(question.text == FormattedText("TSL is blablabla.", format: .moodle))
        #expect(question.correct == true)
        #expect(question.feedbackTrue == FormattedText("", format: .moodle))
        #expect(question.feedbackFalse == FormattedText("", format: .moodle))
        #expect(question.line == 1)
    }

    @Test("a double backslash stands for one backslash (test_import_backslash)")
    func backslash() throws {
        let question = try MoodleConformance.question("import_backslash.gift")
        #expect(question.type == .essay)
        #expect(question.name == "double backslash")
        #expect(question.text.text == #"A \ B \\ C"#)
    }

    @Test("escaped braces in HTML text keep the lines' indentation (test_import_pre_content)")
    func preContent() throws {
        let question = try MoodleConformance.question("import_pre_content.gift")
        #expect(question.type == .essay)
        #expect(question.name == "Q001")
        #expect(
            question.text
                == FormattedText(
                    "<p>What would running the test method print?</p>\n<pre>\n    public void test() {\n"
                        + "        method1();\n        method2();\n        method3();\n    }\n</pre>", format: .html))
        #expect(question.generalFeedback.format == .html)
    }

    @Test("tags and an id number come from the comment lines (test_import_question_with_tags)")
    func tagsAndIDNumber() throws {
        let question = try MoodleConformance.question("import_question_with_tags.gift")
        #expect(question.type == .essay)
        #expect(question.name == "Question name")
        #expect(question.text.text == "How are you?")
        #expect(question.tags == ["tag", "other-tag"])
        #expect(question.idNumber == "myid")
    }

    @Test(
        "ids and tags are found in comments as Moodle finds them (test_extract_idnumber_and_tags_from_comment)",
        arguments: [
            ("", nil, [String]()),
            ("// A basic comment.", nil, []),
            ("// A comment with [id:frog] <-- an idnumber.", "frog", []),
            ("// Look tags: [tag:frog] [tag:toad].", nil, ["frog", "toad"]),
            ("// [tag:add] [tag:basic] [id:four]", "four", ["add", "basic"]),
            ("// [tag:  basic] Here is  \n// a [id:   four   ] que[tag:add   ]stion.", "four", ["basic", "add"]),
            ("// Ceci n'est pas une [tag:\n\\ frog].", nil, []),
            (#"// [id:i\]d]."#, "i]d", []),
            (#"// [tag:t\]ag]."#, nil, ["t]ag"]),
        ] as [(String, String?, [String])])
    func idNumberAndTags(comment: String, idNumber: String?, tags: [String]) {
        let found = GIFTParser.idNumberAndTags(in: Array(comment.unicodeScalars))
        #expect(found.idNumber == idNumber)
        #expect(found.tags == tags)
    }

    @Test("Moodle's questions.gift.txt fixture holds 9 questions of the expected types")
    func questionsFixture() throws {
        // Given Moodle's fixture of one question of each kind
        let (questions, diagnostics) = try MoodleConformance.parse("questions.gift.txt")
        // Then all 9 are read, in order
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(
            questions.map(\.type) == [
                .essay, .matching, .multichoice, .multichoice, .numerical, .shortanswer, .truefalse, .truefalse,
                .truefalse,
            ])
        #expect(
            questions.map(\.name) == [
                "Q8", "Moodle activities", "Q2", "colours", "Q5", "Shortanswer", "Q1", "2-08 TSL", "2-08 TSL",
            ])
        #expect(questions.map(\.line) == [1, 4, 13, 21, 30, 33, 40, 45, 48])
        #expect(questions.allSatisfy { $0.category == nil })
        // And text after an answer block makes the missing-word form, even the stray '";' of this file
        #expect(questions[4].text.text == "What is a number from 1 to 5? _____\";")
        #expect(questions[4].answers.map(\.text.text) == ["3", "*"])
        let trueFalse = questions[6]
        #expect(trueFalse.correct == false)
        #expect(trueFalse.feedbackTrue?.text == "42 is the Ultimate Answer.")
        #expect(trueFalse.feedbackFalse?.text == "You gave the right answer.")
        #expect(trueFalse.generalFeedback.text == "This is, of course, a Hitchiker's Guide to the Galaxy reference.")
        #expect(questions[7].correct == true && questions[8].correct == true)
    }

    @Test("a $CATEGORY line puts the questions after it into that category")
    func questionsInCategoryFixture() throws {
        let (questions, diagnostics) = try MoodleConformance.parse("questions_in_category.gift.txt")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        #expect(questions.map(\.type) == [.matching, .multichoice, .shortanswer, .truefalse])
        #expect(questions.map(\.name) == ["Moodle activities", "Greeting", "Moodle user", "Moodle acronym"])
        #expect(questions.allSatisfy { $0.category == "$course$/Default for New Features" })
        #expect(questions.map(\.line) == [4, 13, 21, 26])
        // Escaped '=' and ':' in HTML attributes become plain characters
        #expect(
            questions[1].text
                == FormattedText(
                    "<a href=\"http://demo.moodle.net/file.php/5/media/bonjour.mp3\">Listen to this greeting:</a>"
                        + "<br /><br />What language is being spoken?", format: .html))
        #expect(questions[1].single == true)
        #expect(questions[1].answers.map(\.fraction) == [0, 1, 0, 0])
        #expect(questions[1].answers.map(\.feedback.text)[1] == "Yes, well done!")
        #expect(questions[2].answers.map(\.text.text) == ["Moodler"])
        #expect(questions[2].answers.map(\.fraction) == [1])
        #expect(questions[2].answers.map(\.feedback) == [FormattedText("", format: .html)])
        #expect(questions[3].correct == true)
        #expect(questions[3].text.text.contains("<span style=\"font-style: italic;\">"))
        #expect(questions[0].pairs.map(\.answer) == ["Forum", "Choice", "Database", "Wiki", "Chat"])
        #expect(questions[0].pairs.last?.question == FormattedText("", format: .html))
    }

    @Test("the 43 examples of Moodle's GIFT documentation read as their types")
    func documentationExamples() throws {
        let (questions, diagnostics) = try MoodleConformance.parse("examples.txt")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let expected: [QuestionType] = [
            .multichoice, .multichoice, .truefalse, .shortanswer, .numerical,  // class description
            .multichoice, .multichoice, .multichoice, .multichoice,  // multiple choice
            .shortanswer, .shortanswer, .truefalse, .truefalse, .matching, .matching,
            .numerical, .numerical, .numerical, .numerical, .numerical,  // numerical, line comments
            .shortanswer, .multichoice,  // question names
            .multichoice, .shortanswer, .shortanswer,  // feedback, text format
            .truefalse, .multichoice, .multichoice, .shortanswer,  // weights
            .multichoice, .multichoice, .multichoice, .multichoice,  // multiple answers, special characters
            .multichoice, .multichoice, .truefalse, .shortanswer, .numerical, .matching,  // format.php examples
            .multichoice, .multichoice, .shortanswer, .numerical,  // complicated examples
        ]
        #expect(questions.count == 43)
        #expect(questions.map(\.type) == expected)
    }

    @Test("the documentation examples keep Moodle's text, names, weights and numbers")
    func documentationExampleFields() throws {
        let (questions, _) = try MoodleConformance.parse("examples.txt")
        try #require(questions.count == 43)
        // A question without a name is named after its text
        #expect(questions[0].name == "Who's buried in Grant's tomb?")
        #expect(questions[0].answers.map(\.fraction) == [0, 0, 1])
        // The missing-word form
        #expect(questions[1].text.text == "Grant is _____ in Grant's tomb.")
        #expect(questions[1].name == "Grant is _____ in Grant's tomb.")
        #expect(
            questions[7].text.text
                == "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November.")
        // Text longer than 80 characters is shortened into a name as Moodle's shorten_text does
        #expect(questions[7].name == "The American holiday of Thanksgiving is celebrated on the _____ Thursday of ...")
        // Numerical forms: tolerance, range and several weighted answers
        #expect(questions[4].answers.map(\.text.text) == ["1822"])
        #expect(questions[4].answers.map(\.tolerance) == [1])
        #expect(questions[16].answers.map(\.text.text) == ["3.1415"])
        #expect(questions[16].answers.first?.tolerance == 0.0005)
        #expect(questions[17].answers.map(\.text.text) == ["3.1415"])
        #expect(abs((questions[17].answers.first?.tolerance ?? 0) - 0.0005) < 1e-9)
        #expect(questions[17].text.text == "What is the value of pi (to 3 decimal places)? _____.")
        #expect(questions[18].answers.map(\.fraction) == [1, 0.5])
        #expect(questions[18].answers.map(\.tolerance) == [0, 2])
        // Names and a text across lines
        #expect(questions[20].name == "Kanji Origins")
        #expect(questions[20].text.text == "Japanese characters originally\ncame from what country?")
        #expect(questions[20].answers.map(\.text.text) == ["China"])
        // The Markdown format
        #expect(questions[24].text == FormattedText("Who's buried in **Grant's tomb**?", format: .markdown))
        #expect(questions[24].answers.first?.feedback == FormattedText("excellent answer!", format: .markdown))
        // False with feedback for 'true'
        #expect(questions[25].correct == false)
        #expect(questions[25].feedbackTrue?.text == "No one is buried in Grant's tomb.")
        // Weights in short answers and negative weights
        #expect(questions[28].answers.map(\.fraction) == [1, 0.75, 0.25])
        #expect(questions[30].answers.map(\.fraction) == [-0.5, 0.5, 0.5, -0.5])
        #expect(questions[30].single == false)
        // Escaped control characters
        #expect(questions[31].answers.map(\.text.text) == ["= 2 + 2", "= 2 + 3", "= 2 + 4"])
        #expect(questions[32].answers.map(\.text.text) == ["~", "=", "#", "{", "}", "\\"])
        #expect(questions[32].answers.map(\.fraction) == [0, 0, 0, 0, 0, 1])
        #expect(questions[32].answers[0].feedback.text == "~ is a control character.")
        // Matching written without spaces around '->'
        #expect(questions[38].pairs.map(\.question.text) == ["Canada", "Italy", "Japan"])
        #expect(questions[38].pairs.map(\.answer) == ["Ottawa", "Rome", "Tokyo"])
        #expect(questions[38].name == "Match the following countries with their corresponding\ncapitals.")
        // Feedback running over several lines
        #expect(questions[42].answers.map(\.fraction) == [1, 0.5])
        #expect(questions[42].answers[1].feedback.text.hasSuffix("You get 50% credit for being close."))
        #expect(questions[42].line == 201)
        #expect(questions[19].line == 84)
    }
}
