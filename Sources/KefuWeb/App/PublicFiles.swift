import Foundation
import NIOCore
import Vapor

/// Issue 22: Kefu's static files (Resources/Public: one stylesheet and a few scripts, under 100 KB) are read
/// once at start and answered from memory. Vapor's FileMiddleware asked the file system about every request
/// that passed it — pages and API calls too — on the blocking-I/O thread pool, then streamed the file from disk
/// through more hops: a static file came at ~2,500/s where a bare route does ~15,000/s.
///
/// The answers are FileMiddleware's: ETag `"<mtime seconds>-<size>"`, Last-Modified, Accept-Ranges, the media
/// type from the extension, 304 on a matching If-None-Match. A Range request is left to Vapor's streaming.
/// The files are read when the server starts: after changing one, restart it.
struct PublicFiles: Sendable {
    struct File: Sendable {
        let absolutePath: String
        let body: ByteBuffer
        let eTag: String
        /// The 200 answer's headers (Content-Length included), and the 304's.
        let okHeaders: HTTPHeaders
        let notModifiedHeaders: HTTPHeaders
    }

    /// By URL path ("/css/kefu.css").
    let files: [String: File]

    init(directory: String) {
        let root = directory.hasSuffix("/") ? directory : directory + "/"
        var files: [String: File] = [:]
        for relative in FileManager.default.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? [] {
            let absolute = root + relative
            var info = stat()
            // stat follows symbolic links, as FileMiddleware did; directories are not served (it served none).
            guard stat(absolute, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                  let data = FileManager.default.contents(atPath: absolute) else { continue }
            let seconds = Int(info.st_mtim.tv_sec)
            let eTag = "\"\(seconds)-\(data.count)\""
            var headers = HTTPHeaders()
            headers.lastModified = HTTPHeaders.LastModified(Date(timeIntervalSince1970: TimeInterval(seconds)))
            headers.add(name: .eTag, value: eTag)
            headers.add(name: .contentLength, value: String(data.count))
            let notModified = headers
            headers.add(name: .acceptRanges, value: "bytes")
            if let type = HTTPMediaType.fileExtension(relative.components(separatedBy: ".").last ?? "") {
                headers.contentType = type
            }
            files["/" + relative] = File(absolutePath: absolute, body: ByteBuffer(bytes: data), eTag: eTag,
                                         okHeaders: headers, notModifiedHeaders: notModified)
        }
        self.files = files
    }

    /// The file at a URL path that is already percent-decoded and free of `..` (PathGuardMiddleware).
    func file(at decodedPath: String) -> File? {
        var path = Substring(decodedPath)
        while path.hasPrefix("//") { path = path.dropFirst() }  // FileMiddleware dropped every leading slash
        return files[String(path)]
    }

    /// The answer to GET/HEAD of `file` with no Range: 200, or 304 when the client already holds it.
    func answer(_ file: File, to request: Request, extraHeaders: HTTPHeaders) -> Response {
        let notModified = request.headers.first(name: .ifNoneMatch) == file.eTag
        var headers = notModified ? file.notModifiedHeaders : file.okHeaders
        headers.add(contentsOf: extraHeaders)
        return Response(status: notModified ? .notModified : .ok, version: request.version, headersNoUpdate: headers,
                        body: notModified ? .empty : .init(buffer: file.body))
    }
}

/// In the middleware chain where FileMiddleware was: serves the public files (a Range request streams from
/// disk through Vapor), passes everything else on without touching the file system.
struct PublicFilesMiddleware: AsyncMiddleware {
    let files: PublicFiles

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let decoded = request.url.path.removingPercentEncoding else { throw Abort(.badRequest) }
        guard let file = files.file(at: decoded) else { return try await next.respond(to: request) }
        if request.headers.contains(name: .range) {
            return try await request.fileio.asyncStreamFile(at: file.absolutePath)
        }
        return files.answer(file, to: request, extraHeaders: [:])
    }
}
