import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebApp

@Suite("End to end")
struct LiveServerTests {
    @Test("the real server on a loopback port serves pages, the API and images, then stops")
    func liveServer() async throws {
        let app = try await makeApp()
        try await app.test(.live) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(home.text.contains("Làm quen với VNeID"))

            let step = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/1", method: .get)
            #expect(step.text.contains("Bước 1/3"))

            let lesson = try await client.execute(uri: "/api/v1/courses/vneid-thu/lessons/gioi-thieu", method: .get)
            #expect(lesson.status == .ok)
            #expect(lesson.text.contains("\"contentHash\""))

            let image = try await client.execute(uri: "/media/vneid-thu/images/man-hinh.svg", method: .get)
            #expect(image.text.hasPrefix("<svg"))

            let head = try await client.execute(uri: "/courses/vneid-thu", method: .head)
            #expect(head.status == .ok)
        }
    }
}
