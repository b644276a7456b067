import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The consultation register (网络和来电咨询总册, ORG-19): the line answers a phone or online consultation
/// and registers it with the general (HOS-01) and targeted (HOS-02) fields, the channel and media source
/// from the rulebook, the answering agent and an optional referral to an expert.
struct Consultations {
    let db: any Database
    let services: AppServices

    struct Input: Sendable {
        var channel: String?, mediaSource: String?, age: Int?, sex: String?, courseOfDisease: String?, history: String?
        var diseaseType: String?, address: String?, phone: String?, visitIntention: String?, concerns: String?
        var healthConsultation: String?, priceComparison: String?, consumptionHabits: String?, economicStatus: String?
        var personType: String?, answer: String?, expertReferral: String?
    }

    func register(_ input: Input, by staff: StaffUser) async throws -> HospitalConsultationRecord {
        let rules = services.rulebook.hospital
        var f = HospitalFields()
        let record = HospitalConsultationRecord()
        record.channel = f.required(input.channel, "channel", limit: 64)
        record.mediaSource = f.required(input.mediaSource, "media_source", limit: 64)
        if !record.channel.isEmpty, rules.channel(record.channel) == nil { f.errors["channel"] = "error.field.unknown" }
        if !record.mediaSource.isEmpty, rules.mediaSource(record.mediaSource) == nil { f.errors["media_source"] = "error.field.unknown" }
        if let age = input.age, !(0...130).contains(age) { f.errors["age"] = "error.field.invalid_value" }
        record.age = input.age
        record.sex = f.required(input.sex, "sex", limit: 16)
        if !record.sex.isEmpty, PatientSex(rawValue: record.sex) == nil { f.errors["sex"] = "error.field.unknown" }
        record.visitIntention = f.required(input.visitIntention, "visit_intention", limit: 16)
        if !record.visitIntention.isEmpty, VisitIntention(rawValue: record.visitIntention) == nil {
            f.errors["visit_intention"] = "error.field.unknown"
        }
        record.diseaseType = f.required(input.diseaseType, "disease_type", limit: 100)
        record.courseOfDisease = f.optional(input.courseOfDisease, "course_of_disease")
        record.history = f.optional(input.history, "history", limit: 2_000)
        record.address = f.optional(input.address, "address", limit: 200)
        record.phone = f.optional(input.phone, "phone", limit: 32)
        if let phone = record.phone {
            if let number = PhoneNumber(phone) { record.phone = number.digits } else { f.errors["phone"] = "error.field.phone" }
        }
        record.concerns = f.optional(input.concerns, "concerns", limit: 2_000)
        record.healthConsultation = f.optional(input.healthConsultation, "health_consultation", limit: 2_000)
        record.priceComparison = f.optional(input.priceComparison, "price_comparison")
        record.consumptionHabits = f.optional(input.consumptionHabits, "consumption_habits")
        record.economicStatus = f.optional(input.economicStatus, "economic_status", limit: 100)
        record.personType = f.optional(input.personType, "person_type", limit: 100)
        record.answer = f.optional(input.answer, "answer", limit: 4_000)
        record.expertReferral = f.optional(input.expertReferral, "expert_referral", limit: 100)
        try f.check()
        try HospitalFields.checkPhrases([record.answer], rules: rules)
        let now = services.now().roundedToMilliseconds
        record.answeredBy = staff.id
        record.answeredByName = staff.displayName
        record.createdAt = now
        record.version = 1
        return try await db.transaction { db in
            try await record.create(on: db)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "hospital_consultation.registered",
                subjectType: "hospital_consultation", subjectID: record.id!, summary: "\(record.channel) / \(record.mediaSource)",
                ruleKey: "hospital.channels", rulebookVersion: services.rulebook.versionShort))
            return record
        }
    }

    struct Filter: Sendable {
        var channel: String?, mediaSource: String?, arrived: Bool?
    }

    /// Newest first, filtered by channel, media source and arrival (each filter has its index).
    func list(_ filter: Filter, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<HospitalConsultationRecord> {
        var query = HospitalConsultationRecord.query(on: db)
        if let channel = filter.channel { query = query.filter(\.$channel == channel) }
        if let source = filter.mediaSource { query = query.filter(\.$mediaSource == source) }
        if let arrived = filter.arrived { query = arrived ? query.filter(\.$arrivedAt != nil) : query.filter(\.$arrivedAt == nil) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$createdAt < date).group(.and) { $0.filter(\.$createdAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id!).encoded } : nil)
    }

    func find(_ id: UUID) async throws -> HospitalConsultationRecord {
        guard let record = try await HospitalConsultationRecord.find(id, on: db) else { throw DomainError.notFound(subject: "hospital_consultation") }
        return record
    }
}
