import CourseEngine
import Dispatch
import Foundation
import Logging
import ServiceLifecycle

/// `binhdan serve --watch`: polls the content and static folders and reloads soon after anything changes, printing
/// the new content's diagnostics on the terminal as `binhdan check` does.
struct ContentWatcher: Service {
    let folders: [String]
    let reloader: ContentReloader
    var interval: Duration = .milliseconds(300)

    /// Path → (size, modification time) of every visible file below the folders; cheap enough to take often.
    static func snapshot(of folders: [String]) -> [String: String] {
        let fileManager = FileManager.default
        var result: [String: String] = [:]
        for folder in folders {
            guard let enumerator = fileManager.enumerator(atPath: folder) else { continue }
            while let relative = enumerator.nextObject() as? String {
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                let path = "\(folder)/\(relative)"
                guard let attributes = try? fileManager.attributesOfItem(atPath: path) else { continue }
                let size = attributes[.size] as? Int ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[path] = "\(size) \(modified)"
            }
        }
        return result
    }

    func run() async throws {
        var last = Self.snapshot(of: folders)
        print("binhdan is watching \(folders.joined(separator: ", ")) for changes")
        fflush(nil)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            let now = Self.snapshot(of: folders)
            guard now != last else { continue }
            last = now
            // The terminal gets the diagnostics as `binhdan check` prints them, not again through the logger.
            let outcome = await reloader.reload(logDiagnostics: false)
            Self.printOutcome(outcome)
        }
    }

    /// `file:line:column: error|warning: message` lines, then one summary line.
    static func printOutcome(_ outcome: ReloadOutcome) {
        for diagnostic in outcome.diagnostics { print(diagnostic.formatted) }
        let errors = outcome.diagnostics.filter { $0.severity == .error }.count
        let counts = "\(errors) error(s), \(outcome.diagnostics.count - errors) warning(s)"
        if outcome.published {
            print(
                "reloaded: \(outcome.courses) course(s), \(outcome.lessons) lesson(s), \(outcome.quizzes) quiz(zes); \(counts)"
            )
        } else {
            print("not reloaded: the last good content stays published; \(counts)")
        }
        fflush(nil)
    }
}

/// Reloads the content when the process receives SIGHUP, instead of ending it.
struct HangupReloader: Service {
    let reloader: ContentReloader

    func run() async throws {
        // buildApplication has set SIGHUP to be ignored, so that only this dispatch source is told of it.
        signal(SIGHUP, SIG_IGN)
        let (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { continuation.yield() }
        source.resume()
        defer { source.cancel() }
        for await _ in signals.cancelOnGracefulShutdown() {
            await reloader.reload()
        }
    }
}
