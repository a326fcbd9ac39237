import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Storage
import Testing

@testable import WebApp

/// Runs the real `binhdan` executable as a child process, on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private(set) var port = 0
    private let output = Pipe()

    static var executable: String {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("binhdan").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return "\(TestPaths.repository)/.build/debug/binhdan"
    }

    init(database: String) {
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = [
            "serve", "--host", "127.0.0.1", "--port", "0", "--database", database,
            "--courses", "\(TestPaths.repository)/Courses", "--assessments", "\(TestPaths.repository)/Assessments",
            "--static", TestPaths.staticFiles, "--log-level", "error",
        ]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
    }

    /// Starts the server and waits (at most 30 seconds) until it says which port it serves.
    func start() throws {
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var text = ""
        let handle = output.fileHandleForReading
        while Date() < deadline {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let match = text.firstMatch(of: /serving on http:\/\/127\.0\.0\.1:(\d+)/), let port = Int(match.output.1) {
                self.port = port
                return
            }
        }
        process.terminate()
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "the server did not start: \(text)"])
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

@Suite("Durability", .serialized)
struct DurabilityTests {
    private static func temporaryDatabase() -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-durability-\(UUID())")
        return (directory, directory.appendingPathComponent("binhdan.sqlite").path)
    }

    private static func event(_ id: String, step: Int) -> [String: Any] {
        ["id": id, "courseId": "vneid-co-ban", "lessonId": "cai-dat-va-kich-hoat", "type": "step", "step": step,
         "at": Date().formatted(.iso8601), "secondsSpent": 5]
    }

    @Test("every progress event acknowledged before a SIGKILL is on disk after a restart, and the file is intact",
          .timeLimit(.minutes(2)))
    func crashKeepsAcknowledgedEvents() async throws {
        let (directory, path) = Self.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = ServerProcess(database: path)
        try server.start()
        defer { server.stop() }
        let port = server.port

        // Given four learners sending batches of progress at the same time
        let clients = 4
        let tokens = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            var tokens: [String] = []
            for index in 0..<clients {
                let body = try await client.postJSON("/api/v1/citizens", headers: jsonHeaders, body: json(["name": "Người học \(index)"])).body
                tokens.append(try #require(body["token"] as? String))
            }
            return tokens
        }
        let acknowledged = Acknowledged()
        let killer = Task {
            // When the server is killed while they are still sending: once some batches are acknowledged (at most
            // 20 seconds of waiting, so a slow machine cannot make the test hang)
            let deadline = ContinuousClock.now + .seconds(20)
            while await acknowledged.count < 40, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            server.kill()
        }
        await withTaskGroup(of: Void.self) { group in
            for (index, token) in tokens.enumerated() {
                group.addTask {
                    try? await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                        for batch in 0..<400 {
                            let ids = (0..<5).map { String(format: "%08x-0000-4000-8000-%04x%08x", index, batch, $0) }
                            let events = ids.enumerated().map { Self.event($1, step: $0 % 11 + 1) }
                            let response = try await client.postJSON("/api/v1/progress", headers: bearer(token), body: json(["events": events]))
                            guard response.status == .ok else { return }
                            await acknowledged.add(token: token, ids: ids)
                        }
                    }
                }
            }
        }
        try await killer.value
        let sent = await acknowledged.all
        let count = sent.values.reduce(0) { $0 + $1.count }
        // Some batches were acknowledged, and the kill came before every client had sent all of its 400 batches
        #expect(count > 0)
        #expect(count < clients * 400 * 5)

        // Then after a restart, every acknowledged event is already stored: sending it again is a duplicate
        let restarted = ServerProcess(database: path)
        try restarted.start()
        defer { restarted.stop() }
        try await TestClient.withClient(host: "127.0.0.1", port: restarted.port) { client in
            for (token, ids) in sent {
                for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                    let events = chunk.map { Self.event($0, step: 1) }
                    let body = try await client.postJSON("/api/v1/progress", headers: bearer(token), body: json(["events": events])).body
                    #expect(body["accepted"] as? Int == 0)
                    #expect(body["duplicates"] as? Int == chunk.count)
                }
            }
        }
        restarted.stop()

        // And nothing is corrupted
        let database = try AppDatabase.open(path: path)
        #expect(try database.integrityCheck() == ["ok"])
    }

    @Test("binhdan backup copies the database while the server runs", .timeLimit(.minutes(1)))
    func backupWhileServing() async throws {
        let (directory, path) = Self.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = ServerProcess(database: path)
        try server.start()
        defer { server.stop() }
        let learnerID = try await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
            let body = try await client.postJSON("/api/v1/citizens", headers: jsonHeaders, body: json(["name": "Bà Năm"])).body
            return try #require((body["learner"] as? [String: Any])?["id"] as? String)
        }

        let destination = directory.appendingPathComponent("backup.sqlite").path
        let backup = Process()
        backup.executableURL = URL(fileURLWithPath: ServerProcess.executable)
        backup.arguments = ["backup", destination, "--database", path]
        backup.standardOutput = FileHandle.nullDevice
        try backup.run()
        backup.waitUntilExit()
        #expect(backup.terminationStatus == 0)

        let copy = try AppDatabase.open(path: destination)
        #expect(try copy.integrityCheck() == ["ok"])
        #expect(try copy.learner(id: learnerID)?.displayName == "Bà Năm")
    }
}

extension TestClient {
    /// POSTs a body and returns the status and the decoded JSON object (empty when there is none).
    func postJSON(_ uri: String, headers: HTTPFields, body: ByteBuffer) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        let response = try await post(uri, headers: headers, body: body)
        let object = response.body.flatMap { try? JSONSerialization.jsonObject(with: Data(buffer: $0)) as? [String: Any] } ?? [:]
        return (response.status, object)
    }
}

/// Event ids the server acknowledged, per learner token.
actor Acknowledged {
    private(set) var all: [String: [String]] = [:]
    private(set) var count = 0

    func add(token: String, ids: [String]) {
        all[token, default: []] += ids
        count += ids.count
    }
}
