import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebApp

/// What a learner's phone downloads for a lesson or a step, and the service worker that keeps courses offline.
@Suite("Front end: page weight and the service worker")
struct FrontEndTests {
    /// The budget for a lesson or step page with its stylesheet and script, compressed, before images.
    static let pageBudget = 30_000

    /// The sample catalogue of the repository, whose pages are what learners really get.
    func sampleApp() async throws -> some ApplicationProtocol {
        var config = testConfig(courses: "\(TestPaths.repository)/Courses")
        config.assessmentsPath = "\(TestPaths.repository)/Assessments"
        return try await buildApplication(config)
    }

    @Test("every sample lesson and step page, with app.css and app.js, weighs at most 30 KB compressed with gzip")
    func pageWeight() async throws {
        let app = try await sampleApp()
        try await app.test(.router) { client in
            // Given a signed-in citizen, whose pages carry the most forms, and every page of the sample catalogue
            let citizen = try await client.registerCitizen()
            var paths: [String] = []
            let courses = try #require(try object(try await client.execute(uri: "/api/v1/courses", method: .get))["courses"] as? [[String: Any]])
            for summary in courses {
                let id = try #require(summary["id"] as? String)
                let course = try object(try await client.execute(uri: "/api/v1/courses/\(id)", method: .get))
                for lesson in try #require(course["lessons"] as? [[String: Any]]) {
                    let lessonID = try #require(lesson["id"] as? String)
                    paths.append("/courses/\(id)/\(lessonID)")
                    let steps = lesson["stepCount"] as? Int ?? 0
                    paths += (0..<steps).map { "/courses/\(id)/\(lessonID)/steps/\($0 + 1)" }
                }
            }
            #expect(paths.contains { $0.contains("/steps/") })

            // When each page, its stylesheet and its script are compressed as a server would send them
            var assetWeights: [String: Int] = [:]
            for path in paths {
                let page = try await client.execute(uri: path, method: .get, headers: bearer(citizen.token))
                #expect(page.status == .ok, "\(path)")
                let html = page.text
                let css = try #require(html.firstMatch(of: /href="(\/static\/app\.css\?v=[0-9a-f]+)"/)?.output.1, "\(path) links no app.css")
                let js = try #require(html.firstMatch(of: /src="(\/static\/app\.js\?v=[0-9a-f]+)" defer/)?.output.1, "\(path) loads no deferred app.js")
                var weight = try Self.gzipSize(Array(html.utf8))
                for asset in [String(css), String(js)] {
                    if assetWeights[asset] == nil {
                        let response = try await client.execute(uri: asset, method: .get)
                        #expect(response.status == .ok)
                        assetWeights[asset] = try Self.gzipSize(Array(buffer: response.body))
                    }
                    weight += assetWeights[asset] ?? 0
                }

                // Then together they stay within the budget
                #expect(weight <= Self.pageBudget, "\(path) with app.css and app.js weighs \(weight) bytes compressed")
            }
        }
    }

    @Test("/sw.js is served from the root as JavaScript that browsers always revalidate")
    func serviceWorkerHeaders() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            // Given the service worker in Static/
            let file = try String(contentsOfFile: "\(TestPaths.staticFiles)/sw.js", encoding: .utf8)

            // When a browser fetches it from the root of the site
            let response = try await client.execute(uri: "/sw.js", method: .get)

            // Then it is that file, as JavaScript, never kept without asking, with a validator
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(response.headers[.eTag]?.hasPrefix("\"") == true)
            #expect(response.text == file)
        }
    }

    @Test("/sw.js answers 304 to its current ETag and the whole file to an old one")
    func serviceWorkerRevalidation() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            // Given the ETag of the service worker
            let first = try await client.execute(uri: "/sw.js", method: .get)
            let etag = try #require(first.headers[.eTag])

            // When the browser checks for an update with that ETag, and with one from an older version
            let same = try await client.execute(uri: "/sw.js", method: .get, headers: [.ifNoneMatch: etag])
            let old = try await client.execute(uri: "/sw.js", method: .get, headers: [.ifNoneMatch: "\"an-older-version\""])

            // Then the unchanged file is not sent again, and a changed one is
            #expect(same.status == .notModified)
            #expect(same.body.readableBytes == 0)
            #expect(same.headers[.cacheControl] == "no-cache")
            #expect(old.status == .ok)
            #expect(old.body.readableBytes == first.body.readableBytes)
        }
    }

    /// The size of `bytes` compressed by the `gzip` command at its default level, as web servers compress.
    static func gzipSize(_ bytes: [UInt8]) throws -> Int {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-weight-\(UUID().uuidString)")
        try Data(bytes).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c", "-n", input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let compressed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return compressed.count
    }
}
