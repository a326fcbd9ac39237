import Testing

@testable import WebApp

@Suite("Configuration")
struct ConfigurationTests {
    @Test("without flags or environment the defaults serve Courses on 127.0.0.1:8080")
    func defaults() throws {
        let config = try AppConfig.resolve(flags: .init(), environment: [:])
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.coursesPath == "Courses")
        #expect(config.databasePath == "data/binhdan.sqlite")
        #expect(!config.secureCookies)
    }

    @Test("flags win over BINHDAN_* variables, which win over defaults")
    func precedence() throws {
        let environment = ["BINHDAN_PORT": "9000", "BINHDAN_HOST": "0.0.0.0", "BINHDAN_COURSES": "/srv/courses"]
        let config = try AppConfig.resolve(flags: .init(port: 9100), environment: environment)
        #expect(config.port == 9100)
        #expect(config.host == "0.0.0.0")
        #expect(config.coursesPath == "/srv/courses")
    }

    @Test("a port that is not a number, or out of range, is refused with the reason")
    func invalidPort() {
        #expect(throws: StartupError.self) { try AppConfig.resolve(flags: .init(), environment: ["BINHDAN_PORT": "tám"]) }
        #expect(throws: StartupError.self) { try AppConfig.resolve(flags: .init(port: 70000), environment: [:]) }
        #expect(throws: StartupError.self) { try AppConfig.resolve(flags: .init(logLevel: "loud"), environment: [:]) }
    }
}

@Suite("Languages and messages")
struct LanguageTests {
    @Test("Accept-Language picks the supported language with the highest weight", arguments: [
        ("vi-VN,vi;q=0.9,en;q=0.8", Language.vi),
        ("en-US,en;q=0.9", Language.en),
        ("fr-FR, en;q=0.5, vi;q=0.4", Language.en),
        ("en;q=0, vi", Language.vi),
    ])
    func acceptLanguage(header: String, expected: Language) {
        #expect(Language.fromAcceptLanguage(header) == expected)
    }

    @Test("a header naming no supported language chooses none")
    func unsupported() {
        #expect(Language.fromAcceptLanguage("fr, de;q=0.5") == nil)
    }

    @Test("the Vietnamese and English catalogues have the same keys")
    func catalogueParity() throws {
        let messages = try MessageCatalogue.load(directory: "\(TestPaths.staticFiles)/i18n")
        #expect(!messages.keys(.vi).isEmpty)
        #expect(messages.keys(.vi).subtracting(messages.keys(.en)).isEmpty)
        #expect(messages.keys(.en).subtracting(messages.keys(.vi)).isEmpty)
    }

    @Test("placeholders are filled in")
    func placeholders() throws {
        let messages = try MessageCatalogue.load(directory: "\(TestPaths.staticFiles)/i18n")
        #expect(messages.text("step_of", .vi, ["n": "2", "total": "5"]) == "Bước 2/5")
        #expect(messages.text("step_of", .en, ["n": "2", "total": "5"]) == "Step 2 of 5")
    }
}
