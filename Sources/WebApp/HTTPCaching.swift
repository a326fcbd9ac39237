import Foundation
import CourseEngine
import Hummingbird

/// Responses built from bytes in memory, with an ETag, Cache-Control, and 304 for a matching If-None-Match.
enum HTTPCaching {
    /// Pages and API documents: the browser may keep them but must ask again each time.
    static let revalidate = "no-cache"
    /// Fingerprinted assets never change under the same URL.
    static let immutable = "public, max-age=31536000, immutable"
    /// Course images and unversioned assets.
    static let shortLived = "public, max-age=3600"

    static func response(
        bytes: some Collection<UInt8>, contentType: String, request: Request, etag: String? = nil,
        cacheControl: String = revalidate, status: HTTPResponse.Status = .ok, extraHeaders: HTTPFields = [:]
    ) -> Response {
        let tag = etag ?? "\"\(ContentHash.hex(of: Array(bytes)).prefix(32))\""
        var headers = extraHeaders
        headers[.eTag] = tag
        headers[.cacheControl] = cacheControl
        if status == .ok, let ifNoneMatch = request.headers[.ifNoneMatch], matches(ifNoneMatch, tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func response(file: MemoryFile, request: Request, cacheControl: String) -> Response {
        response(bytes: file.bytes, contentType: file.contentType, request: request, etag: file.etag, cacheControl: cacheControl)
    }

    /// True when an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET).
    static func matches(_ header: String, _ etag: String) -> Bool {
        let bare = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        for candidate in header.split(separator: ",") {
            var value = candidate.trimmingCharacters(in: .whitespaces)
            if value == "*" { return true }
            if value.hasPrefix("W/") { value.removeFirst(2) }
            if value == bare { return true }
        }
        return false
    }
}
