import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import NIOConcurrencyHelpers
import Vapor

/// The customer's survey page behind a one-time link (API.md: public): no login, mobile-sized, expires,
/// cannot be replayed (the token is spent with the answer), and rate-limited per address.
struct PublicSurveyController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "survey", ":token", access: .public, summary: "Customer survey page (one-time link)", use: page)
        routes.on(.POST, "survey", ":token", access: .public, summary: "Customer survey answer (one-time link)", use: answer)
    }

    struct Page: Encodable {
        struct Item: Encodable { let name: String, label: String }
        struct Level: Encodable { let value: String, label: String }
        let shell: PageShell, organization: String, subject: String?, number: String?, items: [Item], levels: [Level]
        let message: String?, done: Bool, token: String, errors: [String: String]
    }

    private func render(_ req: Request, token: String, record: CaseRecord?, message: String?, done: Bool, errors: [String: String] = [:]) async throws -> View {
        let rules = req.services.rulebook
        return try await req.view.render("returnvisits/public", Page(
            shell: PageShell(req, title: req.t("survey.public_title")), organization: rules.organization.name,
            subject: record?.subject, number: record?.number,
            items: SurveyAnswers.items.map { .init(name: $0, label: req.t("survey.item.\($0)")) },
            levels: rules.surveys.scale.levels.map { .init(value: $0, label: req.t("survey.level.\($0)")) },
            message: message, done: done, token: token, errors: errors))
    }

    @Sendable func page(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard req.application.surveyLimiter.allow(req.remoteAddress?.ipAddress ?? "?", now: req.services.now()) else { throw Failure(status: .tooManyRequests, code: "rate_limited", messageKey: "error.rate_limited", retryAfter: Int(req.application.surveyLimiter.window)) }
        do {
            let (_, record) = try await Surveys(db: req.db, services: req.services).caseFor(token: token, db: req.db)
            return try await render(req, token: token, record: record, message: nil, done: false).encodeResponse(for: req)
        } catch let error as DomainError {
            let response = try await render(req, token: token, record: nil, message: req.refusal(error).0, done: true).encodeResponse(for: req)
            response.status = error == .notFound(subject: "survey") ? .notFound : .gone
            return response
        }
    }

    @Sendable func answer(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard req.application.surveyLimiter.allow(req.remoteAddress?.ipAddress ?? "?", now: req.services.now()) else { throw Failure(status: .tooManyRequests, code: "rate_limited", messageKey: "error.rate_limited", retryAfter: Int(req.application.surveyLimiter.window)) }
        let body = try req.content.decode(SurveyRequest.self)
        do {
            _ = try await Surveys(db: req.db, services: req.services).answer(token: token, body)
            return try await render(req, token: token, record: nil, message: req.t("survey.thanks"), done: true).encodeResponse(for: req)
        } catch DomainError.validation(let fields) {
            let record = try? await Surveys(db: req.db, services: req.services).caseFor(token: token, db: req.db).1
            let response = try await render(req, token: token, record: record, message: req.t("error.validation_failed"), done: false,
                                            errors: fields.mapValues { req.t($0) }).encodeResponse(for: req)
            response.status = .badRequest
            return response
        } catch let error as DomainError {
            let response = try await render(req, token: token, record: nil, message: req.refusal(error).0, done: true).encodeResponse(for: req)
            response.status = error == .notFound(subject: "survey") ? .notFound : .gone
            return response
        }
    }
}

/// A fixed-window counter per client address, in memory (one node's view is enough to stop a script
/// guessing links; a real user needs a handful of requests).
final class AddressRateLimiter: Sendable {
    private let counts = NIOLockedValueBox<[String: (start: Date, count: Int)]>([:])
    let limit: Int
    let window: TimeInterval

    init(limit: Int, window: TimeInterval) { self.limit = limit; self.window = window }

    func allow(_ address: String, now: Date) -> Bool {
        counts.withLockedValue { table in
            if table.count > 10_000 { table = table.filter { now.timeIntervalSince($0.value.start) < window } }
            var entry = table[address] ?? (now, 0)
            if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
            entry.count += 1
            table[address] = entry
            return entry.count <= limit
        }
    }
}

extension Application {
    private struct SurveyLimiterKey: StorageKey { typealias Value = AddressRateLimiter }

    /// Per application (so each test app starts afresh): 30 survey requests per address in 10 minutes.
    var surveyLimiter: AddressRateLimiter {
        if let limiter = storage[SurveyLimiterKey.self] { return limiter }
        let limiter = AddressRateLimiter(limit: 30, window: 600)
        storage[SurveyLimiterKey.self] = limiter
        return limiter
    }
}
