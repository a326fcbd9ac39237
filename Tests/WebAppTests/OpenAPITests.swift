import Foundation
import Hummingbird
import Logging
import Testing
import Yams

@testable import WebApp

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("the document describes exactly the API routes the server registers")
    func matchesRouter() async throws {
        // Given the document kept in the repository
        let text = try String(contentsOfFile: "\(TestPaths.staticFiles)/openapi.yaml", encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in
            operations.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "\($0.uppercased()) \(path)" }
        })

        // When the router is built as the server builds it
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let dependencies = try await AppDependencies.load(testConfig(), logger: logger)
        let router = buildRouter(dependencies)
        let registered = Set(router.routes.compactMap { route -> String? in
            let path = route.path.description
            guard path.hasPrefix("/api/") || path == "/healthz", route.method != .head else { return nil }
            return "\(route.method) \(path)"
        })

        // Then both list the same operations
        #expect(!registered.isEmpty)
        #expect(documented == registered)
    }

    @Test("the document is served at /api/v1/openapi.yaml")
    func served() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
            #expect(response.text.hasPrefix("openapi: 3.1.0"))
        }
    }
}
