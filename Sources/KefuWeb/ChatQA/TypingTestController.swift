import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// ORG-08/09/11: `POST /api/v1/typing-samples` (the console and the test page report what the agent typed)
/// and `/console/typing-test`: a passage, a text box and a timer; the page's script counts typed characters,
/// refuses pasted text, and submits the sample; the result is set against the rulebook's 30/50 levels.
struct TypingTestController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "typing-samples", access: .authenticated,
                  summary: "Record my typing sample {source: test|console, typed_chars, typed_ms} (ORG-08/09/11)", request: SampleBody.self, response: SampleResponse.self, status: .created, use: create)
        routes.on(.GET, "console", "typing-test", access: .authenticated, summary: "Typing test (ORG-08/09/11)", use: page)
        routes.on(.POST, "console", "typing-test", access: .authenticated, summary: "Submit a typing test (form)", use: submit)
    }

    struct SampleBody: Content {
        let userId: UUID?, source: String?, typedChars: Int?, typedMs: Int?
        enum CodingKeys: String, CodingKey { case source, userId = "user_id", typedChars = "typed_chars", typedMs = "typed_ms" }
    }

    struct SampleResponse: Content {
        let id: UUID, source: String, typedChars: Int, typedMs: Int, speed: Int, month: String, at: Date, required: Int, meets: Bool
        enum CodingKeys: String, CodingKey {
            case id, source, speed, month, at, required, meets
            case typedChars = "typed_chars", typedMs = "typed_ms"
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let body = try req.content.decode(SampleBody.self)
        // Only one's own typing: a sample for someone else is refused, not stored under the caller.
        if let other = body.userId, other != staff.id { throw DomainError.forbidden(reason: "error.forbidden") }
        let record = try await TypingSamples(db: req.db, services: req.services)
            .record(userID: staff.id, source: body.source, characters: body.typedChars, milliseconds: body.typedMs)
        let required = try await Self.required(for: staff, req: req)
        let response = try await SampleResponse(id: record.id!, source: record.source, typedChars: record.typedChars, typedMs: record.typedMs,
                                                speed: record.speed, month: record.month, at: record.at, required: required,
                                                meets: record.speed >= required).encodeResponse(for: req)
        response.status = .created
        return response
    }

    /// ORG-11: the speed the person's grade must reach (a new agent without a grade: the probation level).
    static func required(for staff: StaffUser, req: Request) async throws -> Int {
        let grade = try await UserRepository(db: req.db).find(staff.id)?.grade.flatMap(Grade.init(rawValue:)) ?? .probation
        return req.services.rulebook.staff.typingSpeed(for: grade)
    }

    struct Level: Encodable { let label: String, speed: Int, met: Bool }
    struct Sample: Encodable { let at: String, source: String, speed: Int }
    struct Page: Encodable {
        let shell: PageShell, passage: String, result: Int?, levels: [Level], required: Int, meetsRequired: Bool?, best: Int?
        let samples: [Sample]
    }

    /// `?sample=` shows the result of one of the caller's own samples (after the form redirected there).
    @Sendable func page(req: Request) async throws -> Response {
        var result: Int?
        if let id = req.query[UUID.self, at: "sample"], let sample = try await TypingSampleRecord.find(id, on: req.db),
           sample.userID == (try req.requireStaff()).id {
            result = sample.speed
        }
        return try await render(req, result: result, refusal: nil)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        struct Form: Content { let typed_chars: Int?, typed_ms: Int? }
        let form = try? req.content.decode(Form.self)
        do {
            let record = try await TypingSamples(db: req.db, services: req.services)
                .record(userID: try req.requireStaff().id, source: "test", characters: form?.typed_chars, milliseconds: form?.typed_ms)
            // Post/redirect/get: reloading the result page does not submit the test again.
            return req.redirect(to: "/console/typing-test?sample=\(record.id!)")
        } catch let error as DomainError {
            return try await render(req, result: nil, refusal: req.refusal(error))
        }
    }

    func render(_ req: Request, result: Int?, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let rules = req.services.rulebook.staff
        let required = try await Self.required(for: staff, req: req)
        let month = QualityPeriod.month(of: req.services.rulebook.calendar.localDate(of: req.services.now()))
        let samples = TypingSamples(db: req.db, services: req.services)
        // The two levels of the seeds (ORG-08/09: 初级 30, 中级 50), as the rulebook sets them now.
        let levels = [Grade.junior, .intermediate].map { grade in
            Level(label: req.t("grade.\(grade.rawValue)"), speed: rules.typingSpeed(for: grade), met: (result ?? -1) >= rules.typingSpeed(for: grade))
        }
        let view = try await req.view.render("chatqa/typing-test", Page(
            shell: PageShell(req, title: req.t("typing.title"), flashError: refusal?.message), passage: req.t("typing.passage"), result: result,
            levels: levels, required: required, meetsRequired: result.map { $0 >= required },
            best: try await samples.figures(month: month, userID: staff.id)[staff.id]?.testBest,
            samples: try await samples.latest(userID: staff.id, month: month).map {
                Sample(at: DisplayTime.format($0.at, req), source: req.t("typing.source.\($0.source)"), speed: $0.speed)
            }))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }
}
