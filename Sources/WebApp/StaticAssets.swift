import Foundation

/// CSS, JavaScript, images and the OpenAPI document from `Static/`, read once and served from memory.
public struct StaticAssets: Sendable {
    /// Shared by every copy, so that a reload (see `ContentReloader`) reaches all of them at once.
    private let storage: SharedValue<[String: MemoryFile]>
    /// Path relative to `Static/` → file.
    var files: [String: MemoryFile] { storage.value }

    init(files: [String: MemoryFile]) {
        self.storage = SharedValue(files)
    }

    /// Serves `other`'s files from now on, in every copy of this value.
    func replaceFiles(with other: StaticAssets) {
        storage.value = other.files
    }

    /// Folders of `Static/` that hold server-side files, never served.
    static let privateFolders: Set<String> = ["templates", "i18n"]

    public static func load(directory: String) throws -> StaticAssets {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: directory) else {
            throw StartupError.missingDirectory(directory)
        }
        var files: [String: MemoryFile] = [:]
        while let relative = enumerator.nextObject() as? String {
            let first = relative.split(separator: "/").first.map(String.init) ?? relative
            if privateFolders.contains(first) || relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                continue
            }
            let path = "\(directory)/\(relative)"
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            files[relative] = MemoryFile(bytes: bytes, contentType: MediaType.forFile(relative))
        }
        return StaticAssets(files: files)
    }

    /// A link to a static file that changes whenever the file does, so browsers may keep it for a year.
    func versionedPath(_ relative: String) -> String {
        let version = files[relative].map { $0.etag.dropFirst().prefix(12) } ?? ""
        return SitePath.asset(relative).path + (version.isEmpty ? "" : "?v=\(version)")
    }
}
